package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.source.FailureSource;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.RecheckResult;
import dev.errorbridge.connector.source.RowFailure;
import dev.errorbridge.connector.source.SourceDeadlineExceededException;
import dev.errorbridge.connector.source.SourceException;
import dev.errorbridge.connector.source.SourceRateLimitedException;
import dev.errorbridge.connector.source.SourceResponseInvalidException;
import dev.errorbridge.connector.source.SourceResponseTooLargeException;
import dev.errorbridge.connector.time.Deadline;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks again at runs the checkpoint tracks as in progress, least recently checked first, at most a
 * budget per cycle and never past the deadline. Runs that failed are delivered together; runs that
 * succeeded or are gone are forgotten; the rest stay.
 *
 * <p>A platform error during rechecks only stops the rechecks: the scan before them stands, and the
 * error is noted (a 429 also sets the checkpoint's "not before"). An unreadable answer about one
 * run stops only that run's recheck: it stays tracked, checked last next time, and is noted.
 */
final class Rechecks {
  private static final Logger LOG = LoggerFactory.getLogger(Rechecks.class);

  private Rechecks() {}

  /**
   * @param ended runs to forget (failed and delivered, succeeded, ignored, gone)
   * @param checked runs found still in progress
   * @param rechecked how many were looked at
   * @param problem why rechecks stopped early, or {@code null}
   * @param notBefore a platform's "retry after" met during rechecks, or {@code null}
   */
  record Result(
      Set<String> ended, Set<String> checked, int rechecked, String problem, Instant notBefore) {
    static final Result NONE = new Result(Set.of(), Set.of(), 0, null, null);
  }

  /**
   * @param skip execution ids the scan just handled (settled, or seen still in progress)
   * @throws CycleStoppedException when failures found cannot be settled (they stay tracked)
   */
  static Result run(
      FailureSource source,
      List<Checkpoint.PendingRun> tracked,
      Set<String> skip,
      Set<Outcome> outcomes,
      DeliveringListener delivery,
      Deadline deadline,
      int budget,
      Clock clock) {
    List<Checkpoint.PendingRun> due =
        tracked.stream()
            .filter(run -> !skip.contains(run.executionId()))
            .sorted(Comparator.comparing(Checkpoint.PendingRun::lastCheckedAt))
            .limit(budget)
            .toList();
    Set<String> ended = new HashSet<>();
    Set<String> checked = new HashSet<>();
    List<FailedExecution> failed = new ArrayList<>();
    int rechecked = 0;
    String problem = null;
    Instant notBefore = null;
    for (Checkpoint.PendingRun run : due) {
      if (deadline.passed(clock)) {
        break;
      }
      RecheckResult result;
      try {
        result = source.recheck(asSourceRun(run), outcomes, deadline);
      } catch (SourceDeadlineExceededException e) {
        break;
      } catch (SourceResponseInvalidException | SourceResponseTooLargeException e) {
        // One run's unreadable answer stops only its recheck: it stays tracked, behind the others.
        LOG.warn("recheck failed run={}: {}", run.executionId(), e.getMessage());
        problem =
            "a recheck failed alone: "
                + (e instanceof SourceResponseInvalidException invalid
                    ? RowFailure.of(run.executionId(), invalid).message()
                    : e.getMessage());
        checked.add(run.executionId());
        continue;
      } catch (SourceException e) {
        problem = "rechecks of runs in progress stopped: " + e.getMessage();
        if (e instanceof SourceRateLimitedException limited) {
          notBefore = clock.instant().plus(limited.retryAfter());
        }
        break;
      } catch (IllegalArgumentException e) {
        // The adapter cannot read this run again (a Trigify run tracked without its workflow):
        // keeping it would fail every cycle, so it is forgotten, loudly.
        LOG.warn("cannot recheck run {}, forgotten: {}", run.executionId(), e.getMessage());
        problem =
            "run "
                + run.executionId()
                + " cannot be rechecked and was forgotten: "
                + e.getMessage();
        ended.add(run.executionId());
        continue;
      }
      rechecked++;
      if (result instanceof RecheckResult.Terminal terminal) {
        failed.add(terminal.failure());
      } else if (result instanceof RecheckResult.StillRunning) {
        checked.add(run.executionId());
      } else {
        ended.add(run.executionId());
      }
    }
    if (!failed.isEmpty()) {
      delivery.deliver(failed);
      failed.forEach(f -> ended.add(f.execution().id()));
    }
    return new Result(ended, checked, rechecked, problem, notBefore);
  }

  /**
   * The run as its source reads it. The checkpoint keeps neither the last status nor the workflow's
   * name (adapters read neither to recheck; a Trigify failure found this way has no workflow name).
   */
  private static PendingRun asSourceRun(Checkpoint.PendingRun run) {
    return new PendingRun(
        run.executionId(), run.workflowId(), null, "pending", null, run.firstSeenAt());
  }
}
