package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.WebhookContext;
import dev.errorbridge.connector.platform.registry.PlatformRegistry;
import dev.errorbridge.connector.webhook.spi.ReplayGuard;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import dev.errorbridge.connector.webhook.spi.WebhookVerification;
import dev.errorbridge.connector.webhook.spi.WebhookVerifier;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies each request the way its connection's platform signs: the registry's verifier of it,
 * built once.
 */
public final class DefaultWebhookVerifier implements WebhookVerifier {
  private final Map<Platform, WebhookVerifier> verifiers;

  /** The built-in platforms' verifiers, on {@code clock} and {@code replayGuard}. */
  public DefaultWebhookVerifier(Clock clock, ReplayGuard replayGuard) {
    this(PlatformRegistry.builtIn(), new WebhookContext(clock, replayGuard));
  }

  /** The verifiers of {@code registry}'s pushing platforms, built with {@code context}. */
  public DefaultWebhookVerifier(PlatformRegistry registry, WebhookContext context) {
    Map<Platform, WebhookVerifier> byPlatform = new HashMap<>();
    for (Platform platform : registry.pushing()) {
      WebhookVerifier verifier = registry.webhooks(platform).orElseThrow().verifier(context);
      byPlatform.put(platform, Objects.requireNonNull(verifier, platform.id()));
    }
    this.verifiers = Map.copyOf(byPlatform);
  }

  @Override
  public WebhookVerification verify(WebhookRequest request, WebhookSettings settings) {
    WebhookVerifier verifier = verifiers.get(settings.platform());
    return verifier == null
        ? WebhookVerification.failed("platform " + settings.platform().id() + " has no webhook")
        : verifier.verify(request, settings);
  }
}
