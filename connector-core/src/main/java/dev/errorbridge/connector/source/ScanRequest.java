package dev.errorbridge.connector.source;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.time.Deadline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What one scan reads: the half-open window {@code [after, before)} of the platform's list
 * timestamp (see {@link ScanResult#latestSeen()} for which one each platform has), the outcomes the
 * connection streams, an optional workflow filter, and the deadline.
 *
 * @param after the inclusive lower bound: the engine's watermark minus the connection's lookback
 * @param before the exclusive upper bound, frozen for the whole scan so that runs created while it
 *     pages cannot shift offset pages under it; normally the scan's start time
 * @param outcomes the outcomes to report: {@link Outcome#FAILED} always, {@link Outcome#STOPPED}
 *     and {@link Outcome#PARTIAL} when the connection opts in
 * @param workflowIds only runs of these workflows, or empty for all (matched on the ids the
 *     failures carry in {@code workflow.id}; on Alloy also on the parent (forge) workflow id)
 * @param deadline when the scan must stop, complete or not
 */
public record ScanRequest(
    Instant after,
    Instant before,
    Set<Outcome> outcomes,
    Set<String> workflowIds,
    Deadline deadline) {

  public ScanRequest {
    List<String> problems = new ArrayList<>();
    if (after == null || before == null) {
      problems.add("after and before are required");
    } else if (!after.isBefore(before)) {
      problems.add("after (" + after + ") must be before before (" + before + ")");
    }
    if (outcomes == null || !outcomes.contains(Outcome.FAILED)) {
      problems.add("outcomes must contain FAILED (STOPPED and PARTIAL are optional)");
    }
    if (deadline == null) {
      problems.add("deadline is required");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid scan request: " + String.join("; ", problems));
    }
    outcomes = Set.copyOf(EnumSet.copyOf(outcomes));
    workflowIds = workflowIds == null ? Set.of() : Set.copyOf(workflowIds);
  }

  /** A scan of {@code [after, before)} for failures only, of every workflow. */
  public static ScanRequest failures(Instant after, Instant before, Deadline deadline) {
    return new ScanRequest(after, before, Set.of(Outcome.FAILED), Set.of(), deadline);
  }

  /** This request with {@code outcomes} (which must include {@link Outcome#FAILED}). */
  public ScanRequest withOutcomes(Set<Outcome> value) {
    return new ScanRequest(after, before, value, workflowIds, deadline);
  }

  /** This request restricted to {@code ids}. */
  public ScanRequest withWorkflowIds(Set<String> ids) {
    return new ScanRequest(after, before, outcomes, ids, deadline);
  }

  /** Whether {@code instant} lies in {@code [after, before)}. */
  public boolean inWindow(Instant instant) {
    return !instant.isBefore(after) && instant.isBefore(before);
  }

  /** Whether a run of workflow {@code id} passes the workflow filter. */
  public boolean wantsWorkflow(String id) {
    return workflowIds.isEmpty() || (id != null && workflowIds.contains(id));
  }
}
