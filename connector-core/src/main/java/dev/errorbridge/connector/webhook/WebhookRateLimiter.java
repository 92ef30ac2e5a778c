package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.webhook.spi.WebhookRateLimit;
import java.time.Duration;
import java.util.Optional;

/** Limits how many requests each connection's endpoint takes, per its {@link WebhookRateLimit}. */
@FunctionalInterface
public interface WebhookRateLimiter {
  /**
   * Takes one permit for {@code connectionId}, without waiting.
   *
   * @return empty if permitted, else how long until a permit is likely free
   */
  Optional<Duration> tryAcquire(String connectionId, WebhookRateLimit limit);
}
