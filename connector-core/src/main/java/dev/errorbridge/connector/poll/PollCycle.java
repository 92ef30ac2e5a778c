package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.crashpoint.CrashPoint;
import dev.errorbridge.connector.source.FailureSource;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.ScanResult;
import dev.errorbridge.connector.time.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cycle of one connection whose checkpoint this worker holds (saved with {@code
 * inProgressUntil}): scan {@code [watermark − lookback, frozenNow)} page by page into delivery,
 * recheck runs in progress, then save the checkpoint on the version it holds, releasing the hold.
 * Every path ends in that save, so a cycle that fails leaves the watermark where it was and says
 * why: in the checkpoint (with the count of failed cycles in a row), on the connection's health
 * ({@link PollHealth}) and in one log line (WARN when the cycle did not complete, without a stack
 * trace).
 */
final class PollCycle {
  private static final Logger LOG = LoggerFactory.getLogger(PollCycle.class);

  static final String FIX_ROWS =
      "Look the runs up in the platform's console. If every cycle reports the same rows, the"
          + " platform answers inconsistently: report the reason to Errorbridge support.";

  private final EngineParts parts;
  private final Connection connection;
  private final Deadline deadline;
  private final PollSources.Lease lease;
  private final Checkpoint held;
  private final Instant started;
  private final Instant tookOverFrom;
  private final DeliveringListener listener;
  private Instant frozen;
  private Instant after;
  private ScanResult scan;
  private Rechecks.Result rechecks = Rechecks.Result.NONE;
  private PollFailures.Failure failure;

  /**
   * @param tookOverFrom when this cycle took over from one whose worker stopped: that cycle's
   *     deadline; else {@code null}
   */
  PollCycle(
      EngineParts parts,
      Connection connection,
      Deadline deadline,
      PollSources.Lease lease,
      Checkpoint held,
      Instant started,
      Instant tookOverFrom) {
    this.parts = parts;
    this.connection = connection;
    this.deadline = deadline;
    this.lease = lease;
    this.held = held;
    this.started = started;
    this.tookOverFrom = tookOverFrom;
    this.listener =
        new DeliveringListener(
            connection, parts.delivery(), parts.connections(), deadline, c -> {});
  }

  PollCycleReport run() {
    try {
      read();
    } catch (RuntimeException e) {
      failure = PollFailures.of(e, parts.clock().instant(), parts.config());
    }
    return save();
  }

  private void read() {
    FailureSource source = lease.source();
    frozen = parts.clock().instant(); // one upper bound for the whole scan
    after = held.watermark().minus(source.connection().lookback());
    if (after.isBefore(frozen)) {
      ScanRequest request =
          new ScanRequest(
              after,
              frozen,
              connection.source().outcomes(),
              connection.source().workflowIds(),
              scanDeadline());
      scan = source.scan(request, listener);
    }
    if ((scan == null || scan.complete()) && !held.pendingRuns().isEmpty()) {
      Set<String> handled = new HashSet<>(listener.settledIds());
      listener.pending().forEach(run -> handled.add(run.executionId()));
      rechecks =
          Rechecks.run(
              source,
              held.pendingRuns(),
              handled,
              connection.source().outcomes(),
              listener,
              deadline,
              parts.config().maxRechecksPerCycle(),
              parts.clock());
    }
  }

  /** The scan stops a little before the cycle's deadline, so its last page is published in time. */
  private Deadline scanDeadline() {
    Duration left = deadline.remaining(parts.clock());
    Duration reserve = parts.config().publishReserve();
    if (reserve.compareTo(left.dividedBy(4)) > 0) {
      reserve = left.isNegative() ? Duration.ZERO : left.dividedBy(4);
    }
    return new Deadline(deadline.instant().minus(reserve));
  }

  private PollCycleReport save() {
    Instant now = parts.clock().instant();
    Set<String> ended = new HashSet<>(listener.settledIds());
    ended.addAll(rechecks.ended());
    PendingRuns.Merged merged =
        PendingRuns.merge(held.pendingRuns(), listener.pending(), ended, rechecks.checked(), now);
    PollStatus status =
        failure != null
            ? failure.status()
            : scan != null && !scan.complete() ? PollStatus.INCOMPLETE : PollStatus.COMPLETE;
    boolean complete = status == PollStatus.COMPLETE;
    Instant watermark = complete ? merged.watermark(held.watermark(), frozen) : held.watermark();
    String message = message(status, merged);
    String fix = fix(status);
    Instant notBefore = failure != null ? failure.notBefore() : rechecks.notBefore();
    int failedCycles = failedCycles(status);
    Checkpoint next =
        new Checkpoint(
            connection.id(),
            watermark,
            merged.runs(),
            new Checkpoint.ScanOutcome(now, complete, message, failedCycles),
            notBefore,
            null,
            0);
    Instant saved = watermark;
    CrashPoint.reached(CrashPoint.POLL_BEFORE_CHECKPOINT);
    try {
      parts.checkpoints().save(next, held.version());
    } catch (CheckpointConflictException e) {
      status = PollStatus.CONFLICT;
      message = e.getMessage() + " (this cycle's deliveries stand; its bookkeeping is dropped)";
      saved = null;
    } catch (RuntimeException e) {
      status = PollStatus.FAILED;
      message =
          "could not save the checkpoint ("
              + e.getMessage()
              + "); it stays held until "
              + held.inProgressUntil()
              + ", then the next cycle takes over (what this one claimed is in the outbox)";
      saved = null;
    }
    if (saved != null) {
      health(status, message, fix, failedCycles);
    }
    PollCycleReport report = report(status, message, saved, merged, notBefore, now);
    log(report, failedCycles);
    return report;
  }

  /**
   * Cycles in a row, this one included, that did not complete. A page that could not be settled
   * (the connection switched off mid-cycle, destination credentials missing) is delivery's trouble,
   * not the platform's: it neither counts nor breaks the streak.
   */
  private int failedCycles(PollStatus status) {
    int before = held.lastScan() == null ? 0 : held.lastScan().failedCycles();
    if (status == PollStatus.COMPLETE) {
      return 0;
    }
    return status == PollStatus.NOT_SETTLED ? before : before + 1;
  }

  /** What happened, with what the cycle has to note; {@code null} when there is nothing. */
  private String message(PollStatus status, PendingRuns.Merged merged) {
    List<String> parts = new ArrayList<>();
    String outcome = outcome(status, merged);
    if (outcome != null) {
      parts.add(outcome);
    }
    if (listener.counts().rowsFailed() > 0) {
      parts.add(rowsFailed());
    }
    if (tookOverFrom != null) {
      parts.add(
          "this cycle took over from one whose worker stopped before it finished (it held the"
              + " connection until "
              + tookOverFrom
              + "); the retry worker delivers what that cycle had claimed");
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  /** What the owner can do about this cycle's message, or {@code null}. */
  private String fix(PollStatus status) {
    if (failure != null && failure.fix() != null) {
      return failure.fix();
    }
    if (status == PollStatus.INCOMPLETE) {
      return PollFailures.FIX_INCOMPLETE;
    }
    return listener.counts().rowsFailed() > 0 ? FIX_ROWS : null;
  }

  private String rowsFailed() {
    return listener.rowFailuresSummary() + "; they are read again while the lookback holds them";
  }

  private String outcome(PollStatus status, PendingRuns.Merged merged) {
    if (failure != null) {
      return failure.message();
    }
    if (status == PollStatus.INCOMPLETE) {
      return "connection "
          + connection.id()
          + ": the deadline came before the window ["
          + after
          + ", "
          + frozen
          + ") was read ("
          + scan.pages()
          + " pages read and settled); the watermark stays and the next cycle reads it again";
    }
    String held = null;
    if (merged.held() > 0) {
      held =
          merged.held()
              + " runs in progress could not be tracked (the checkpoint holds at most "
              + Checkpoint.MAX_PENDING_RUNS
              + "); the watermark is held at "
              + (merged.holdAt() == null ? "its place" : merged.holdAt())
              + " so that later scans read them again";
    }
    if (held != null && rechecks.problem() != null) {
      return held + "; " + rechecks.problem();
    }
    return held != null ? held : rechecks.problem();
  }

  private void health(PollStatus status, String message, String fix, int failedCycles) {
    try {
      parts
          .health()
          .afterCycle(
              connection,
              new PollHealth.CycleHealth(
                  status,
                  failure != null && failure.connectionError(),
                  failedCycles,
                  message,
                  fix));
    } catch (RuntimeException e) {
      // Health is informational and re-derived next cycle; the cycle's outcome stands.
      LOG.warn("connection {}: could not record health: {}", connection.id(), e.getMessage());
    }
  }

  private PollCycleReport report(
      PollStatus status,
      String message,
      Instant savedWatermark,
      PendingRuns.Merged merged,
      Instant notBefore,
      Instant now) {
    return new PollCycleReport(
        connection.id(),
        status,
        message,
        held.watermark(),
        savedWatermark,
        scan == null ? null : after,
        scan == null ? null : frozen,
        scan == null ? 0 : scan.pages(),
        scan == null ? 0 : scan.requests(),
        listener.counts(),
        savedWatermark == null ? held.pendingRuns().size() : merged.runs().size(),
        merged.held(),
        rechecks.rechecked(),
        notBefore,
        Duration.between(started, now));
  }

  /**
   * One line per cycle: DEBUG when it completed with nothing to note, INFO when it completed with a
   * note (rows it could not read, a takeover) or another worker saved first, WARN when it did not
   * complete; never a stack trace.
   */
  private static void log(PollCycleReport r, int failedCycles) {
    if (r.status() == PollStatus.CONFLICT) {
      LOG.info(
          "poll cycle connection={} status={} delivered={}: {}",
          r.connectionId(),
          r.status(),
          r.counts().delivered(),
          r.message());
    } else if (r.status() == PollStatus.COMPLETE && r.message() == null) {
      LOG.debug(
          "poll cycle connection={} status={} pages={} found={} delivered={} duplicates={}"
              + " skippedBeforeDetail={} parked={} pending={} elapsedMs={}",
          r.connectionId(),
          r.status(),
          r.pages(),
          r.counts().found(),
          r.counts().delivered(),
          r.counts().duplicates(),
          r.counts().skippedBeforeDetail(),
          r.counts().parked(),
          r.pendingTracked(),
          r.elapsed().toMillis());
    } else if (r.status() == PollStatus.COMPLETE) {
      LOG.info(
          "poll cycle connection={} status={} pages={} found={} delivered={} rowsSkipped={}"
              + " rowsFailed={}: {}",
          r.connectionId(),
          r.status(),
          r.pages(),
          r.counts().found(),
          r.counts().delivered(),
          r.counts().rowsSkipped(),
          r.counts().rowsFailed(),
          r.message());
    } else {
      LOG.warn(
          "poll cycle connection={} status={} failedCyclesInARow={} pages={} found={}"
              + " delivered={}: {}",
          r.connectionId(),
          r.status(),
          failedCycles,
          r.pages(),
          r.counts().found(),
          r.counts().delivered(),
          r.message());
    }
  }
}
