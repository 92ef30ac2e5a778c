package dev.errorbridge.connector.publish;

import dev.errorbridge.connector.mapping.MappedEvent;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** {@code PutEvents} on the destination's bus, with the customer's credentials: 1-10 entries. */
final class PutEventsSink implements EventSink {

  @Override
  public int maxEntries(PublisherConfig config) {
    return config.maxEntriesPerRequest();
  }

  @Override
  public long sizeOf(MappedEvent event, Destination destination) {
    return event.sizeBytes();
  }

  @Override
  public List<EntryResult> send(
      EventBridgeClient client,
      Destination destination,
      List<MappedEvent> events,
      Duration timeout) {
    List<PutEventsRequestEntry> entries =
        events.stream()
            .map(e -> e.entry().toBuilder().eventBusName(destination.eventBusName()).build())
            .toList();
    PutEventsRequest request =
        PutEventsRequest.builder()
            .entries(entries)
            .overrideConfiguration(o -> o.apiCallAttemptTimeout(timeout))
            .build();
    return client.putEvents(request).entries().stream()
        .map(r -> new EntryResult(r.eventId(), r.errorCode(), r.errorMessage()))
        .toList();
  }
}
