package dev.errorbridge.connector.publish;

/** Decides whether a {@code PutEvents} failure is retried, reported, or stops the destination. */
public interface PutEventsErrorClassifier {

  /** Classifies a per-entry {@code ErrorCode} from a {@code PutEvents} response. */
  ErrorClass classifyEntry(String errorCode);

  /** Classifies a failure of the whole call (an SDK service or client exception). */
  ErrorClass classifyRequest(Throwable failure);
}
