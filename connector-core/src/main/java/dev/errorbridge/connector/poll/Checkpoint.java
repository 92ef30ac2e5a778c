package dev.errorbridge.connector.poll;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where a connection's poller is: everything up to {@link #watermark} was handled, runs it saw
 * still in progress wait in {@link #pendingRuns}, and {@link #lastScan} says how the last scan
 * went.
 *
 * @param connectionId the connection
 * @param watermark runs that finished before it are done (delivered, parked or not failures)
 * @param pendingRuns runs seen still running, checked again on later scans; at most {@value
 *     #MAX_PENDING_RUNS} (drop the oldest, and say so, when there are more), which with execution
 *     ids of at most {@value PendingRun#MAX_EXECUTION_ID_BYTES} bytes keeps the item far below
 *     DynamoDB's 400 KB
 * @param lastScan the last scan's outcome, or {@code null} before the first scan
 * @param notBefore the poller leaves the connection alone until then (a platform's {@code
 *     Retry-After}, a refused key's retry interval), or {@code null}
 * @param inProgressUntil a poll cycle is running and holds the checkpoint until this instant (its
 *     deadline), or {@code null}; still set after that instant means the cycle died without saving
 * @param version the stored version, for optimistic concurrency: 0 before the first save
 */
public record Checkpoint(
    String connectionId,
    Instant watermark,
    List<PendingRun> pendingRuns,
    ScanOutcome lastScan,
    Instant notBefore,
    Instant inProgressUntil,
    long version) {

  /** The most pending runs a checkpoint holds. */
  public static final int MAX_PENDING_RUNS = 1_000;

  public Checkpoint {
    if (connectionId == null || connectionId.isBlank()) {
      throw new IllegalArgumentException("connectionId must not be blank");
    }
    Objects.requireNonNull(watermark, "watermark");
    pendingRuns = pendingRuns == null ? List.of() : List.copyOf(pendingRuns);
    if (pendingRuns.size() > MAX_PENDING_RUNS) {
      throw new IllegalArgumentException(
          "connection "
              + connectionId
              + " has "
              + pendingRuns.size()
              + " pending runs, more than "
              + MAX_PENDING_RUNS
              + ": drop the oldest (and report them) before saving");
    }
    if (version < 0) {
      throw new IllegalArgumentException("version must be >= 0, was " + version);
    }
  }

  /** A checkpoint with no "not before" and no cycle in progress. */
  public Checkpoint(
      String connectionId,
      Instant watermark,
      List<PendingRun> pendingRuns,
      ScanOutcome lastScan,
      long version) {
    this(connectionId, watermark, pendingRuns, lastScan, null, null, version);
  }

  /** A connection's first checkpoint (version 0, not stored yet): start polling at {@code from}. */
  public static Checkpoint start(String connectionId, Instant from) {
    return new Checkpoint(connectionId, from, List.of(), null, 0);
  }

  /**
   * A run seen still in progress.
   *
   * @param executionId the platform's execution id
   * @param firstSeenAt when a scan first saw it
   * @param lastCheckedAt when a scan last looked at it
   * @param workflowId its workflow, or {@code null}: Trigify reads a run through its workflow. With
   *     the execution id at most {@value #MAX_EXECUTION_ID_BYTES} UTF-8 bytes together, so that the
   *     largest checkpoint keeps its size whatever the platform
   */
  public record PendingRun(
      String executionId, Instant firstSeenAt, Instant lastCheckedAt, String workflowId) {
    /** The longest execution id (with the workflow id, if any) a pending run holds, in bytes. */
    public static final int MAX_EXECUTION_ID_BYTES = 256;

    public PendingRun {
      if (executionId == null || executionId.isEmpty()) {
        throw new IllegalArgumentException("executionId must not be empty");
      }
      if (!fits(executionId, workflowId)) {
        throw new IllegalArgumentException(
            "executionId "
                + (workflowId == null ? "" : "and workflowId ")
                + "are longer than "
                + MAX_EXECUTION_ID_BYTES
                + " bytes: "
                + executionId);
      }
      Objects.requireNonNull(firstSeenAt, "firstSeenAt");
      Objects.requireNonNull(lastCheckedAt, "lastCheckedAt");
    }

    /** A run without a workflow id. */
    public PendingRun(String executionId, Instant firstSeenAt, Instant lastCheckedAt) {
      this(executionId, firstSeenAt, lastCheckedAt, null);
    }

    /** Whether a pending run of these ids can be stored. */
    public static boolean fits(String executionId, String workflowId) {
      int bytes =
          executionId.getBytes(StandardCharsets.UTF_8).length
              + (workflowId == null ? 0 : workflowId.getBytes(StandardCharsets.UTF_8).length);
      return bytes <= MAX_EXECUTION_ID_BYTES;
    }
  }

  /**
   * How a scan went.
   *
   * @param at when it ended
   * @param complete whether it read everything up to now (else it stopped early, e.g. on a deadline
   *     or an error)
   * @param error a short summary of what went wrong, or {@code null}; longer than {@value
   *     #MAX_ERROR_LENGTH} characters it is cut, ending with "…"
   * @param failedCycles cycles in a row, this one included, that ended without reading and settling
   *     their window; 0 after a complete one
   */
  public record ScanOutcome(Instant at, boolean complete, String error, int failedCycles) {
    /** The longest error summary kept, in characters. */
    public static final int MAX_ERROR_LENGTH = 1_000;

    public ScanOutcome {
      Objects.requireNonNull(at, "at");
      if (error != null && error.length() > MAX_ERROR_LENGTH) {
        error = error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
      }
      if (failedCycles < 0) {
        throw new IllegalArgumentException("failedCycles must be >= 0, was " + failedCycles);
      }
    }

    /** An outcome outside a streak of failed cycles: none when complete, else the first. */
    public ScanOutcome(Instant at, boolean complete, String error) {
      this(at, complete, error, complete ? 0 : 1);
    }
  }
}
