package dev.errorbridge.connector.source;

import java.time.Instant;
import java.util.Objects;

/**
 * A run a scan saw not yet ended, to be {@link FailureSource#recheck rechecked} later.
 *
 * @param executionId the platform's run id
 * @param workflowId its workflow (Trigify needs it to read the run again), or {@code null}
 * @param workflowName the workflow's name, carried into the failure if the run fails, or {@code
 *     null}
 * @param status the status exactly as the platform said it, e.g. {@code running}
 * @param startedAt when it started, or {@code null}
 * @param seenAt when the scan saw it, on the source's clock
 */
public record PendingRun(
    String executionId,
    String workflowId,
    String workflowName,
    String status,
    Instant startedAt,
    Instant seenAt) {
  public PendingRun {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(seenAt, "seenAt");
  }
}
