package dev.errorbridge.connector.publish;

/** Decides whether a {@code PutEvents} failure is retried, reported, or stops the destination. */
public interface PutEventsErrorClassifier {

  /** Classifies a per-entry {@code ErrorCode} from a {@code PutEvents} response. */
  ErrorClass classifyEntry(String errorCode);

  /**
   * Whether a per-entry {@code ErrorCode} speaks of the destination rather than the entry (a
   * missing bus, a denied role): when every entry of a call fails with such codes, the destination
   * refuses everything, as if the whole call had failed with it.
   */
  default boolean isDestinationWide(String entryErrorCode) {
    return false;
  }

  /** Classifies a failure of the whole call (an SDK service or client exception). */
  ErrorClass classifyRequest(Throwable failure);
}
