package dev.errorbridge.connector.publish;

import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.time.Deadline;
import java.util.List;

/**
 * Puts mapped events on a destination's bus. Every event ends delivered or parked in the
 * dead-letter store before {@link #publish} returns, and the report says which; only programming
 * errors and a dead-letter store that cannot store throw.
 */
public interface EventPublisher extends AutoCloseable {

  /**
   * Publishes {@code events} to {@code destination}, retrying what is retryable until {@code
   * deadline}.
   *
   * @return one outcome per event, in input order
   * @throws dev.errorbridge.connector.deadletter.DeadLetterStoreException if an event could not be
   *     parked
   */
  PublishReport publish(Destination destination, List<MappedEvent> events, Deadline deadline);

  /**
   * Forgets a connection's client, circuit breaker and rate limiter, e.g. after its settings
   * changed.
   */
  void invalidate(String connectionId);

  @Override
  void close();
}
