package dev.errorbridge.server.http;

import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;

/** What answers {@code POST /webhooks/{connectionId}} once the transport has read the request. */
@FunctionalInterface
public interface WebhookEndpoint {
  WebhookResponse handle(WebhookRequest request);
}
