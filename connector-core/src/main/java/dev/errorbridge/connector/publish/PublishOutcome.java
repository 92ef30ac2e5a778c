package dev.errorbridge.connector.publish;

import dev.errorbridge.connector.deadletter.DeadLetterReason;

/**
 * How one event ended. Every event handed to a publisher ends in exactly one of these; none is ever
 * left undecided, and none but {@link Delivered} reached the bus.
 */
public sealed interface PublishOutcome
    permits PublishOutcome.Delivered, PublishOutcome.DeadLettered, PublishOutcome.Rejected {

  /** The event's deterministic id. */
  String eventId();

  /**
   * EventBridge accepted the event.
   *
   * @param eventId the event's deterministic id
   * @param awsEventId the id EventBridge gave the entry (the envelope's {@code id})
   * @param attempts how many calls it took
   */
  record Delivered(String eventId, String awsEventId, int attempts) implements PublishOutcome {}

  /**
   * The event was sent (or would have been) but not accepted, and is parked in the dead-letter
   * store.
   *
   * @param eventId the event's deterministic id
   * @param reason why
   * @param errorCode the last error code, or {@code null}
   * @param errorMessage the last error message, or {@code null}
   * @param attempts how many calls carried it
   * @param maybeDelivered whether the last call carrying it got no answer (it timed out, or the
   *     connection was lost after the request was sent): EventBridge may have accepted it, so a
   *     retry may put it on the bus a second time, with the same event id
   */
  record DeadLettered(
      String eventId,
      DeadLetterReason reason,
      String errorCode,
      String errorMessage,
      int attempts,
      boolean maybeDelivered)
      implements PublishOutcome {}

  /**
   * The event could not be built into a valid entry and was never sent; it is parked with its
   * reason.
   *
   * @param eventId the event's deterministic id
   * @param reason why
   * @param message what went wrong and what to do
   */
  record Rejected(String eventId, DeadLetterReason reason, String message)
      implements PublishOutcome {}
}
