package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.source.PendingRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checkpoint's list of runs in progress, merged with what a cycle learnt.
 *
 * <p><b>At the cap</b> ({@link Checkpoint#MAX_PENDING_RUNS}): runs already tracked stay (the oldest
 * are kept), and new ones are added oldest start first while there is room. A run that cannot be
 * added (no room, or ids longer than {@link Checkpoint.PendingRun#MAX_EXECUTION_ID_BYTES} bytes) is
 * never silently dropped: the watermark is held at the earliest such run's start, so every later
 * scan reads it again until it ends or there is room; when its start is unknown the watermark does
 * not move at all.
 */
final class PendingRuns {

  private PendingRuns() {}

  /**
   * The merged list.
   *
   * @param runs what the checkpoint tracks now
   * @param held runs in progress it could not track
   * @param holdAt the earliest start among the held runs, or {@code null} when none had one
   */
  record Merged(List<Checkpoint.PendingRun> runs, int held, Instant holdAt) {

    /** The watermark a complete cycle may save: {@code frozen}, unless runs are held before it. */
    Instant watermark(Instant current, Instant frozen) {
      Instant target;
      if (held == 0) {
        target = frozen;
      } else if (holdAt == null) {
        target = current; // a held run's start is unknown: only a stationary watermark is safe
      } else {
        target = holdAt.isBefore(frozen) ? holdAt : frozen;
      }
      return target.isAfter(current) ? target : current; // never backwards
    }
  }

  /**
   * Merges a cycle's findings into the tracked runs.
   *
   * @param tracked the checkpoint's runs
   * @param seen runs the scan saw in progress
   * @param ended execution ids to forget: settled failures, runs a recheck found ended or gone
   * @param checked execution ids a recheck found still running
   * @param now the cycle's time
   */
  static Merged merge(
      List<Checkpoint.PendingRun> tracked,
      List<PendingRun> seen,
      Set<String> ended,
      Set<String> checked,
      Instant now) {
    Map<String, Checkpoint.PendingRun> runs = new LinkedHashMap<>();
    for (Checkpoint.PendingRun run : tracked) {
      if (!ended.contains(run.executionId())) {
        boolean looked = checked.contains(run.executionId());
        runs.put(run.executionId(), looked ? lookedAt(run, now) : run);
      }
    }
    List<PendingRun> fresh = new ArrayList<>(seen);
    fresh.sort(
        Comparator.comparing(
            PendingRun::startedAt, Comparator.nullsLast(Comparator.naturalOrder())));
    int held = 0;
    Instant holdAt = null;
    boolean unknownStart = false;
    for (PendingRun run : fresh) {
      String id = run.executionId();
      if (ended.contains(id)) {
        continue;
      }
      Checkpoint.PendingRun known = runs.get(id);
      if (known != null) {
        runs.put(id, lookedAt(known, now));
      } else if (runs.size() < Checkpoint.MAX_PENDING_RUNS
          && Checkpoint.PendingRun.fits(id, run.workflowId())) {
        runs.put(id, new Checkpoint.PendingRun(id, run.seenAt(), now, run.workflowId()));
      } else {
        held++;
        if (run.startedAt() == null) {
          unknownStart = true;
        } else if (holdAt == null || run.startedAt().isBefore(holdAt)) {
          holdAt = run.startedAt();
        }
      }
    }
    return new Merged(List.copyOf(runs.values()), held, unknownStart ? null : holdAt);
  }

  private static Checkpoint.PendingRun lookedAt(Checkpoint.PendingRun run, Instant now) {
    return new Checkpoint.PendingRun(run.executionId(), run.firstSeenAt(), now, run.workflowId());
  }
}
