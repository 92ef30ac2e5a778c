package dev.errorbridge.connector.credentials;

import dev.errorbridge.connector.connection.DestinationAuth.AuthMode;

/**
 * A connection's stored access keys could not be decrypted (the KMS key is disabled, missing or not
 * usable by the runtime, the ciphertext does not belong to the connection, or KMS failed).
 */
public class AccessKeysUnavailableException extends DestinationCredentialsException {

  public AccessKeysUnavailableException(
      String message,
      String connectionId,
      CredentialsFailureAction action,
      String awsErrorCode,
      Throwable cause) {
    super(message, connectionId, AuthMode.ACCESS_KEYS, action, awsErrorCode, cause);
  }
}
