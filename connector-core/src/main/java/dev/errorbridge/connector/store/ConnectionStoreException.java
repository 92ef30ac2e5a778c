package dev.errorbridge.connector.store;

/**
 * DynamoDB could not be reached or refused the request for a reason other than a conflict. {@link
 * #retryable()} says whether trying again later may succeed (throttling, 5xx, timeouts) or an
 * operator must act (missing table, access denied).
 */
public class ConnectionStoreException extends RuntimeException {
  private final boolean retryable;

  public ConnectionStoreException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether trying again later may succeed. */
  public boolean retryable() {
    return retryable;
  }
}
