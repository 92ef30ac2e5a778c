package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.platform.EnricherContext;
import dev.errorbridge.connector.platform.registry.PlatformRegistry;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.connector.webhook.spi.WebhookEnricher;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import java.util.HashMap;
import java.util.Map;

/**
 * Enriches each accepted webhook with its connection's platform's enricher (today Alloy's, which
 * gives an Alloy webhook the poller's execution id); other platforms' webhooks are delivered as
 * they came. Thread-safe when the platforms' enrichers are.
 */
public final class DefaultWebhookEnricher implements WebhookEnricher {
  private final Map<Platform, WebhookEnricher> enrichers;

  /** The enrichers of {@code registry}'s pushing platforms, built once with {@code context}. */
  public DefaultWebhookEnricher(PlatformRegistry registry, EnricherContext context) {
    Map<Platform, WebhookEnricher> byPlatform = new HashMap<>();
    for (Platform platform : registry.pushing()) {
      byPlatform.put(platform, registry.webhooks(platform).orElseThrow().enricher(context));
    }
    this.enrichers = Map.copyOf(byPlatform);
  }

  @Override
  public WebhookReceipt.Accepted enrich(
      Connection connection, WebhookReceipt.Accepted accepted, Deadline deadline) {
    WebhookEnricher enricher = enrichers.get(connection.source().platform());
    return enricher == null ? accepted : enricher.enrich(connection, accepted, deadline);
  }
}
