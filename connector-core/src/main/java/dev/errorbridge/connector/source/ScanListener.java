package dev.errorbridge.connector.source;

import dev.errorbridge.connector.FailedExecution;
import java.util.List;
import java.util.Set;

/**
 * Receives a scan's findings a page at a time, on the scanning thread. Lists are never empty. An
 * exception thrown here aborts the scan and reaches the scan's caller unchanged.
 */
public interface ScanListener {

  /** Failures found on one page, in the platform's order. */
  void onFailures(List<FailedExecution> failures);

  /**
   * Runs found still running or queued: the engine remembers them and {@link FailureSource#recheck
   * rechecks} them until they end. Not every platform reports them (see the adapters'
   * documentation).
   */
  default void onPending(List<PendingRun> pending) {}

  /**
   * A row the adapter could not read (malformed, contradicted by its detail, too large): it failed
   * alone and the scan goes on. Nothing of it was published.
   */
  default void onRowFailed(RowFailure failure) {}

  /** A row that cannot be a failure was passed over, for {@code why}. */
  default void onRowSkipped(String why) {}

  /**
   * Which of a page's failures were published already (by an earlier, overlapping poll, or a
   * webhook): called once per list page, with the execution ids the adapter would fetch a detail
   * for, before any detail request. The adapter skips the ids answered (no detail request, not
   * reported to {@link #onFailures}); their list timestamps still count for the scan like any other
   * row's. An id left out is read and reported as usual, so answering none is always safe.
   */
  default Set<String> alreadyPublished(List<String> executionIds) {
    return Set.of();
  }
}
