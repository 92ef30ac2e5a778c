package dev.errorbridge.connector.connection;

/**
 * Someone else changed the connection first (optimistic concurrency): read it again, reapply the
 * change, and retry with the new version.
 */
public class ConnectionConflictException extends RuntimeException {
  public ConnectionConflictException(String message) {
    super(message);
  }
}
