package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterReason;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.engine.DeliveryPolicy;
import dev.errorbridge.connector.mapping.EventIds;
import dev.errorbridge.connector.mapping.EventTooLargeException;
import dev.errorbridge.connector.mapping.FailedExecutionMapper;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.retry.RetrySchedule;
import dev.errorbridge.connector.store.DedupStore;
import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.store.ParkedEventStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Keeps a webhook's failure safe when the connection cannot publish it now, so that the webhook may
 * still answer 2xx: parked in the retry store when the cause is transient (credentials momentarily
 * unavailable), among the dead letters when the owner must act first (a suspended connection). The
 * failure is claimed in the dedup store like a published one, so a poll of the same failure does
 * not publish it a second time; a claim that could not be settled is released.
 */
final class UndeliveredWebhooks {
  private static final Logger LOG = LoggerFactory.getLogger(UndeliveredWebhooks.class);

  /** Where the failure ended. */
  enum Settled {
    QUEUED,
    DEAD_LETTERED,
    DUPLICATE
  }

  private final FailedExecutionMapper mapper;
  private final ParkedEventStore parkedEvents;
  private final DeadLetterStore deadLetters;
  private final DedupStore dedup;
  private final DeliveryPolicy policy;
  private final RetrySchedule schedule;
  private final Clock clock;

  UndeliveredWebhooks(
      FailedExecutionMapper mapper,
      ParkedEventStore parkedEvents,
      DeadLetterStore deadLetters,
      DedupStore dedup,
      DeliveryPolicy policy,
      RetrySchedule schedule,
      Clock clock) {
    this.mapper = mapper;
    this.parkedEvents = parkedEvents;
    this.deadLetters = deadLetters;
    this.dedup = dedup;
    this.policy = policy;
    this.schedule = schedule;
    this.clock = clock;
  }

  /**
   * Parks {@code failure} for the retry worker.
   *
   * @throws RuntimeException if it could not be stored (the caller answers 503)
   */
  Settled queue(Connection connection, FailedExecution failure) {
    return settle(connection, failure, null);
  }

  /**
   * Parks {@code failure} among the dead letters, saying {@code why} it was not sent.
   *
   * @throws RuntimeException if it could not be stored (the caller answers 503)
   */
  Settled deadLetter(Connection connection, FailedExecution failure, String why) {
    return settle(connection, failure, why);
  }

  private Settled settle(Connection connection, FailedExecution failure, String deadLetterWhy) {
    String eventId = EventIds.of(failure);
    Instant now = clock.instant();
    if (!dedup.claim(eventId, now.plus(policy.claimLease()))) {
      return Settled.DUPLICATE;
    }
    Settled settled;
    try {
      settled = store(connection, failure, eventId, now, deadLetterWhy);
    } catch (RuntimeException e) {
      releaseQuietly(eventId);
      throw e;
    }
    try {
      dedup.confirm(List.of(eventId), clock.instant().plus(policy.dedupTtl()));
    } catch (RuntimeException e) {
      // The failure is safe already; the short claim still keeps a retry from storing it twice.
      LOG.warn("could not confirm the claim on event {}: {}", eventId, e.getMessage());
    }
    return settled;
  }

  private Settled store(
      Connection connection,
      FailedExecution failure,
      String eventId,
      Instant now,
      String deadLetterWhy) {
    MappedEvent event;
    try {
      event = mapper.map(failure, connection.mapping());
    } catch (EventTooLargeException e) {
      deadLetters.park(
          letter(
              connection,
              eventId,
              DeadLetterReason.EVENT_TOO_LARGE,
              "EventTooLarge",
              e.getMessage(),
              now,
              null));
      return Settled.DEAD_LETTERED;
    }
    DeadLetter.Entry entry = entry(event.entry());
    if (deadLetterWhy == null) {
      parkedEvents.park(
          new ParkedEvent(
              connection.tenantId(),
              connection.id(),
              eventId,
              entry,
              0,
              now,
              schedule.nextAttemptAt(now, 1)));
      return Settled.QUEUED;
    }
    deadLetters.park(
        letter(
            connection,
            eventId,
            DeadLetterReason.DESTINATION_ERROR,
            "ConnectionSuspended",
            deadLetterWhy,
            now,
            entry));
    return Settled.DEAD_LETTERED;
  }

  private static DeadLetter letter(
      Connection connection,
      String eventId,
      DeadLetterReason reason,
      String code,
      String message,
      Instant now,
      DeadLetter.Entry entry) {
    return new DeadLetter(
        connection.tenantId(), connection.id(), eventId, reason, code, message, 0, now, entry);
  }

  private static DeadLetter.Entry entry(PutEventsRequestEntry entry) {
    return new DeadLetter.Entry(
        entry.source(), entry.detailType(), entry.detail(), entry.resources(), entry.time());
  }

  private void releaseQuietly(String eventId) {
    try {
      dedup.release(eventId);
    } catch (RuntimeException e) {
      // The claim lapses after its lease; a later retry of the platform (or a poll) settles it.
      LOG.warn("could not release the claim on event {}: {}", eventId, e.getMessage());
    }
  }
}
