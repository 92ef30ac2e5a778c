package dev.errorbridge.connector.source;

import dev.errorbridge.connector.Platform;

/**
 * The platform could not answer: HTTP 5xx or 408, a timeout, a refused or reset connection, a
 * response cut off in transit. Transient: the engine retries on its next cycle (with backoff).
 */
public class SourceUnavailableException extends SourceException {

  /**
   * @param httpStatus the status, or {@code null} when no response came
   * @param what what happened, e.g. {@code HTTP 503} or {@code no response within 10 s}
   */
  public SourceUnavailableException(
      Platform platform,
      String connectionId,
      String endpoint,
      Integer httpStatus,
      String what,
      Throwable cause) {
    super(
        platform,
        connectionId,
        endpoint,
        httpStatus,
        what
            + "; the platform is unavailable for now and polling retries on its next cycle. If it"
            + " persists, check the platform's status and that the connection's base URL is"
            + " reachable from Errorbridge.",
        cause);
  }
}
