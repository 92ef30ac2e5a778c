package dev.errorbridge.connector.platform.webhook;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.PlatformPlugin;
import dev.errorbridge.connector.platform.PollSupport;
import dev.errorbridge.connector.platform.WebhookContext;
import dev.errorbridge.connector.platform.WebhookSupport;
import dev.errorbridge.connector.webhook.spi.ErrorbridgeSignatureVerifier;
import dev.errorbridge.connector.webhook.spi.WebhookParser;
import dev.errorbridge.connector.webhook.spi.WebhookVerifier;
import java.net.URI;
import java.util.Optional;

/**
 * The generic signed webhook: any tool that can sign a JSON body with an HMAC ({@link
 * ErrorbridgeSignatureVerifier}, Stripe's scheme, replays refused) and whose fields a {@code
 * WebhookFieldMapping} of JSON Pointers locates ({@link GenericWebhookParser}). Never polled.
 */
public final class GenericWebhookPlugin implements PlatformPlugin, WebhookSupport {

  @Override
  public Platform platform() {
    return Platform.WEBHOOK;
  }

  @Override
  public String displayName() {
    return "Generic signed webhook";
  }

  @Override
  public URI apiDocumentation() {
    // Errorbridge defines this one itself (modelled on Stripe's signing scheme).
    return URI.create("docs/webhooks.md");
  }

  @Override
  public Optional<PollSupport> polling() {
    return Optional.empty();
  }

  @Override
  public Optional<WebhookSupport> webhooks() {
    return Optional.of(this);
  }

  @Override
  public WebhookVerifier verifier(WebhookContext context) {
    return new ErrorbridgeSignatureVerifier(context.clock(), context.replayGuard());
  }

  @Override
  public WebhookParser parser() {
    return new GenericWebhookParser();
  }
}
