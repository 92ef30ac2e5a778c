package dev.errorbridge.connector.webhook.spi;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.time.Deadline;

/**
 * Turns an accepted webhook into the receipt {@code WebhookIntake} delivers: itself, or one whose
 * failure the platform's own API describes better (e.g. under the id the poller uses, so the two
 * views of a run share an event id). Called once per accepted request, right before delivery, on
 * the connection as stored now; implementations must be thread-safe.
 */
@FunctionalInterface
public interface WebhookEnricher {

  /**
   * The receipt to deliver.
   *
   * <p>Never throws, and never fails the webhook: whatever goes wrong, the answer is {@code
   * accepted} itself.
   *
   * @param connection the stored connection the request was accepted for
   * @param accepted what the request carried
   * @param deadline the publish deadline: enrichment must leave time to publish before it
   */
  WebhookReceipt.Accepted enrich(
      Connection connection, WebhookReceipt.Accepted accepted, Deadline deadline);

  /** Delivers what the webhook carried, as it is. */
  static WebhookEnricher none() {
    return (connection, accepted, deadline) -> accepted;
  }
}
