package dev.errorbridge.connector.settings.api;

/** A request refused before it reached the service (media type, size, parameters). */
class ApiRequestRejectedException extends RuntimeException {
  private final int status;
  private final String code;

  ApiRequestRejectedException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
