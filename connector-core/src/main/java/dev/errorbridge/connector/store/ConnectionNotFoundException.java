package dev.errorbridge.connector.store;

/** The connection does not exist (or belongs to another tenant). */
public class ConnectionNotFoundException extends RuntimeException {
  public ConnectionNotFoundException(String message) {
    super(message);
  }
}
