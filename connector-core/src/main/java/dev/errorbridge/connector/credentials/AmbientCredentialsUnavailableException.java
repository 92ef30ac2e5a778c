package dev.errorbridge.connector.credentials;

import dev.errorbridge.connector.connection.DestinationAuth.AuthMode;

/**
 * The runtime's own credentials (the Lambda function's role, the default provider chain) could not
 * be resolved for a connection that publishes with them.
 */
public class AmbientCredentialsUnavailableException extends DestinationCredentialsException {

  public AmbientCredentialsUnavailableException(
      String message,
      String connectionId,
      CredentialsFailureAction action,
      String awsErrorCode,
      Throwable cause) {
    super(message, connectionId, AuthMode.AMBIENT, action, awsErrorCode, cause);
  }
}
