package dev.errorbridge.connector.poll;

import java.time.Instant;
import java.util.Objects;

/**
 * How a backfill ended.
 *
 * @param connectionId the connection
 * @param status {@link PollStatus#COMPLETE} when the whole window was read and settled; otherwise
 *     why it stopped (the statuses mean what they mean for a poll cycle)
 * @param progress the last progress
 * @param resumeFrom where to start the backfill again to finish the window, or {@code null} when
 *     complete
 * @param message what happened and what to do next, or {@code null} when there is nothing to do
 */
public record BackfillReport(
    String connectionId,
    PollStatus status,
    BackfillProgress progress,
    Instant resumeFrom,
    String message) {

  public BackfillReport {
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(progress, "progress");
  }
}
