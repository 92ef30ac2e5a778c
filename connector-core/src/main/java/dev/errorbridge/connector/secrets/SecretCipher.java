package dev.errorbridge.connector.secrets;

/**
 * Encrypts secrets at rest and decrypts them for use, bound to the connection and purpose they
 * belong to.
 */
public interface SecretCipher {

  /**
   * @throws SecretCipherException when the key cannot be used (disabled, missing, no permission)
   */
  EncryptedSecret encrypt(SecretRef ref, SecretValue secret);

  /**
   * @throws SecretCipherException when the ciphertext does not belong to {@code ref} or the key
   *     cannot be used
   */
  SecretValue decrypt(SecretRef ref, EncryptedSecret encrypted);

  /** Re-encrypts under the current key (key rotation), without the plaintext leaving KMS. */
  EncryptedSecret reencrypt(SecretRef ref, EncryptedSecret encrypted);

  /**
   * Forgets cached plaintext for a connection, e.g. after its secrets were updated or it was
   * deleted.
   */
  void invalidate(String tenantId, String connectionId);
}
