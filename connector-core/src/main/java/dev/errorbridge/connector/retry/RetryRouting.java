package dev.errorbridge.connector.retry;

import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterReason;

/**
 * The one rule that decides whether an undelivered event is worth trying again later (it goes to
 * the retry store) or not (it goes to the dead-letter store, for the customer to fix and replay).
 *
 * <table>
 *   <caption>Where each reason goes</caption>
 *   <tr><th>Reason</th><th>Store</th><th>Why</th></tr>
 *   <tr><td>{@code DEADLINE_EXCEEDED}</td><td>retry</td>
 *       <td>a retryable error was still failing when the caller's time ran out</td></tr>
 *   <tr><td>{@code RETRIES_EXHAUSTED}</td><td>retry</td>
 *       <td>the publisher gives this reason only after retryable errors (throttling, {@code
 *       InternalFailure}, 5xx, timeouts, resets) used up its attempts, so the last error was
 *       retryable; except the retry worker's own verdict ({@link #GAVE_UP_ERROR_CODE})</td></tr>
 *   <tr><td>{@code CIRCUIT_OPEN}</td><td>retry</td>
 *       <td>nothing was sent; the breaker closes again by itself</td></tr>
 *   <tr><td>{@code NON_RETRYABLE_ERROR}</td><td>dead letters</td>
 *       <td>EventBridge refused this entry for good ({@code MalformedDetail}, {@code
 *       AccessDeniedException}…)</td></tr>
 *   <tr><td>{@code DESTINATION_ERROR}</td><td>dead letters</td>
 *       <td>the destination refuses everything (keys, permission, missing bus) until the customer
 *       fixes it</td></tr>
 *   <tr><td>{@code EVENT_TOO_LARGE}</td><td>dead letters</td>
 *       <td>never built, so there is nothing to resend</td></tr>
 * </table>
 *
 * An event without an entry always goes to the dead letters: there is nothing to resend.
 */
public final class RetryRouting {
  /**
   * The error code of a dead letter the retry worker made when an event's attempts or age ran out;
   * its reason is {@link DeadLetterReason#RETRIES_EXHAUSTED} but it must never be retried again.
   */
  public static final String GAVE_UP_ERROR_CODE = "RetryWindowExhausted";

  private RetryRouting() {}

  /** Whether {@code letter} goes to the retry store rather than the dead letters. */
  public static boolean retryLater(DeadLetter letter) {
    return letter.entry() != null && retryLater(letter.reason(), letter.errorCode());
  }

  /** Whether an event that ended with {@code reason} and {@code errorCode} is retried later. */
  public static boolean retryLater(DeadLetterReason reason, String errorCode) {
    return switch (reason) {
      case DEADLINE_EXCEEDED, CIRCUIT_OPEN -> true;
      case RETRIES_EXHAUSTED -> !GAVE_UP_ERROR_CODE.equals(errorCode);
      case NON_RETRYABLE_ERROR, DESTINATION_ERROR, EVENT_TOO_LARGE -> false;
    };
  }
}
