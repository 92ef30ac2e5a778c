package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import java.util.Optional;

/**
 * Looks up a connection's webhook settings by the id in the request path. An unknown connection, a
 * deleted one and one that must not be reached through this endpoint all look the same: empty, so
 * the receiver answers one identical 404 and a caller cannot probe which ids exist.
 */
@FunctionalInterface
public interface WebhookConnections {
  /**
   * The settings of {@code connectionId}, or empty.
   *
   * @throws RuntimeException if the store cannot answer; the receiver answers 503
   */
  Optional<WebhookSettings> find(String connectionId);
}
