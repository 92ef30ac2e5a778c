package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.WebhookSupport;
import dev.errorbridge.connector.platform.registry.PlatformRegistry;
import dev.errorbridge.connector.webhook.spi.WebhookBody;
import dev.errorbridge.connector.webhook.spi.WebhookParser;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Parses each request as its connection's platform sends it: the registry's parser of it. */
public final class DefaultWebhookParser implements WebhookParser {
  private final Map<Platform, WebhookParser> parsers;

  /** The parsers of the built-in platforms. */
  public DefaultWebhookParser() {
    this(PlatformRegistry.builtIn());
  }

  /** The parsers of {@code registry}'s pushing platforms. */
  public DefaultWebhookParser(PlatformRegistry registry) {
    Map<Platform, WebhookParser> byPlatform = new HashMap<>();
    for (Platform platform : registry.pushing()) {
      WebhookSupport webhooks = registry.webhooks(platform).orElseThrow();
      byPlatform.put(platform, Objects.requireNonNull(webhooks.parser(), platform.id()));
    }
    this.parsers = Map.copyOf(byPlatform);
  }

  @Override
  public WebhookReceipt parse(WebhookRequest request, WebhookBody body, WebhookSettings settings) {
    WebhookParser parser = parsers.get(settings.platform());
    if (parser == null) {
      // StoreWebhookConnections admits only the pushing platforms.
      throw new IllegalArgumentException(
          "platform " + settings.platform().id() + " has no webhook");
    }
    return parser.parse(request, body, settings);
  }
}
