package dev.errorbridge.connector.store.dynamodb;

import dev.errorbridge.connector.store.StoreUnavailableException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Runs DynamoDB calls for the stores and turns SDK failures into one message that says what failed,
 * whether retrying helps and what to do. Failed conditions and cancelled transactions pass through
 * untouched: they are outcomes each store interprets (a duplicate, a conflict), not failures.
 */
public final class StoreCalls {
  // Codes DynamoDB answers when a retry later is the cure; 5xx and transport failures are added by
  // the status check. The SDK's own isThrottlingException covers most, not all (e.g. the
  // transaction codes).
  private static final Set<String> RETRYABLE_CODES =
      Set.of(
          "ProvisionedThroughputExceededException",
          "RequestLimitExceeded",
          "ThrottlingException",
          "LimitExceededException",
          "TransactionConflictException",
          "TransactionInProgressException");

  // Per-item reasons of a cancelled transaction that a later retry can overcome.
  private static final Set<String> RETRYABLE_CANCELLATIONS =
      Set.of(
          "TransactionConflict",
          "ThrottlingError",
          "ProvisionedThroughputExceeded",
          "RequestLimitExceeded");

  private StoreCalls() {}

  /**
   * A failure, described.
   *
   * @param message what failed and what to do next
   * @param retryable whether trying again later may succeed
   */
  public record Failure(String message, boolean retryable) {}

  /**
   * Whether a cancelled transaction lost a race (a failed condition or a concurrent transaction on
   * the same items), so that re-reading and trying again is the answer.
   */
  public static boolean lostRace(TransactionCanceledException e) {
    return e.hasCancellationReasons()
        && e.cancellationReasons().stream()
            .map(CancellationReason::code)
            .anyMatch(
                code ->
                    "ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code));
  }

  /**
   * Runs {@code request}; an SDK failure becomes a {@link StoreUnavailableException} whose message
   * starts with "cannot {@code what}".
   */
  public static <T> T call(String what, Supplier<T> request) {
    try {
      return request.get();
    } catch (ConditionalCheckFailedException | TransactionCanceledException outcome) {
      throw outcome;
    } catch (SdkException e) {
      Failure failure = describe(what, e);
      throw new StoreUnavailableException(failure.message(), failure.retryable(), e);
    }
  }

  /** Describes why {@code what} failed with {@code e}. */
  public static Failure describe(String what, SdkException e) {
    if (e instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()) {
      List<String> codes =
          cancelled.cancellationReasons().stream().map(CancellationReason::code).toList();
      boolean retryable = codes.stream().anyMatch(RETRYABLE_CANCELLATIONS::contains);
      return new Failure(
          "cannot "
              + what
              + ": DynamoDB cancelled the transaction "
              + codes
              + (retryable ? "; retry later" : "; report this as an Errorbridge bug"),
          retryable);
    }
    if (e instanceof AwsServiceException service) {
      String code =
          service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      int status = service.statusCode();
      if ("ResourceNotFoundException".equals(code)) {
        return new Failure(
            "cannot "
                + what
                + ": the DynamoDB table does not exist; deploy the infra stack or check the"
                + " configured table name",
            false);
      }
      if ("AccessDeniedException".equals(code)
          || "UnrecognizedClientException".equals(code)
          || status == 403) {
        return new Failure(
            "cannot "
                + what
                + ": DynamoDB refused the credentials ("
                + code
                + "); grant the runtime's role access to the table",
            false);
      }
      boolean retryable =
          status >= 500 || service.isThrottlingException() || RETRYABLE_CODES.contains(code);
      return new Failure(
          "cannot "
              + what
              + ": DynamoDB answered "
              + status
              + " "
              + code
              + (retryable
                  ? "; retry later"
                  : "; the request itself is wrong, report this as an Errorbridge bug"),
          retryable);
    }
    return new Failure(
        "cannot "
            + what
            + ": DynamoDB is unreachable ("
            + e.getClass().getSimpleName()
            + "); check the network and the endpoint, then retry",
        true);
  }
}
