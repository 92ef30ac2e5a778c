package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import java.util.Optional;

/**
 * Refuses requests that no connection could accept (too large, not JSON, empty) before any lookup,
 * signature or parsing, so they cost almost nothing and get the same answer for every connection.
 */
@FunctionalInterface
public interface WebhookRequestGuard {
  /**
   * @return the rejection, or empty to go on
   */
  Optional<WebhookReceipt.Rejected> check(WebhookRequest request);
}
