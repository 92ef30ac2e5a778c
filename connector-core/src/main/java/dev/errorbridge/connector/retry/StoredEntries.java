package dev.errorbridge.connector.retry;

import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.mapping.EntrySize;
import dev.errorbridge.connector.mapping.MappedEvent;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** Turns a stored entry (of a parked event or a dead letter) back into a publishable event. */
final class StoredEntries {
  private StoredEntries() {}

  /**
   * The event to send again: the entry exactly as it was first built (the detail's bytes are kept
   * verbatim, so its {@code eventId} and contents do not change), sized by AWS's formula.
   */
  static MappedEvent toEvent(String eventId, DeadLetter.Entry entry) {
    PutEventsRequestEntry put =
        PutEventsRequestEntry.builder()
            .source(entry.source())
            .detailType(entry.detailType())
            .detail(entry.detail())
            .resources(entry.resources())
            .time(entry.time())
            .build();
    // Whether it was shrunk when first built is not stored; the flag only informs metrics.
    return new MappedEvent(eventId, put, EntrySize.of(put), false);
  }
}
