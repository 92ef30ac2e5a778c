package dev.errorbridge.connector.poll;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link PollRunner} run did: one report per connection, in the order given.
 *
 * @param cycles the cycles' reports
 * @param elapsed how long the run took
 */
public record PollRunReport(List<PollCycleReport> cycles, Duration elapsed) {

  public PollRunReport {
    cycles = List.copyOf(cycles);
  }

  /** How many cycles ended with {@code status}. */
  public long count(PollStatus status) {
    return cycles.stream().filter(c -> c.status() == status).count();
  }

  /**
   * How many cycles ended with each status that some cycle ended with, in {@link PollStatus}'s
   * order, e.g. {@code {COMPLETE=3, RATE_LIMITED=1, BUSY=1}}: every status counted, none dropped.
   */
  public Map<PollStatus, Long> statuses() {
    Map<PollStatus, Long> counts = new EnumMap<>(PollStatus.class);
    cycles.forEach(c -> counts.merge(c.status(), 1L, Long::sum));
    return Collections.unmodifiableMap(counts);
  }

  /** Platform requests made by the scans, over all cycles. */
  public long requests() {
    return cycles.stream().mapToLong(PollCycleReport::requests).sum();
  }

  /** What became of every failure found, over all cycles. */
  public DeliveryCounts counts() {
    return cycles.stream()
        .map(PollCycleReport::counts)
        .reduce(DeliveryCounts.NONE, DeliveryCounts::plus);
  }
}
