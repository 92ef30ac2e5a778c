package dev.errorbridge.connector.poll;

/**
 * How one poll cycle of one connection ended. Only {@link #COMPLETE} may move the watermark; every
 * other status leaves it where it was, so the next cycle reads the same window again (and
 * deduplication absorbs what was already published).
 */
public enum PollStatus {
  /** The window was read to its end and every failure settled: the watermark advanced. */
  COMPLETE,
  /** The deadline came before the window was read; what was published stays published. */
  INCOMPLETE,
  /**
   * A page could not be settled: the connection was switched off or suspended during the cycle, or
   * its destination credentials could not be resolved. Nothing was published for that page.
   */
  NOT_SETTLED,
  /** The platform refused the API key (401/403): the connection is in ERROR until it is fixed. */
  AUTH_REFUSED,
  /** The platform answered 429: the checkpoint says when to poll again ("not before"). */
  RATE_LIMITED,
  /** The platform could not answer (5xx, timeout, reset): the next cycle retries. */
  PLATFORM_UNAVAILABLE,
  /**
   * The platform answered something unusable (malformed or truncated JSON) or rejected the request
   * (a wrong base URL or option): an operator must look; the next cycle tries again.
   */
  PLATFORM_ERROR,
  /** The connection's source settings are invalid: the connection is in ERROR until fixed. */
  SETTINGS_INVALID,
  /**
   * The platform API key could not be decrypted: ERROR when the KMS key is unusable, otherwise
   * (throttling, a timeout) retried next cycle.
   */
  SECRET_UNAVAILABLE,
  /** An Errorbridge dependency failed (DynamoDB, the dead-letter store): retried next cycle. */
  FAILED,
  /** Another worker saved the checkpoint first: its cycle stands, this one's bookkeeping is not. */
  CONFLICT,
  /** Another cycle of this connection is running (in this process or holding the checkpoint). */
  BUSY,
  /** Not polled: switched off, suspended, webhook-only, or not due yet ("not before"). */
  SKIPPED;

  /** Whether the cycle read and settled its whole window. */
  public boolean complete() {
    return this == COMPLETE;
  }
}
