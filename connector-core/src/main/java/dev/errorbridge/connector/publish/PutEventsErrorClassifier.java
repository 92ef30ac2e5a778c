package dev.errorbridge.connector.publish;

import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Decides whether a {@code PutEvents} failure is retried, reported, or stops the destination, by
 * EventBridge's documented codes: per entry only {@code ThrottlingException} and {@code
 * InternalFailure} are worth retrying; for whole calls, throttling, 5xx, timeouts and connection
 * failures are, while credential, permission and missing-resource errors will fail every time.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsResultEntry.html">
 *     PutEventsResultEntry</a>
 */
public final class PutEventsErrorClassifier {
  static final Set<String> RETRYABLE_ENTRY_CODES = Set.of("ThrottlingException", "InternalFailure");

  /**
   * Request-level codes that mean this destination cannot accept anything until its settings
   * change.
   */
  static final Set<String> FATAL_REQUEST_CODES =
      Set.of(
          "UnrecognizedClientException",
          "InvalidSignatureException",
          "IncompleteSignatureException",
          "MissingAuthenticationTokenException",
          "InvalidClientTokenId",
          "ExpiredTokenException",
          "AccessDeniedException",
          "AccessDenied",
          "NotAuthorized",
          "ResourceNotFoundException");

  /**
   * Per-entry codes about the bus or the caller, not the entry: a bus that does not exist (AWS
   * answers it per entry), permissions and resource policies, an account id that is not valid.
   */
  static final Set<String> DESTINATION_WIDE_ENTRY_CODES =
      Set.of(
          "ResourceNotFoundException",
          "AccessDeniedException",
          "NotAuthorizedForSourceException",
          "NotAuthorizedForDetailTypeException",
          "InvalidAccountIdException");

  /**
   * Whether a per-entry {@code ErrorCode} is about the destination rather than the entry, so that a
   * call whose every entry is refused alike counts as the destination refusing.
   */
  public boolean isDestinationWide(String entryErrorCode) {
    return DESTINATION_WIDE_ENTRY_CODES.contains(entryErrorCode);
  }

  /** Classifies a per-entry {@code ErrorCode} from a {@code PutEvents} response. */
  public ErrorClass classifyEntry(String errorCode) {
    return RETRYABLE_ENTRY_CODES.contains(errorCode) ? ErrorClass.RETRY : ErrorClass.REPORT;
  }

  /** Classifies a failure of the whole call (an SDK service or client exception). */
  public ErrorClass classifyRequest(Throwable failure) {
    if (failure instanceof AwsServiceException service) {
      if (service.isThrottlingException() || service.statusCode() >= 500) {
        return ErrorClass.RETRY;
      }
      String code =
          service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      if (code != null && FATAL_REQUEST_CODES.contains(code)) {
        return ErrorClass.FATAL;
      }
      // Other 4xx (validation, 413 too large) are about this request's entries, not the
      // destination.
      return ErrorClass.REPORT;
    }
    // Timeouts, resets and refused connections all surface as client exceptions.
    if (failure instanceof SdkClientException || failure instanceof IOException) {
      return ErrorClass.RETRY;
    }
    return ErrorClass.REPORT;
  }
}
