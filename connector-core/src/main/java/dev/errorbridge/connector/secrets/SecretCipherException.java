package dev.errorbridge.connector.secrets;

/**
 * A secret could not be encrypted or decrypted. The message names the connection, the purpose, the
 * KMS error code and what to do; it never contains the secret.
 */
public class SecretCipherException extends RuntimeException {
  private final String kmsErrorCode;

  public SecretCipherException(String message, String kmsErrorCode, Throwable cause) {
    super(message, cause);
    this.kmsErrorCode = kmsErrorCode;
  }

  /** KMS's error code, e.g. {@code DisabledException} or {@code InvalidCiphertextException}. */
  public String kmsErrorCode() {
    return kmsErrorCode;
  }

  /**
   * Whether the KMS key itself is unusable (disabled, pending deletion, gone): the connection is in
   * ERROR.
   */
  public boolean keyUnavailable() {
    return "DisabledException".equals(kmsErrorCode)
        || "KMSInvalidStateException".equals(kmsErrorCode)
        || "NotFoundException".equals(kmsErrorCode)
        || "AccessDeniedException".equals(kmsErrorCode);
  }
}
