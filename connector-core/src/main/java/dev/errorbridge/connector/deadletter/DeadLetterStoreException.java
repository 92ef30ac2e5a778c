package dev.errorbridge.connector.deadletter;

/**
 * An event could not be parked; it is not safe, and whatever was waiting on it must not move on.
 */
public class DeadLetterStoreException extends RuntimeException {
  public DeadLetterStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
