package dev.errorbridge.connector.store;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns DynamoDB failures into {@link ConnectionStoreException}s that say what to do. */
final class StoreErrors {
  private StoreErrors() {}

  static ConnectionStoreException translate(String what, SdkException e) {
    if (e instanceof AwsServiceException service) {
      String code =
          service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      int status = service.statusCode();
      if ("ResourceNotFoundException".equals(code)) {
        return new ConnectionStoreException(
            "cannot "
                + what
                + ": the DynamoDB table does not exist; deploy the infra stack or"
                + " check the configured table name",
            false,
            e);
      }
      if ("AccessDeniedException".equals(code) || status == 403) {
        return new ConnectionStoreException(
            "cannot "
                + what
                + ": access to the DynamoDB table was denied ("
                + code
                + "); grant"
                + " the runtime's role dynamodb access to the table",
            false,
            e);
      }
      boolean retryable = status >= 500 || service.isThrottlingException();
      return new ConnectionStoreException(
          "cannot "
              + what
              + ": DynamoDB answered "
              + status
              + " "
              + code
              + (retryable ? "; it is retried on the next cycle" : ""),
          retryable,
          e);
    }
    return new ConnectionStoreException(
        "cannot "
            + what
            + ": DynamoDB is unreachable ("
            + e.getClass().getSimpleName()
            + "); check the network and endpoint, it is retried on the next cycle",
        true,
        e);
  }
}
