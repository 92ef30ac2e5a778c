package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.webhook.spi.WebhookRateLimit;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One resilience4j {@link RateLimiter} per connection, created on first use and replaced when the
 * connection's limit changes. Requests never wait for a permit: a webhook sender is better served
 * by a quick 429 with {@code Retry-After} than by a held connection.
 */
public final class DefaultWebhookRateLimiter implements WebhookRateLimiter {
  private final Map<String, Limiter> limiters = new ConcurrentHashMap<>();

  @Override
  public Optional<Duration> tryAcquire(String connectionId, WebhookRateLimit limit) {
    Limiter limiter =
        limiters.compute(
            connectionId,
            (id, current) ->
                current != null && current.limit().equals(limit) ? current : Limiter.of(id, limit));
    if (limiter.rateLimiter().acquirePermission()) {
      return Optional.empty();
    }
    return Optional.of(waitFor(limiter));
  }

  private static Duration waitFor(Limiter limiter) {
    // Only the atomic implementation (what RateLimiter.of creates) tells the time to the next
    // permit; otherwise a full period is a safe upper bound.
    if (limiter.rateLimiter() instanceof AtomicRateLimiter atomic) {
      long nanos = atomic.getDetailedMetrics().getNanosToWait();
      if (nanos > 0) {
        return Duration.ofNanos(nanos);
      }
    }
    return limiter.limit().period();
  }

  private record Limiter(WebhookRateLimit limit, RateLimiter rateLimiter) {
    static Limiter of(String connectionId, WebhookRateLimit limit) {
      RateLimiterConfig config =
          RateLimiterConfig.custom()
              .limitForPeriod(limit.permitsPerPeriod())
              .limitRefreshPeriod(limit.period())
              .timeoutDuration(Duration.ZERO)
              .build();
      return new Limiter(limit, RateLimiter.of("webhook-" + connectionId, config));
    }
  }
}
