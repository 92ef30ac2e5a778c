package dev.errorbridge.connector.webhook.spi;

/**
 * Turns a verified request into a failure, or decides that it reports none. One implementation per
 * platform; {@code DefaultWebhookParser} picks by the connection's platform.
 */
@FunctionalInterface
public interface WebhookParser {
  /**
   * @param request the verified request (headers, receivedAt)
   * @param body its body, read as JSON
   * @param settings the connection's settings
   * @return {@link WebhookReceipt.Accepted} with the failure, or {@link WebhookReceipt.Ignored}
   * @throws WebhookPayloadInvalidException listing every missing or invalid field
   */
  WebhookReceipt parse(WebhookRequest request, WebhookBody body, WebhookSettings settings);
}
