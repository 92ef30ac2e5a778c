package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.platform.PollSupport;
import dev.errorbridge.connector.platform.SourceContext;
import dev.errorbridge.connector.platform.registry.PlatformRegistry;
import dev.errorbridge.connector.source.FailureSource;
import dev.errorbridge.connector.source.FailureSourceFactory;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.time.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds the adapter of each connection's platform, as the platform's plug-in in the {@link
 * PlatformRegistry} makes it, all sharing one JDK {@link HttpClient} (thread-safe, one connection
 * pool), one clock and one sleeper.
 *
 * <pre>{@code
 * FailureSourceFactory sources =
 *     new DefaultFailureSourceFactory(DefaultFailureSourceFactory.defaultHttpClient(),
 *         Clock.systemUTC(), Sleeper.SYSTEM);
 * FailureSource dify = sources.create(connection);
 * ScanResult result = dify.scan(ScanRequest.failures(after, before, deadline), listener);
 * }</pre>
 */
public final class DefaultFailureSourceFactory implements FailureSourceFactory {
  /** How long the default client waits for a TCP/TLS connection. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final PlatformRegistry registry;
  private final SourceContext context;

  /**
   * @param http the client every adapter sends through
   * @param clock the clock of deadlines, detection times and rate windows
   * @param sleeper what waits out a rate-limit window (tests pass one that moves their clock)
   */
  public DefaultFailureSourceFactory(HttpClient http, Clock clock, Sleeper sleeper) {
    this(PlatformRegistry.builtIn(), new SourceContext(http, clock, sleeper));
  }

  /** The sources of {@code registry}'s polled platforms, built with {@code context}. */
  public DefaultFailureSourceFactory(PlatformRegistry registry, SourceContext context) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.context = Objects.requireNonNull(context, "context");
  }

  /**
   * A client for the platforms: HTTP/1.1 (a poller sends a few sequential GETs; HTTP/2 brings
   * nothing and its cleartext upgrade confuses some proxies in front of self-hosted Dify), a 5 s
   * connect timeout, and no redirects, which would resend the API key to wherever they point.
   */
  public static HttpClient defaultHttpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public FailureSource create(SourceConnection connection) {
    PollSupport polling =
        registry
            .polling(connection.platform())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        connection.platform().id()
                            + " connections are pushed to Errorbridge, not polled: connection "
                            + connection.connectionId()));
    return polling.newSource(connection, context);
  }
}
