package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.cache.ConnectionCache;
import dev.errorbridge.connector.webhook.spi.WebhookRateLimit;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * Limits how many requests each connection's endpoint takes, per its {@link WebhookRateLimit}: one
 * resilience4j {@link RateLimiter} per connection, created on first use and replaced when the
 * connection's limit changes. Requests never wait for a permit: a webhook sender is better served
 * by a quick 429 with {@code Retry-After} than by a held connection.
 *
 * <p>The limiters are kept in a bounded cache that forgets a connection idle for a day (its
 * limiter's state then no longer matters: a whole period has passed).
 */
public final class WebhookRateLimiter {
  private final ConnectionCache<Limiter> limiters = new ConnectionCache<>(Duration.ofDays(1));

  /**
   * Takes one permit for {@code connectionId}, without waiting.
   *
   * @return empty if permitted, else how long until a permit is likely free
   */
  public Optional<Duration> tryAcquire(String connectionId, WebhookRateLimit limit) {
    Limiter limiter =
        limiters.compute(
            connectionId,
            (id, current) ->
                current != null && current.limit().equals(limit) ? current : Limiter.of(id, limit));
    if (limiter.rateLimiter().acquirePermission()) {
      return Optional.empty();
    }
    return Optional.of(limiter.untilNextPeriod(System.nanoTime()));
  }

  /**
   * A connection's limiter. resilience4j refreshes permits at whole periods counted from the
   * limiter's creation, so the wait for the next permit is the rest of the current period; the
   * start is taken just before the limiter is made, so the wait is never shorter than the truth.
   */
  private record Limiter(WebhookRateLimit limit, RateLimiter rateLimiter, long startNanos) {
    static Limiter of(String connectionId, WebhookRateLimit limit) {
      RateLimiterConfig config =
          RateLimiterConfig.custom()
              .limitForPeriod(limit.permitsPerPeriod())
              .limitRefreshPeriod(limit.period())
              .timeoutDuration(Duration.ZERO)
              .build();
      RateLimiter rateLimiter = RateLimiter.of("webhook-" + connectionId, config);
      return new Limiter(limit, rateLimiter, System.nanoTime());
    }

    Duration untilNextPeriod(long nowNanos) {
      long period = limit.period().toNanos();
      long intoPeriod = Math.floorMod(nowNanos - startNanos, period);
      return Duration.ofNanos(Math.max(1, period - intoPeriod));
    }
  }
}
