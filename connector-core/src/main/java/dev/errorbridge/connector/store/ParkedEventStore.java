package dev.errorbridge.connector.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Webhook events awaiting a retry, due in time order across all connections. Several workers may
 * poll {@link #due}; each takes an event by {@link #reschedule rescheduling} it first, which only
 * one of them wins:
 *
 * <pre>{@code
 * for (ParkedEvent event : store.due(now, 50)) {
 *   if (!store.reschedule(event, event.attempts() + 1, now.plus(backoff))) {
 *     continue;                       // another worker took it, or it is gone
 *   }
 *   if (publish(event) delivered)  store.remove(event.connectionId(), event.eventId());
 *   else if (attempts exhausted)   { deadLetters.park(...); store.remove(...); }
 *   // else: already rescheduled for its next attempt
 * }
 * }</pre>
 */
public interface ParkedEventStore {

  /**
   * Parks {@code event}, replacing one parked for the same connection and event id.
   *
   * @throws StoreUnavailableException if DynamoDB could not answer (the event is not safe)
   */
  void park(ParkedEvent event);

  /** The parked event, or empty. */
  Optional<ParkedEvent> find(String connectionId, String eventId);

  /**
   * At most {@code limit} events due at {@code now} ({@code nextAttemptAt <= now}) across all
   * connections, earliest first. Read from an index, so an event parked, rescheduled or removed a
   * moment ago may be missed or still show: {@link #reschedule} is what decides.
   */
  List<ParkedEvent> due(Instant now, int limit);

  /**
   * Sets attempts and the next attempt time, if the event is still parked with {@code
   * current.attempts()}.
   *
   * @return whether it was rescheduled ({@code false}: another worker did first, or it was removed)
   */
  boolean reschedule(ParkedEvent current, int attempts, Instant nextAttemptAt);

  /** Removes a parked event; removing one that is not there is a no-op. */
  void remove(String connectionId, String eventId);

  /**
   * How many events of {@code connectionId} wait in the outbox now (parked for a retry, or claimed
   * and not yet settled).
   */
  long count(String connectionId);
}
