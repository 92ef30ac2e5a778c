package dev.errorbridge.connector.store;

/**
 * An item in the table cannot be read: written by a newer Errorbridge, or edited by hand. Not
 * retryable; the message names the item and what to do.
 */
public class StoreDataInvalidException extends RuntimeException {
  public StoreDataInvalidException(String message) {
    super(message);
  }

  public StoreDataInvalidException(String message, Throwable cause) {
    super(message, cause);
  }
}
