package dev.errorbridge.connector.publish;

/** What to do about a failure. */
public enum ErrorClass {
  /** Transient: try again (throttling, internal failures, 5xx, timeouts, resets). */
  RETRY,
  /**
   * This entry will never be accepted as it is: park it and report it, keep going with the others.
   */
  REPORT,
  /**
   * The destination refuses everything (bad credentials, no permission, no bus): park all, stop
   * calling.
   */
  FATAL
}
