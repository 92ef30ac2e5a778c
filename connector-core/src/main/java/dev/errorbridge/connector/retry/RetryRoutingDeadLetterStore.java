package dev.errorbridge.connector.retry;

import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.deadletter.DeadLetterStoreException;
import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.store.ParkedEventStore;
import dev.errorbridge.connector.store.StoreUnavailableException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DeadLetterStore} to give the publisher on the webhook and retry paths: what it parks
 * for a transient reason goes to the {@link ParkedEventStore}, to be sent again by the {@link
 * ParkedEventDrainer}; what it parks for a permanent reason goes to the real dead letters, for the
 * customer to fix and replay. The rule ({@link RetryRouting}):
 *
 * <ul>
 *   <li><b>retry later</b>: {@code DEADLINE_EXCEEDED}, {@code CIRCUIT_OPEN}, and {@code
 *       RETRIES_EXHAUSTED} (the publisher only gives it after retryable errors), first due at now
 *       plus the schedule's first backoff;
 *   <li><b>dead letter</b>: {@code NON_RETRYABLE_ERROR}, {@code DESTINATION_ERROR}, {@code
 *       EVENT_TOO_LARGE}, the retry worker's own {@code RETRIES_EXHAUSTED} verdict, and anything
 *       without an entry to resend.
 * </ul>
 *
 * An event already waiting in the retry store is left as it is: a drainer holds it (it rescheduled
 * the event before sending it) and replacing it would reset its attempts and age, retrying it
 * forever. {@link #list} and {@link #remove} are the dead letters' own, so a replay never sees
 * events still being retried.
 *
 * <pre>{@code
 * DeadLetterStore parking = new RetryRoutingDeadLetterStore(deadLetters, parkedEvents, schedule, clock);
 * EventPublisher publisher = new DefaultEventPublisher(publisherConfig, parking);
 * }</pre>
 */
public final class RetryRoutingDeadLetterStore implements DeadLetterStore {
  private static final Logger LOG = LoggerFactory.getLogger(RetryRoutingDeadLetterStore.class);

  private final DeadLetterStore deadLetters;
  private final ParkedEventStore parkedEvents;
  private final RetrySchedule schedule;
  private final Clock clock;

  /**
   * @param deadLetters the real dead letters, for permanent failures
   * @param parkedEvents the retry store, for transient ones
   * @param schedule when a newly parked event is first due again
   * @param clock the clock that due time is counted from
   */
  public RetryRoutingDeadLetterStore(
      DeadLetterStore deadLetters,
      ParkedEventStore parkedEvents,
      RetrySchedule schedule,
      Clock clock) {
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.parkedEvents = Objects.requireNonNull(parkedEvents, "parkedEvents");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Parks {@code letter} in the retry store or the dead letters, as {@link RetryRouting} decides.
   *
   * @throws DeadLetterStoreException if either store could not take it (the event is not safe)
   */
  @Override
  public void park(DeadLetter letter) {
    if (!RetryRouting.retryLater(letter)) {
      deadLetters.park(letter);
      return;
    }
    try {
      if (parkedEvents.find(letter.connectionId(), letter.eventId()).isPresent()) {
        LOG.debug(
            "event already awaiting retry connectionId={} eventId={} reason={}",
            letter.connectionId(),
            letter.eventId(),
            letter.reason());
        return;
      }
      parkedEvents.park(
          new ParkedEvent(
              letter.tenantId(),
              letter.connectionId(),
              letter.eventId(),
              letter.entry(),
              0,
              letter.parkedAt(),
              schedule.nextAttemptAt(clock.instant(), 1)));
    } catch (StoreUnavailableException e) {
      throw new DeadLetterStoreException(
          "Could not park event "
              + letter.eventId()
              + " of connection "
              + letter.connectionId()
              + " for a later retry: "
              + e.getMessage(),
          e);
    }
  }

  /** The real dead letters of the connection; events awaiting a retry are not among them. */
  @Override
  public List<DeadLetter> list(String tenantId, String connectionId, int limit) {
    return deadLetters.list(tenantId, connectionId, limit);
  }

  /** Removes a real dead letter. */
  @Override
  public void remove(String tenantId, String connectionId, String eventId) {
    deadLetters.remove(tenantId, connectionId, eventId);
  }

  /** The real dead letters only: events parked for retry are counted by the retry store. */
  @Override
  public long count(String tenantId, String connectionId) {
    return deadLetters.count(tenantId, connectionId);
  }
}
