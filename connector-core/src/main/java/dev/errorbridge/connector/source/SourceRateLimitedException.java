package dev.errorbridge.connector.source;

import dev.errorbridge.connector.Platform;
import java.time.Duration;

/**
 * The platform answered HTTP 429. The engine pauses the connection for {@link #retryAfter()} and
 * scans again after it; nothing is lost, since the watermark stays where it was.
 */
public class SourceRateLimitedException extends SourceException {
  private final Duration retryAfter;
  private final boolean fromHeaders;

  /**
   * @param retryAfter how long to wait, from the response's headers or the default
   * @param fromHeaders whether the platform said how long ({@code Retry-After}, {@code
   *     RateLimit-Reset}, {@code X-RateLimit-Reset}) or the default was used
   */
  public SourceRateLimitedException(
      Platform platform,
      String connectionId,
      String endpoint,
      Duration retryAfter,
      boolean fromHeaders) {
    super(
        platform,
        connectionId,
        endpoint,
        429,
        "HTTP 429, rate limited; polling waits "
            + retryAfter.toSeconds()
            + " s ("
            + (fromHeaders ? "as the platform asked" : "the default; the platform gave no wait")
            + "). If this recurs, poll less often or give this connection a key of its own.",
        null);
    this.retryAfter = retryAfter;
    this.fromHeaders = fromHeaders;
  }

  /** How long to wait before the next request. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whether the wait came from the platform's headers rather than the default. */
  public boolean fromHeaders() {
    return fromHeaders;
  }
}
