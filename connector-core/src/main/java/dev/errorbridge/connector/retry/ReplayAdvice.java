package dev.errorbridge.connector.retry;

import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.publish.PublishOutcome;

/** What a user should do about a dead letter a replay could not deliver. */
final class ReplayAdvice {
  private ReplayAdvice() {}

  static ReplayProblem notReplayable(DeadLetter letter) {
    return new ReplayProblem(
        letter.eventId(),
        letter.reason(),
        letter.errorCode(),
        "Cannot be replayed: the event was never built ("
            + letter.errorMessage()
            + "). Fix the cause; the failure itself is still in the platform's run history.");
  }

  static ReplayProblem failed(PublishOutcome outcome) {
    if (outcome instanceof PublishOutcome.Rejected rejected) {
      return new ReplayProblem(
          rejected.eventId(), rejected.reason(), null, "Not sent: " + rejected.message());
    }
    PublishOutcome.DeadLettered d = (PublishOutcome.DeadLettered) outcome;
    String error = d.errorCode() == null ? "" : " (" + d.errorCode() + ")";
    String next =
        switch (d.reason()) {
          case DESTINATION_ERROR ->
              "The destination refused the request"
                  + error
                  + ": check the connection's bus, region and credentials (test the connection),"
                  + " then replay again.";
          case NON_RETRYABLE_ERROR ->
              "EventBridge refused this event"
                  + error
                  + ": "
                  + d.errorMessage()
                  + ". Replaying it unchanged will fail the same way; fix the bus (policy, size"
                  + " limit) first.";
          case EVENT_TOO_LARGE -> "The event is over the size limit; raise maxEntrySizeBytes.";
          case DEADLINE_EXCEEDED, RETRIES_EXHAUSTED, CIRCUIT_OPEN ->
              "EventBridge was throttling or unavailable"
                  + error
                  + "; replay again in a few minutes.";
        };
    return new ReplayProblem(d.eventId(), d.reason(), d.errorCode(), next);
  }
}
