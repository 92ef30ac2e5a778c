package dev.errorbridge.connector.source;

import dev.errorbridge.connector.Platform;
import java.net.URI;
import java.time.Duration;

/**
 * The settings only one platform has, and the defaults a connection to it takes. Each platform's is
 * a validated record in its package, read by its {@code PollSupport}.
 */
public interface PlatformOptions {

  /** The platform these options are for. */
  Platform platform();

  /** The platform's public API base URL for these options, without a trailing slash. */
  URI defaultBaseUrl();

  /**
   * How far behind its watermark a scan starts when the connection sets nothing: at least the
   * longest run where the platform lists runs by their start, a few minutes where it lists them
   * when they end.
   */
  default Duration defaultLookback() {
    return SourceConnection.DEFAULT_LOOKBACK;
  }
}
