package dev.errorbridge.connector.store;

/** A connection with this id already exists. */
public class ConnectionAlreadyExistsException extends RuntimeException {
  public ConnectionAlreadyExistsException(String message) {
    super(message);
  }
}
