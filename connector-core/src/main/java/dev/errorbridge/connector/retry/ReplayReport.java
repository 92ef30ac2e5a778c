package dev.errorbridge.connector.retry;

import java.util.List;

/**
 * What a {@link DeadLetterReplayer#replay replay} did (or, for a dry run, would do).
 *
 * @param connectionId the connection
 * @param dryRun whether this was a dry run (nothing sent, removed or audited)
 * @param total dead letters looked at (at most the limit)
 * @param replayable those with an entry to send again
 * @param delivered accepted by the bus and removed from the dead letters
 * @param queued failed again for a transient reason and moved to the retry store, which delivers
 *     them later
 * @param failed not delivered; still dead letters, each with what to do next
 * @param notReplayable dead letters without an entry (never built), which cannot be sent
 * @param notAttempted replayable letters not sent because the destination refused everything before
 *     them; still dead letters
 */
public record ReplayReport(
    String connectionId,
    boolean dryRun,
    int total,
    int replayable,
    int delivered,
    int queued,
    List<ReplayProblem> failed,
    List<ReplayProblem> notReplayable,
    int notAttempted) {

  public ReplayReport {
    failed = List.copyOf(failed);
    notReplayable = List.copyOf(notReplayable);
  }

  /** Whether every replayable dead letter was delivered or queued. */
  public boolean complete() {
    return !dryRun && failed.isEmpty() && notAttempted == 0;
  }
}
