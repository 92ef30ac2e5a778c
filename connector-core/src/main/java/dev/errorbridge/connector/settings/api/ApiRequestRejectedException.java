package dev.errorbridge.connector.settings.api;

/**
 * A request refused before it reached the service (method, media type, size, parameters): the
 * client's mistake, so no stack trace is kept.
 */
class ApiRequestRejectedException extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;

  ApiRequestRejectedException(int status, String code, String message) {
    this(status, code, message, null);
  }

  /**
   * @param field the parameter or header at fault, listed as the answer's one problem; or {@code
   *     null}
   */
  ApiRequestRejectedException(int status, String code, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  String field() {
    return field;
  }
}
