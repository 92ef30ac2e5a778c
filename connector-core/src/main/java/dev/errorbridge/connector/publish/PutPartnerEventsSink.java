package dev.errorbridge.connector.publish;

import dev.errorbridge.connector.mapping.EntrySize;
import dev.errorbridge.connector.mapping.MappedEvent;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutPartnerEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutPartnerEventsRequestEntry;

/**
 * {@code PutPartnerEvents} with the operator's own credentials. There is no {@code EventBusName}:
 * the entry's {@code Source} is the partner event source's name ({@link Destination#eventBusName()}
 * holds it), and EventBridge routes it to the customer's partner event bus of that name. Up to
 * {@value #MAX_ENTRIES} entries per call ("Array Members: Minimum number of 1 item. Maximum number
 * of 20 items.", API_PutPartnerEvents); the size formula and limit are PutEvents' (that page refers
 * to "Calculating EventBridge PutEvents event entry size"), counted with the partner source name as
 * {@code Source}.
 */
final class PutPartnerEventsSink implements EventSink {
  /** PutPartnerEvents' documented maximum. */
  static final int MAX_ENTRIES = 20;

  @Override
  public int maxEntries(PublisherConfig config) {
    return config.maxPartnerEntriesPerRequest();
  }

  @Override
  public long sizeOf(MappedEvent event, Destination destination) {
    return event.sizeBytes()
        - EntrySize.utf8(event.entry().source())
        + EntrySize.utf8(destination.eventBusName());
  }

  @Override
  public List<EntryResult> send(
      EventBridgeClient client,
      Destination destination,
      List<MappedEvent> events,
      Duration timeout) {
    List<PutPartnerEventsRequestEntry> entries =
        events.stream().map(e -> entry(e.entry(), destination.eventBusName())).toList();
    PutPartnerEventsRequest request =
        PutPartnerEventsRequest.builder()
            .entries(entries)
            .overrideConfiguration(o -> o.apiCallAttemptTimeout(timeout))
            .build();
    return client.putPartnerEvents(request).entries().stream()
        .map(r -> new EntryResult(r.eventId(), r.errorCode(), r.errorMessage()))
        .toList();
  }

  private static PutPartnerEventsRequestEntry entry(PutEventsRequestEntry entry, String source) {
    return PutPartnerEventsRequestEntry.builder()
        .source(source)
        .detailType(entry.detailType())
        .detail(entry.detail())
        .resources(entry.resources())
        .time(entry.time())
        .build();
  }
}
