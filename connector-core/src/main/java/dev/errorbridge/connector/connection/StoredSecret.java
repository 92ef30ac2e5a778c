package dev.errorbridge.connector.connection;

import dev.errorbridge.connector.secrets.EncryptedSecret;
import java.util.Objects;

/**
 * A secret as a connection keeps it: the KMS ciphertext plus a masked hint a user can recognise it
 * by (e.g. {@code ****WXYZ}). The plaintext is never held here; it is decrypted on use through the
 * {@link dev.errorbridge.connector.secrets.SecretCipher}.
 *
 * @param encrypted the ciphertext and the key that produced it
 * @param hint the masked hint shown in responses and audit records
 */
public record StoredSecret(EncryptedSecret encrypted, String hint) {
  public StoredSecret {
    Objects.requireNonNull(encrypted, "encrypted");
    Objects.requireNonNull(hint, "hint");
  }

  @Override
  public String toString() {
    return "StoredSecret[" + hint + "]";
  }
}
