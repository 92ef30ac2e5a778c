package dev.errorbridge.connector.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one poll cycle of one connection did. Messages name the connection and what to do next; they
 * never contain the platform key.
 *
 * @param connectionId the connection
 * @param status how the cycle ended
 * @param message why, for every status but {@link PollStatus#COMPLETE} (where it may note a recheck
 *     problem or a held watermark), else {@code null}
 * @param watermarkBefore the watermark the cycle started from, or {@code null} when it read none
 * @param watermarkAfter the watermark it saved (equal to {@code watermarkBefore} unless {@link
 *     PollStatus#COMPLETE}), or {@code null} when it saved none
 * @param scannedFrom the scan window's inclusive start, or {@code null} when nothing was scanned
 * @param scannedTo the scan window's frozen, exclusive end, or {@code null}
 * @param pages list pages read
 * @param requests platform requests made (list, detail and recheck requests)
 * @param counts what became of the failures found, including those found by rechecks
 * @param pendingTracked runs still in progress that the checkpoint now tracks
 * @param pendingHeld runs in progress the checkpoint could not track (over its cap, or ids too
 *     long): the watermark was held at the earliest one's start so that later scans see them again
 * @param rechecked pending runs looked at again
 * @param notBefore when the connection may be polled again, or {@code null} for "at its interval"
 * @param elapsed how long the cycle took
 */
public record PollCycleReport(
    String connectionId,
    PollStatus status,
    String message,
    Instant watermarkBefore,
    Instant watermarkAfter,
    Instant scannedFrom,
    Instant scannedTo,
    int pages,
    int requests,
    DeliveryCounts counts,
    int pendingTracked,
    int pendingHeld,
    int rechecked,
    Instant notBefore,
    Duration elapsed) {

  public PollCycleReport {
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(status, "status");
    counts = counts == null ? DeliveryCounts.NONE : counts;
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** A cycle that did not start: nothing read, nothing saved. */
  public static PollCycleReport notStarted(
      String connectionId, PollStatus status, String message, Instant notBefore, Duration elapsed) {
    return new PollCycleReport(
        connectionId,
        status,
        message,
        null,
        null,
        null,
        null,
        0,
        0,
        DeliveryCounts.NONE,
        0,
        0,
        0,
        notBefore,
        elapsed);
  }

  /** Whether the watermark moved forward. */
  public boolean advanced() {
    return watermarkBefore != null
        && watermarkAfter != null
        && watermarkAfter.isAfter(watermarkBefore);
  }
}
