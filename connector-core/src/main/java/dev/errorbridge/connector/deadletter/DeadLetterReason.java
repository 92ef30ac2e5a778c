package dev.errorbridge.connector.deadletter;

/** Why an event was parked instead of delivered. */
public enum DeadLetterReason {
  /**
   * EventBridge refused the entry with a code that retrying cannot fix (e.g. {@code
   * MalformedDetail}).
   */
  NON_RETRYABLE_ERROR,
  /** The destination refused the whole request for good (bad keys, no permission, missing bus). */
  DESTINATION_ERROR,
  /** A retryable error persisted until the retry policy's attempts ran out. */
  RETRIES_EXHAUSTED,
  /** A retryable error persisted until the caller's deadline (e.g. the Lambda's remaining time). */
  DEADLINE_EXCEEDED,
  /** The destination's circuit breaker is open after repeated failures; nothing was sent. */
  CIRCUIT_OPEN,
  /**
   * The event could not be made to fit EventBridge's size limit even after shrinking; never sent.
   */
  EVENT_TOO_LARGE
}
