package dev.errorbridge.localaws.kms;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts and decrypts under a key's material with AES-256-GCM. The additional authenticated data
 * is the blob header (which names the key) followed by the canonical encryption context, so a blob
 * opens only under the key it names and with exactly the context it was sealed with.
 */
final class KmsCipher {
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final SecureRandom random;

  KmsCipher(SecureRandom random) {
    this.random = random;
  }

  /** Seals a plaintext under the key, with a fresh random IV, into a blob naming the key. */
  byte[] encrypt(KmsKey key, Map<String, String> context, byte[] plaintext) {
    byte[] header = KmsCiphertext.header(key.arn());
    byte[] iv = new byte[KmsCiphertext.IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key.material(), iv);
      cipher.updateAAD(additionalData(header, context));
      return KmsCiphertext.encode(header, iv, cipher.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      // AES-GCM is mandatory in every JDK, so this is a broken runtime, not a client error.
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Opens a blob with the key it names.
   *
   * @throws dev.errorbridge.localaws.internal.AwsServiceException {@code
   *     InvalidCiphertextException} when the blob was altered, was made by other key material, or
   *     was sealed with another encryption context
   */
  byte[] decrypt(KmsKey key, KmsCiphertext ciphertext, Map<String, String> context) {
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key.material(), ciphertext.iv());
      cipher.updateAAD(additionalData(ciphertext.header(), context));
      return cipher.doFinal(ciphertext.sealed());
    } catch (AEADBadTagException e) {
      throw KmsErrors.invalidCiphertext();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  private static Cipher cipher(int mode, SecretKey material, byte[] iv)
      throws GeneralSecurityException {
    // Cipher instances are not thread-safe; a fresh one per call is cheap next to an HTTP request.
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, material, new GCMParameterSpec(KmsCiphertext.TAG_BYTES * 8, iv));
    return cipher;
  }

  private static byte[] additionalData(byte[] header, Map<String, String> context) {
    byte[] encodedContext = KmsEncryptionContext.canonical(context);
    byte[] aad = new byte[header.length + encodedContext.length];
    System.arraycopy(header, 0, aad, 0, header.length);
    System.arraycopy(encodedContext, 0, aad, header.length, encodedContext.length);
    return aad;
  }
}
