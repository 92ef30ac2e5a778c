package dev.errorbridge.connector.secrets;

import java.util.Arrays;
import java.util.Base64;

/**
 * A KMS ciphertext as stored at rest, with the key that made it.
 *
 * @param keyId the KMS key ARN that encrypted it
 * @param ciphertext the opaque KMS ciphertext blob
 */
public record EncryptedSecret(String keyId, byte[] ciphertext) {
  public EncryptedSecret {
    ciphertext = ciphertext.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** Base64, for storing in a string attribute. */
  public String ciphertextBase64() {
    return Base64.getEncoder().encodeToString(ciphertext);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EncryptedSecret e
        && keyId.equals(e.keyId)
        && Arrays.equals(ciphertext, e.ciphertext);
  }

  @Override
  public int hashCode() {
    return keyId.hashCode() * 31 + Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return "EncryptedSecret[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
  }
}
