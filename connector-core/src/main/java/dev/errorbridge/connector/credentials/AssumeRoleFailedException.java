package dev.errorbridge.connector.credentials;

import dev.errorbridge.connector.connection.DestinationAuth.AuthMode;

/**
 * STS refused or failed to let Errorbridge assume the customer's role. {@code AccessDenied} means
 * the role's trust policy does not allow Errorbridge's account with this connection's External ID:
 * not retryable, the connection is suspended until the customer fixes the trust policy.
 */
public class AssumeRoleFailedException extends DestinationCredentialsException {
  private final String roleArn;

  public AssumeRoleFailedException(
      String message,
      String connectionId,
      String roleArn,
      CredentialsFailureAction action,
      String awsErrorCode,
      Throwable cause) {
    super(message, connectionId, AuthMode.ASSUME_ROLE, action, awsErrorCode, cause);
    this.roleArn = roleArn;
  }

  /** The role Errorbridge tried to assume. */
  public String roleArn() {
    return roleArn;
  }
}
