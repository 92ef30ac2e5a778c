package dev.errorbridge.connector.retry;

/**
 * A replay cannot start: the connection is switched off or suspended, or its destination's
 * credentials cannot be resolved. Nothing was sent or removed. The message says what to fix before
 * replaying again; it never carries a secret.
 */
public class ReplayNotPossibleException extends RuntimeException {
  public ReplayNotPossibleException(String message) {
    super(message);
  }

  public ReplayNotPossibleException(String message, Throwable cause) {
    super(message, cause);
  }
}
