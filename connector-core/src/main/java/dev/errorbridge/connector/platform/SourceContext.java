package dev.errorbridge.connector.platform;

import dev.errorbridge.connector.time.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Objects;

/**
 * What every poll source is built with.
 *
 * @param http the client every source sends through (no redirects: they would resend the key)
 * @param clock the clock of deadlines, detection times and rate windows
 * @param sleeper what waits out a rate-limit window (tests pass one that moves their clock)
 */
public record SourceContext(HttpClient http, Clock clock, Sleeper sleeper) {
  public SourceContext {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
  }
}
