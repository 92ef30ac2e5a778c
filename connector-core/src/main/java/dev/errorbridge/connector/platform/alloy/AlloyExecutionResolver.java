package dev.errorbridge.connector.platform.alloy;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.time.Deadline;
import java.util.Optional;

/**
 * Finds the execution an Alloy error webhook names by its {@code executionUuid} (the 21-character
 * {@code X-Alloy-ExecutionUuid}) in Alloy's logs API, and describes it exactly as the poller does:
 * keyed by the 24-hex {@code executionId}, so the webhook's event and the poller's have one event
 * id and the second is deduplicated.
 */
@FunctionalInterface
public interface AlloyExecutionResolver {

  /**
   * The poller's failure for the execution, delivered as {@code delivery} (the webhook's), or empty
   * when it is not among Alloy's newest errors (not written yet, or too old to look for).
   *
   * @param executionUuid the webhook's execution uuid
   * @param delivery how Errorbridge learned of it: the webhook, when its request arrived
   * @param deadline when to give up
   * @throws dev.errorbridge.connector.source.SourceException when Alloy cannot be read in time
   *     (refused key, outage, a malformed answer, the deadline); never with the key in its message
   */
  Optional<FailedExecution> resolve(
      String executionUuid, FailedExecution.Delivery delivery, Deadline deadline);
}
