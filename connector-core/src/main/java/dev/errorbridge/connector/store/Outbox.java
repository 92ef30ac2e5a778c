package dev.errorbridge.connector.store;

import dev.errorbridge.connector.webhook.spi.ReplayRecord;
import dev.errorbridge.connector.webhook.spi.ReplayRefusedException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The delivery ledger and its outbox: one record per event id saying where the event stands, and
 * the event's {@code PutEvents} entry kept until the event is settled. Every path that publishes (a
 * webhook, a poll page, the retry drain) goes through it, so that a crash at any instruction loses
 * nothing and sends nothing twice outside the one window no system can close:
 *
 * <ol>
 *   <li>{@link #claim} takes an event id and stores the entry in the same write (one DynamoDB
 *       transaction), due for the retry drain at a time after the claimant's own deadline. An id
 *       claimed before is not claimed again, and the report says what it found: {@link
 *       DeliveryState#PENDING} (in the outbox: it will be delivered), {@link
 *       DeliveryState#DELIVERED}, or {@link DeliveryState#DEAD_LETTERED}.
 *   <li>The claimant publishes.
 *   <li>{@link #settle} removes delivered and dead-lettered entries, marks their records, and adds
 *       to the connection's durable delivery counters, again in one write; a transient failure only
 *       moves the entry's due time.
 * </ol>
 *
 * If the claimant dies between 1 and 3, the entry is still in the outbox and comes due: the retry
 * drain ({@link ParkedEventStore#due}) sends it with the same event id. A claim never lapses while
 * its entry waits, so no later poll or webhook retry can mistake an unsent event for a sent one.
 * Between {@code PutEvents} succeeding and the settle being written, a crash means the drain sends
 * the event a second time, with the same id: the one duplicate window, which consumers close by
 * deduplicating on {@code detail.eventId}.
 *
 * <p>The outbox entries are the retry store's items ({@link ParkedEventStore} reads, leases and
 * reschedules them); the records are the dedup records polls consult ({@link #liveAmong}).
 */
public interface Outbox {

  /** Where an event stands. */
  enum DeliveryState {
    /** Claimed and in the outbox: being published now, or waiting for the retry drain. */
    PENDING,
    /** On the bus. */
    DELIVERED,
    /** Among the dead letters, for its owner to fix and replay. */
    DEAD_LETTERED
  }

  /**
   * What {@link #claim} did.
   *
   * @param claimed the ids claimed by this call, in the order given: publish these
   * @param known the ids claimed before, with the state they were found in: publish none of these
   */
  record ClaimReport(Set<String> claimed, Map<String, DeliveryState> known) {
    public ClaimReport {
      claimed = Set.copyOf(claimed);
      known = Map.copyOf(known);
    }
  }

  /**
   * Claims each event's id and stores its entry in the outbox, due at its {@code nextAttemptAt}:
   * the time after which the retry drain takes it over if the claimant has not settled it (its
   * publish deadline plus a lease).
   *
   * @param events the events to claim, with attempts 0; an id given twice is claimed once
   * @throws StoreUnavailableException if DynamoDB could not answer; events claimed before the
   *     failure stay claimed and in the outbox (they are delivered by the drain)
   */
  ClaimReport claim(List<ParkedEvent> events);

  /**
   * {@link #claim(List)}, writing {@code replay} in the same transaction as the first claim, with a
   * condition that refuses a request already recorded: a webhook's one conditional write. When
   * every event was claimed before, nothing is written, the request included (a replay of it
   * changes nothing either).
   *
   * @param replay the request to remember, or {@code null} for none
   * @throws ReplayRefusedException if {@code replay} is recorded already (nothing was claimed)
   * @throws StoreUnavailableException if DynamoDB could not answer
   */
  default ClaimReport claim(List<ParkedEvent> events, ReplayRecord replay) {
    if (replay != null) {
      throw new UnsupportedOperationException(
          getClass().getSimpleName() + " cannot record a webhook request in its claims");
    }
    return claim(events);
  }

  /**
   * Records events that end among the dead letters without ever being published (too large to send,
   * or refused while their connection was suspended): claimed as {@link
   * DeliveryState#DEAD_LETTERED}, with no outbox entry, so that a later poll does not park them
   * again. The caller writes the dead letters first.
   *
   * @return the ids recorded by this call; the others were claimed before and stay as they were
   */
  ClaimReport recordDeadLettered(String connectionId, Collection<String> eventIds);

  /** Where {@code eventId} stands at {@code now}, or empty if no live record has it. */
  Optional<DeliveryState> stateOf(String eventId, Instant now);

  /**
   * The ids among {@code eventIds} that hold a live record at {@code now}, in any state: a read
   * only, at the cost of one consistent read per 100 ids. A poll asks before fetching the details
   * of a page's failures, to skip those claimed already. An id DynamoDB kept unprocessed through a
   * few retries is answered as not live (a later claim decides).
   *
   * @throws StoreUnavailableException if DynamoDB could not answer
   */
  Set<String> liveAmong(Collection<String> eventIds, Instant now);

  /**
   * Settles claimed events after a publish: delivered and dead-lettered ones leave the outbox,
   * their records say so and their connections' counters grow, in as few DynamoDB transactions as
   * the limits allow; events to retry get their new attempt count and due time. An event already
   * settled by someone else (the drain after a lease, a concurrent settle) is left alone and
   * counted once.
   *
   * @throws StoreUnavailableException if DynamoDB could not answer; what was not written stays in
   *     the outbox and is sent again by the drain (same event id)
   */
  SettleReport settle(List<Settlement> settlements);

  /**
   * How one claimed event ended a publish.
   *
   * @param connectionId the event's connection
   * @param eventId the event
   * @param result what became of it
   * @param attempts the event's attempt count from now on ({@link Result#RETRY_LATER} only)
   * @param nextAttemptAt when it is due again ({@link Result#RETRY_LATER} only)
   */
  record Settlement(
      String connectionId, String eventId, Result result, int attempts, Instant nextAttemptAt) {

    /** What became of an event. */
    public enum Result {
      DELIVERED,
      DEAD_LETTERED,
      RETRY_LATER
    }

    public static Settlement delivered(String connectionId, String eventId) {
      return new Settlement(connectionId, eventId, Result.DELIVERED, 0, null);
    }

    public static Settlement deadLettered(String connectionId, String eventId) {
      return new Settlement(connectionId, eventId, Result.DEAD_LETTERED, 0, null);
    }

    public static Settlement retryLater(
        String connectionId, String eventId, int attempts, Instant nextAttemptAt) {
      return new Settlement(connectionId, eventId, Result.RETRY_LATER, attempts, nextAttemptAt);
    }

    public Settlement {
      Objects.requireNonNull(connectionId, "connectionId");
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(result, "result");
      if (result == Result.RETRY_LATER && (nextAttemptAt == null || attempts < 0)) {
        throw new IllegalArgumentException("a retry needs attempts >= 0 and a nextAttemptAt");
      }
    }
  }

  /**
   * What {@link #settle} wrote.
   *
   * @param delivered events removed from the outbox as delivered
   * @param deadLettered events removed from the outbox as dead letters
   * @param rescheduled events left in the outbox with a new due time
   * @param settledBefore events someone else had settled already (not counted again)
   */
  record SettleReport(int delivered, int deadLettered, int rescheduled, int settledBefore) {
    public static final SettleReport NONE = new SettleReport(0, 0, 0, 0);

    public SettleReport plus(SettleReport other) {
      return new SettleReport(
          delivered + other.delivered,
          deadLettered + other.deadLettered,
          rescheduled + other.rescheduled,
          settledBefore + other.settledBefore);
    }
  }
}
