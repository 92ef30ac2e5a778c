package dev.errorbridge.connector.publish;

import dev.errorbridge.connector.mapping.MappedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Packs events into {@code PutEvents} requests of at most {@code maxEntries} entries and {@code
 * maxBytes} by AWS's entry-size formula, in input order. An entry that alone exceeds the budget
 * goes in a request of its own, so that when EventBridge refuses it, it fails alone and never takes
 * its neighbours with it.
 */
final class EntryBatcher {
  private final int maxEntries;
  private final long maxBytes;

  EntryBatcher(int maxEntries, long maxBytes) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /** Batches of input indexes. */
  List<List<Integer>> batch(List<MappedEvent> events) {
    return batch(events, MappedEvent::sizeBytes);
  }

  /** Batches of input indexes, each event's size as {@code sizeOf} counts it. */
  List<List<Integer>> batch(List<MappedEvent> events, ToLongFunction<MappedEvent> sizeOf) {
    List<List<Integer>> batches = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    long currentBytes = 0;
    for (int i = 0; i < events.size(); i++) {
      long size = sizeOf.applyAsLong(events.get(i));
      if (size > maxBytes) {
        batches.add(List.of(i));
        continue;
      }
      if (current.size() == maxEntries || currentBytes + size > maxBytes) {
        batches.add(current);
        current = new ArrayList<>();
        currentBytes = 0;
      }
      current.add(i);
      currentBytes += size;
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }
}
