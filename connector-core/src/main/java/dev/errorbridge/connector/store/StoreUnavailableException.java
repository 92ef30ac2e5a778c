package dev.errorbridge.connector.store;

/**
 * DynamoDB could not be reached or refused a request for a reason other than a conflict or a failed
 * condition. {@link #retryable()} says whether trying again later may succeed (throttling, 5xx,
 * timeouts, connection resets) or an operator must act first (missing table, access denied, an
 * invalid request). The message names the connection or event and what to do next.
 */
public class StoreUnavailableException extends RuntimeException {
  private final boolean retryable;

  public StoreUnavailableException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether trying the same call again later may succeed without anyone changing anything. */
  public boolean retryable() {
    return retryable;
  }
}
