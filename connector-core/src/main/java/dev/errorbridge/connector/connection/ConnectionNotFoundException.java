package dev.errorbridge.connector.connection;

/** The connection does not exist (or belongs to another tenant). */
public class ConnectionNotFoundException extends RuntimeException {
  public ConnectionNotFoundException(String message) {
    super(message);
  }
}
