package dev.errorbridge.connector.settings;

import dev.errorbridge.connector.connection.StoredSecret;
import dev.errorbridge.connector.secrets.SecretCipher;
import dev.errorbridge.connector.secrets.SecretPurpose;
import dev.errorbridge.connector.secrets.SecretRef;
import dev.errorbridge.connector.secrets.SecretValue;

/** Encrypts the plaintext secrets of a request for one connection, at once, and forgets them. */
final class SecretSealer {
  private final SecretCipher cipher;
  private final String tenantId;
  private final String connectionId;

  SecretSealer(SecretCipher cipher, String tenantId, String connectionId) {
    this.cipher = cipher;
    this.tenantId = tenantId;
    this.connectionId = connectionId;
  }

  /** The sealed secret, or {@code null} for {@code null}. */
  StoredSecret seal(SecretValue plaintext, SecretPurpose purpose) {
    if (plaintext == null) {
      return null;
    }
    SecretRef ref = new SecretRef(tenantId, connectionId, purpose);
    return new StoredSecret(cipher.encrypt(ref, plaintext), plaintext.hint());
  }

  /** The same secret encrypted under the cipher's current key, or {@code null} for {@code null}. */
  StoredSecret reseal(StoredSecret stored, SecretPurpose purpose) {
    if (stored == null) {
      return null;
    }
    SecretRef ref = new SecretRef(tenantId, connectionId, purpose);
    return new StoredSecret(cipher.reencrypt(ref, stored.encrypted()), stored.hint());
  }
}
