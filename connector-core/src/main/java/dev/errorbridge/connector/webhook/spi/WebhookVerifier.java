package dev.errorbridge.connector.webhook.spi;

/**
 * Checks that a request comes from the connection's sender, over the raw body and before anything
 * parses it. One implementation per platform; {@code DefaultWebhookVerifier} picks by the
 * connection's platform.
 */
@FunctionalInterface
public interface WebhookVerifier {
  /**
   * @return passed, or failed with a reason for the debug log
   */
  WebhookVerification verify(WebhookRequest request, WebhookSettings settings);
}
