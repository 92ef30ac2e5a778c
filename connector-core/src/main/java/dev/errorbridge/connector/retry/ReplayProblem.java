package dev.errorbridge.connector.retry;

import dev.errorbridge.connector.deadletter.DeadLetterReason;

/**
 * A dead letter a replay could not deliver, or will not send, and what to do about it.
 *
 * @param eventId the event's deterministic id
 * @param reason why it is (still) a dead letter
 * @param errorCode the last error code, or {@code null}
 * @param nextStep what the user should do next, in words for a CLI or a console
 */
public record ReplayProblem(
    String eventId, DeadLetterReason reason, String errorCode, String nextStep) {}
