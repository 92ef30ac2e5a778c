package dev.errorbridge.connector.platform.webhook;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.PlatformDescriptor;
import dev.errorbridge.connector.platform.PlatformPlugin;
import dev.errorbridge.connector.platform.WebhookSupport;
import dev.errorbridge.connector.webhook.spi.ErrorbridgeSignatureVerifier;
import dev.errorbridge.connector.webhook.spi.WebhookParser;
import java.net.URI;

/**
 * The generic signed webhook: any tool that can sign a JSON body with an HMAC ({@link
 * ErrorbridgeSignatureVerifier}, Stripe's scheme, replays refused: the SPI's default verifier) and
 * whose fields a {@code WebhookFieldMapping} of JSON Pointers locates ({@link
 * GenericWebhookParser}). Never polled.
 */
public final class GenericWebhookPlugin implements PlatformPlugin, WebhookSupport {

  // Errorbridge defines this one itself (modelled on Stripe's signing scheme).
  private static final PlatformDescriptor DESCRIPTOR =
      new PlatformDescriptor(
          Platform.WEBHOOK, "Generic signed webhook", URI.create("docs/webhooks.md"));

  @Override
  public PlatformDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public WebhookParser parser() {
    return new GenericWebhookParser();
  }
}
