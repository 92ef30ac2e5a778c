package dev.errorbridge.connector.source;

import dev.errorbridge.connector.Platform;

/**
 * The platform answered with a body larger than Errorbridge reads (runs that each carry a large
 * error make a list page of the default size exceed it). Nothing is wrong with the connection's
 * settings: an adapter asks for smaller pages wherever the endpoint has a page size, down to one
 * row, and skips (and reports) a single row that is still too large; where it cannot, the scan ends
 * with this message.
 */
public class SourceResponseTooLargeException extends SourceException {
  private final int limitBytes;

  /**
   * @param limitBytes the largest body read
   * @param what what was asked for, e.g. {@code a page of 100 runs}
   */
  public SourceResponseTooLargeException(
      Platform platform, String connectionId, String endpoint, int limitBytes, String what) {
    super(
        platform,
        connectionId,
        endpoint,
        null,
        "the answer to "
            + what
            + " is larger than "
            + (limitBytes >> 20)
            + " MiB, the most Errorbridge reads of one response. The platform's runs carry very"
            + " large payloads (errors, inputs); nothing is wrong with the connection's settings.",
        null);
    this.limitBytes = limitBytes;
  }

  /** The largest body read, in bytes. */
  public int limitBytes() {
    return limitBytes;
  }
}
