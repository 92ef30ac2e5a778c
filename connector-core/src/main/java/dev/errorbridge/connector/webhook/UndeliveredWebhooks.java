package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterReason;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.mapping.EventIds;
import dev.errorbridge.connector.mapping.EventTooLargeException;
import dev.errorbridge.connector.mapping.FailedExecutionMapper;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.retry.RetrySchedule;
import dev.errorbridge.connector.store.Outbox;
import dev.errorbridge.connector.store.ParkedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a webhook's failure safe when the connection cannot publish it now, so that the webhook may
 * still answer 2xx: in the outbox, due for the retry worker, when the cause is transient
 * (credentials momentarily unavailable); among the dead letters when the owner must act first (a
 * suspended connection). Either way the failure's event id is claimed, so a poll of the same
 * failure does not publish it a second time.
 */
final class UndeliveredWebhooks {
  /** Where the failure ended. */
  enum Settled {
    QUEUED,
    DEAD_LETTERED,
    DUPLICATE
  }

  private final FailedExecutionMapper mapper;
  private final Outbox outbox;
  private final DeadLetterStore deadLetters;
  private final RetrySchedule schedule;
  private final Clock clock;

  UndeliveredWebhooks(
      FailedExecutionMapper mapper,
      Outbox outbox,
      DeadLetterStore deadLetters,
      RetrySchedule schedule,
      Clock clock) {
    this.mapper = mapper;
    this.outbox = outbox;
    this.deadLetters = deadLetters;
    this.schedule = schedule;
    this.clock = clock;
  }

  /**
   * Puts {@code failure} in the outbox for the retry worker.
   *
   * @throws RuntimeException if it could not be stored (the caller answers 503)
   */
  Settled queue(Connection connection, FailedExecution failure) {
    Instant now = clock.instant();
    MappedEvent event;
    try {
      event = mapper.map(failure, connection.mapping());
    } catch (EventTooLargeException e) {
      return tooLarge(connection, e.eventId(), e, now);
    }
    Outbox.ClaimReport claim =
        outbox.claim(
            List.of(
                new ParkedEvent(
                    connection.tenantId(),
                    connection.id(),
                    event.eventId(),
                    DeadLetter.Entry.of(event.entry()),
                    0,
                    now,
                    schedule.nextAttemptAt(now, 1))));
    return claim.claimed().contains(event.eventId())
        ? Settled.QUEUED
        : settledBefore(claim.known().get(event.eventId()));
  }

  /**
   * Parks {@code failure} among the dead letters, saying {@code why} it was not sent.
   *
   * @throws RuntimeException if it could not be stored (the caller answers 503)
   */
  Settled deadLetter(Connection connection, FailedExecution failure, String why) {
    Instant now = clock.instant();
    String eventId = EventIds.of(failure);
    DeadLetter.Entry entry;
    try {
      entry = DeadLetter.Entry.of(mapper.map(failure, connection.mapping()).entry());
    } catch (EventTooLargeException e) {
      return tooLarge(connection, eventId, e, now);
    }
    return deadLetter(
        letter(
            connection,
            eventId,
            DeadLetterReason.DESTINATION_ERROR,
            "ConnectionSuspended",
            why,
            now,
            entry));
  }

  /** Parks the event that could not be mapped within the size limit, without an entry. */
  private Settled tooLarge(
      Connection connection, String eventId, EventTooLargeException e, Instant now) {
    return deadLetter(
        letter(
            connection,
            eventId,
            DeadLetterReason.EVENT_TOO_LARGE,
            "EventTooLarge",
            e.getMessage(),
            now,
            null));
  }

  /** Parks {@code letter} unless its event was claimed before, and records it dead-lettered. */
  private Settled deadLetter(DeadLetter letter) {
    String eventId = letter.eventId();
    Optional<Outbox.DeliveryState> before = outbox.stateOf(eventId, clock.instant());
    if (before.isPresent()) {
      return settledBefore(before.get());
    }
    deadLetters.park(letter);
    Outbox.ClaimReport recorded =
        outbox.recordDeadLettered(letter.connectionId(), List.of(eventId));
    return recorded.claimed().contains(eventId)
        ? Settled.DEAD_LETTERED
        : settledBefore(recorded.known().get(eventId));
  }

  private static Settled settledBefore(Outbox.DeliveryState state) {
    if (state == null) {
      return Settled.QUEUED;
    }
    return switch (state) {
      case DELIVERED -> Settled.DUPLICATE;
      case PENDING -> Settled.QUEUED;
      case DEAD_LETTERED -> Settled.DEAD_LETTERED;
    };
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
}
