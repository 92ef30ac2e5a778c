package dev.errorbridge.connector.retry;

import dev.errorbridge.connector.publish.PublishOutcome;
import dev.errorbridge.connector.store.Outbox.Settlement;
import java.time.Instant;
import java.util.Objects;

/**
 * How a publish outcome settles its event's outbox entry: the one rule the first publish (webhook,
 * poll) and the retry drain share.
 *
 * <ul>
 *   <li>delivered: out of the outbox, counted;
 *   <li>refused for good, or never built ({@link RetryRouting} says not to retry): the publisher
 *       parked it among the dead letters; out of the outbox, counted as dead-lettered;
 *   <li>worth retrying: stays in the outbox, due again as the {@link RetrySchedule} says. Only an
 *       attempt that was made counts: an event the deadline stopped before any call keeps its
 *       attempt count. An attempt that timed out counts as made, and its event is "maybe
 *       delivered": EventBridge may have accepted it after the client gave up, so the retry may put
 *       it on the bus a second time, with the same event id.
 * </ul>
 */
public final class OutboxSettlements {
  private final RetrySchedule schedule;

  public OutboxSettlements(RetrySchedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /**
   * The settlement of {@code outcome}.
   *
   * @param connectionId the event's connection
   * @param attemptsBefore the attempts its outbox entry had counted before this publish
   * @param now when the publish ended
   */
  public Settlement of(
      String connectionId, PublishOutcome outcome, int attemptsBefore, Instant now) {
    if (outcome instanceof PublishOutcome.Delivered) {
      return Settlement.delivered(connectionId, outcome.eventId());
    }
    if (outcome instanceof PublishOutcome.DeadLettered d
        && RetryRouting.retryLater(d.reason(), d.errorCode())) {
      int attempts = attemptsBefore + (d.attempts() > 0 ? 1 : 0);
      return Settlement.retryLater(
          connectionId,
          outcome.eventId(),
          attempts,
          schedule.nextAttemptAt(now, Math.max(1, attempts)));
    }
    return Settlement.deadLettered(connectionId, outcome.eventId());
  }

  /** Whether {@code outcome} leaves its event "maybe delivered": its last attempt timed out. */
  public static boolean maybeDelivered(PublishOutcome outcome) {
    return outcome instanceof PublishOutcome.DeadLettered d
        && d.attempts() > 0
        && d.errorCode() != null
        && d.errorCode().contains("Timeout");
  }
}
