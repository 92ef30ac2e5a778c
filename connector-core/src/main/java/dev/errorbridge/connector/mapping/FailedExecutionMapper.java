package dev.errorbridge.connector.mapping;

import dev.errorbridge.connector.FailedExecution;

/**
 * Turns a failed execution into a {@code PutEvents} entry under schema v1 of the event contract
 * (see {@code docs/event-schema.md} and {@code schema/failed-execution-v1.schema.json}).
 *
 * <p>Implementations are stateless and thread-safe; {@link DefaultFailedExecutionMapper} is the one
 * to use.
 */
@FunctionalInterface
public interface FailedExecutionMapper {
  /**
   * Maps {@code failure} under {@code options}.
   *
   * @return the entry (without {@code EventBusName}), its size by AWS's formula and whether the
   *     detail had to be shrunk; never over {@link MappingOptions#maxEntrySizeBytes()}
   * @throws EventTooLargeException when the event cannot be shrunk enough to fit
   */
  MappedEvent map(FailedExecution failure, MappingOptions options);
}
