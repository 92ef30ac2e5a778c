package dev.errorbridge.server.http;

/**
 * A request the client must fix, found deep in a handler (a malformed query string, say): answered
 * with its 4xx problem by {@link HttpApi}'s exception mapping and logged at DEBUG without a stack,
 * never as a server fault.
 */
final class RequestRefusedException extends RuntimeException {
  private final int status;
  private final String error;
  private final String field;

  /**
   * @param field the parameter at fault, or {@code null}
   */
  RequestRefusedException(int status, String error, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
    this.field = field;
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }

  String field() {
    return field;
  }
}
