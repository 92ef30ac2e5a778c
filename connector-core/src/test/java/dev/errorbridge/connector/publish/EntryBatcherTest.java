package dev.errorbridge.connector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.testing.TestEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryBatcherTest {

  @Test
  void batch_whenTwentyFiveSmallEvents_packsTenTenFiveInOrder() {
    List<List<Integer>> batches = new EntryBatcher(10, 256 * 1024).batch(TestEvents.numbered(25));

    assertThat(batches).extracting(List::size).containsExactly(10, 10, 5);
    assertThat(batches.get(1)).startsWith(10).endsWith(19);
  }

  @Test
  void batch_whenBytesRunOutFirst_startsANewBatch() {
    MappedEvent big = TestEvents.withDetail("big", "{\"t\":\"" + "x".repeat(100_000) + "\"}");
    List<MappedEvent> events = List.of(big, big, big, TestEvents.withDetail("small", "{}"));

    List<List<Integer>> batches = new EntryBatcher(10, 256 * 1024).batch(events);

    assertThat(batches).containsExactly(List.of(0, 1), List.of(2, 3));
    for (List<Integer> batch : batches) {
      assertThat(batch.stream().mapToLong(i -> events.get(i).sizeBytes()).sum())
          .isLessThanOrEqualTo(256 * 1024);
    }
  }

  @Test
  void batch_whenOneEntryAloneExceedsTheBudget_isolatesIt() {
    MappedEvent huge = TestEvents.withDetail("huge", "{\"t\":\"" + "x".repeat(300_000) + "\"}");
    List<MappedEvent> events =
        List.of(TestEvents.withDetail("a", "{}"), huge, TestEvents.withDetail("b", "{}"));

    assertThat(new EntryBatcher(10, 256 * 1024).batch(events))
        .containsExactly(List.of(1), List.of(0, 2));
  }

  @Test
  void batch_whenNoEvents_returnsNoBatches() {
    assertThat(new EntryBatcher(10, 1024).batch(List.of())).isEmpty();
  }
}
