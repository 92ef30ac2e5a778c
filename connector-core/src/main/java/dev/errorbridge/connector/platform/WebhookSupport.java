package dev.errorbridge.connector.platform;

import dev.errorbridge.connector.webhook.spi.ErrorbridgeSignatureVerifier;
import dev.errorbridge.connector.webhook.spi.WebhookEnricher;
import dev.errorbridge.connector.webhook.spi.WebhookParser;
import dev.errorbridge.connector.webhook.spi.WebhookVerifier;

/**
 * How a platform pushes failures to {@code POST /webhooks/{connectionId}}: how a request is
 * authenticated (over the raw body, before anything parses it), how its body becomes a failure,
 * and, optionally, how the platform's API completes what the webhook carried.
 */
public interface WebhookSupport {

  /**
   * The verifier of this platform's requests; built once per receiver. By default Errorbridge's own
   * {@code X-Errorbridge-Signature} ({@link ErrorbridgeSignatureVerifier}), for every sender that
   * can sign that way; a platform with its own scheme (Alloy, Runflow) overrides it.
   */
  default WebhookVerifier verifier(WebhookContext context) {
    return new ErrorbridgeSignatureVerifier(context.clock(), context.replayGuard());
  }

  /** The parser of this platform's verified requests; thread-safe. */
  WebhookParser parser();

  /**
   * What completes an accepted webhook before delivery, e.g. under the id the poller uses so both
   * paths share an event id; by default nothing.
   */
  default WebhookEnricher enricher(EnricherContext context) {
    return WebhookEnricher.none();
  }
}
