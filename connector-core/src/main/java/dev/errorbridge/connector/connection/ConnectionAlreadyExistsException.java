package dev.errorbridge.connector.connection;

/** A connection with this id already exists. */
public class ConnectionAlreadyExistsException extends RuntimeException {
  public ConnectionAlreadyExistsException(String message) {
    super(message);
  }
}
