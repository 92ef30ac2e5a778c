package dev.errorbridge.connector.poll;

import java.time.Duration;
import java.util.List;

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
