package dev.errorbridge.connector.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.webhook.spi.WebhookRateLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DefaultWebhookRateLimiterTest {
  private final WebhookRateLimiter limiter = new WebhookRateLimiter();

  @Test
  void tryAcquire_whenPermitsLeft_permitsWithoutWaiting() {
    WebhookRateLimit limit = new WebhookRateLimit(2, Duration.ofHours(1));

    assertThat(limiter.tryAcquire("c1", limit)).isEmpty();
    assertThat(limiter.tryAcquire("c1", limit)).isEmpty();
    assertThat(limiter.tryAcquire("c1", limit))
        .hasValueSatisfying(
            wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofHours(1)));
  }

  @Test
  void tryAcquire_whenTheConnectionsLimitChanges_appliesTheNewLimit() {
    limiter.tryAcquire("c1", new WebhookRateLimit(1, Duration.ofHours(1)));
    assertThat(limiter.tryAcquire("c1", new WebhookRateLimit(1, Duration.ofHours(1)))).isPresent();

    assertThat(limiter.tryAcquire("c1", new WebhookRateLimit(5, Duration.ofHours(1)))).isEmpty();
  }
}
