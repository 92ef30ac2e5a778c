package dev.errorbridge.connector.store;

import dev.errorbridge.connector.deadletter.DeadLetter;
import java.time.Instant;
import java.util.Objects;

/**
 * A webhook event whose delivery failed for a reason worth retrying, waiting for its next attempt.
 * The webhook already answered 2xx, so the event must not be lost: when its retries run out it
 * becomes a dead letter.
 *
 * @param tenantId the tenant that owns the connection
 * @param connectionId the connection
 * @param eventId the event's deterministic id
 * @param entry the built {@code PutEvents} entry to send (up to 1 MB)
 * @param attempts how many attempts were made so far
 * @param parkedAt when it was first parked
 * @param nextAttemptAt when it is due for its next attempt
 */
public record ParkedEvent(
    String tenantId,
    String connectionId,
    String eventId,
    DeadLetter.Entry entry,
    int attempts,
    Instant parkedAt,
    Instant nextAttemptAt) {

  public ParkedEvent {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(entry, "entry");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
    }
    Objects.requireNonNull(parkedAt, "parkedAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
  }

  /** The same event with another attempt count and due time. */
  public ParkedEvent rescheduled(int newAttempts, Instant newNextAttemptAt) {
    return new ParkedEvent(
        tenantId, connectionId, eventId, entry, newAttempts, parkedAt, newNextAttemptAt);
  }
}
