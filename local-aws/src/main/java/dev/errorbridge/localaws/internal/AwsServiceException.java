package dev.errorbridge.localaws.internal;

/**
 * An error answered to the client in AWS JSON 1.1 form: HTTP status, {@code x-amzn-ErrorType}
 * header and a {@code {"__type": ..., "message": ...}} body, which the AWS SDK turns into the
 * matching modelled exception.
 */
public final class AwsServiceException extends RuntimeException {
  private final String errorType;
  private final int httpStatus;

  public AwsServiceException(String errorType, int httpStatus, String message) {
    super(message, null, false, false);
    this.errorType = errorType;
    this.httpStatus = httpStatus;
  }

  /** A client error (HTTP 400), the status AWS uses for almost every modelled exception. */
  public static AwsServiceException clientError(String errorType, String message) {
    return new AwsServiceException(errorType, 400, message);
  }

  public static AwsServiceException validation(String message) {
    return clientError("ValidationException", message);
  }

  public String errorType() {
    return errorType;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
