package dev.errorbridge.connector.platform;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What every webhook enricher is built with.
 *
 * @param sources a stored connection's poll settings with its API key decrypted
 * @param http the client for the platform's API, asked for on first use so that building the object
 *     graph (e.g. in a Lambda's init phase) opens nothing; it must not follow redirects
 * @param clock the clock of deadlines
 */
public record EnricherContext(
    SourceConnectionReader sources, Supplier<HttpClient> http, Clock clock) {
  public EnricherContext {
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(clock, "clock");
  }
}
