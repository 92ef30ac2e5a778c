package dev.errorbridge.connector.poll;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a backfill has come, reported after every page of failures and every finished chunk.
 *
 * @param from the window's start
 * @param to the window's (exclusive) end
 * @param doneUpTo everything before it is read and settled: resume from here
 * @param pages list pages read in finished chunks
 * @param requests platform requests made in finished chunks
 * @param counts what became of the failures found so far
 * @param runsInProgress runs found still in progress (not failures yet; not tracked by a backfill)
 * @param elapsed time since the backfill started
 */
public record BackfillProgress(
    Instant from,
    Instant to,
    Instant doneUpTo,
    int pages,
    int requests,
    DeliveryCounts counts,
    int runsInProgress,
    Duration elapsed) {

  /** The share of the window done, between 0 and 1, for a progress bar. */
  public double fraction() {
    long total = Duration.between(from, to).toMillis();
    return total <= 0 ? 1.0 : (double) Duration.between(from, doneUpTo).toMillis() / total;
  }
}
