package dev.errorbridge.connector.partner;

/**
 * EventBridge did not do what Errorbridge asked of a partner event source (create, describe,
 * delete): throttled, unreachable, or refused. The message names the source and the AWS error code,
 * never a credential.
 */
public class PartnerSourceCallFailedException extends RuntimeException {
  private final String awsErrorCode;
  private final boolean retryable;

  public PartnerSourceCallFailedException(
      String message, String awsErrorCode, boolean retryable, Throwable cause) {
    super(message, cause);
    this.awsErrorCode = awsErrorCode;
    this.retryable = retryable;
  }

  /** The AWS error code, or {@code null} when EventBridge did not answer. */
  public String awsErrorCode() {
    return awsErrorCode;
  }

  /** Whether the same call may succeed later without anyone changing anything. */
  public boolean retryable() {
    return retryable;
  }
}
