package dev.errorbridge.connector.testing;

import dev.errorbridge.connector.mapping.EntrySize;
import dev.errorbridge.connector.mapping.MappedEvent;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** Mapped events for publisher tests, sized by AWS's formula. */
public final class TestEvents {
  public static final String SOURCE = "errorbridge.test";

  private TestEvents() {}

  public static List<MappedEvent> numbered(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> withDetail("evt-" + i, "{\"n\":" + i + "}"))
        .toList();
  }

  public static MappedEvent withDetail(String eventId, String detail) {
    PutEventsRequestEntry entry =
        PutEventsRequestEntry.builder()
            .source(SOURCE)
            .detailType("Workflow Execution Failed")
            .detail(detail)
            .resources("errorbridge:test:execution/" + eventId)
            .time(Instant.parse("2026-11-23T10:00:00Z"))
            .build();
    return new MappedEvent(eventId, entry, EntrySize.of(entry), false);
  }
}
