package dev.errorbridge.connector.source;

import dev.errorbridge.connector.Platform;

/**
 * A {@link FailureSource#recheck recheck} could not finish before its deadline (or its thread was
 * interrupted). Nothing is wrong with the connection: keep the run pending and recheck it on the
 * next cycle. Scans never throw it; they return an incomplete {@link ScanResult} instead.
 */
public class SourceDeadlineExceededException extends SourceException {

  /**
   * @param why what ran out, e.g. {@code the deadline passed}
   */
  public SourceDeadlineExceededException(
      Platform platform, String connectionId, String endpoint, String why) {
    super(
        platform,
        connectionId,
        endpoint,
        null,
        why + " before the request could finish; the work is retried on the next cycle.",
        null);
  }
}
