package dev.errorbridge.connector;

import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterReason;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.mapping.EventTooLargeException;
import dev.errorbridge.connector.mapping.FailedExecutionMapper;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.mapping.MappingOptions;
import dev.errorbridge.connector.publish.Deadline;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.publish.EventPublisher;
import dev.errorbridge.connector.publish.PublishOutcome;
import dev.errorbridge.connector.publish.PublishReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns failed executions into events on a connection's bus: maps each one (schema v1, within the
 * size budget), publishes what could be mapped, and parks what could not, so that every failure
 * ends {@code Delivered}, {@code DeadLettered} or {@code Rejected} and none is silently dropped.
 *
 * <pre>{@code
 * PublishReport report = failures.publish(destination, mappingOptions, failedExecutions, deadline);
 * if (report.allDelivered()) { ... } // else the rest is parked; a checkpoint may still advance
 * }</pre>
 */
public final class FailurePublisher {
  private final FailedExecutionMapper mapper;
  private final EventPublisher publisher;
  private final DeadLetterStore deadLetters;
  private final Clock clock;

  public FailurePublisher(
      FailedExecutionMapper mapper,
      EventPublisher publisher,
      DeadLetterStore deadLetters,
      Clock clock) {
    this.mapper = mapper;
    this.publisher = publisher;
    this.deadLetters = deadLetters;
    this.clock = clock;
  }

  /**
   * Maps and publishes {@code failures} to {@code destination}.
   *
   * @return one outcome per failure, in input order
   * @throws dev.errorbridge.connector.deadletter.DeadLetterStoreException if a failure could not be
   *     parked
   */
  public PublishReport publish(
      Destination destination,
      MappingOptions options,
      List<FailedExecution> failures,
      Deadline deadline) {
    PublishOutcome[] outcomes = new PublishOutcome[failures.size()];
    List<MappedEvent> mapped = new ArrayList<>(failures.size());
    List<Integer> mappedIndexes = new ArrayList<>(failures.size());
    for (int i = 0; i < failures.size(); i++) {
      try {
        mapped.add(mapper.map(failures.get(i), options));
        mappedIndexes.add(i);
      } catch (EventTooLargeException e) {
        outcomes[i] = reject(destination, e);
      }
    }
    PublishReport published =
        mapped.isEmpty()
            ? new PublishReport(List.of(), 0, 0, null)
            : publisher.publish(destination, mapped, deadline);
    for (int k = 0; k < mappedIndexes.size(); k++) {
      outcomes[mappedIndexes.get(k)] = published.outcomes().get(k);
    }
    return new PublishReport(
        Arrays.asList(outcomes),
        published.requests(),
        published.entriesSent(),
        published.destinationError());
  }

  private PublishOutcome reject(Destination destination, EventTooLargeException e) {
    deadLetters.park(
        new DeadLetter(
            destination.tenantId(),
            destination.connectionId(),
            e.eventId(),
            DeadLetterReason.EVENT_TOO_LARGE,
            "EventTooLarge",
            e.getMessage(),
            0,
            clock.instant(),
            null));
    return new PublishOutcome.Rejected(
        e.eventId(), DeadLetterReason.EVENT_TOO_LARGE, e.getMessage());
  }
}
