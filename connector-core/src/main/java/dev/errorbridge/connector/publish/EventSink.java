package dev.errorbridge.connector.publish;

import dev.errorbridge.connector.mapping.MappedEvent;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The one EventBridge call a publisher makes for a batch, so that the batching, per-entry retry,
 * parking and dedup around it serve both ways of delivering: {@code PutEvents} on the customer's
 * bus ({@link PutEventsSink}) and {@code PutPartnerEvents} to the customer's partner event source
 * ({@link PutPartnerEventsSink}). A destination names its sink with {@link Destination#api()}.
 */
interface EventSink {

  /** At most this many entries go in one call. */
  int maxEntries(PublisherConfig config);

  /** The entry's size by AWS's formula as this call sends it (the call may replace the Source). */
  long sizeOf(MappedEvent event, Destination destination);

  /**
   * Sends {@code events} in one call.
   *
   * @param timeout the call's attempt timeout (the SDK's retries are off, so it bounds the call)
   * @return one result per event, in order; fewer than the events when EventBridge answered fewer
   * @throws software.amazon.awssdk.core.exception.SdkException when the whole call failed
   */
  List<EntryResult> send(
      EventBridgeClient client,
      Destination destination,
      List<MappedEvent> events,
      Duration timeout);

  /**
   * One entry's result.
   *
   * @param eventId the id EventBridge gave it, or {@code null} when it failed
   * @param errorCode the entry's error code, or {@code null}
   * @param errorMessage the entry's error message, or {@code null}
   */
  record EntryResult(String eventId, String errorCode, String errorMessage) {
    boolean delivered() {
      return errorCode == null && eventId != null;
    }
  }
}
