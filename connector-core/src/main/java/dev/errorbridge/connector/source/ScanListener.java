package dev.errorbridge.connector.source;

import dev.errorbridge.connector.FailedExecution;
import java.util.List;

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
}
