package dev.errorbridge.connector.connection;

import java.util.Map;

/**
 * How a connection receives pushed failures at {@code POST /webhooks/{connectionId}}.
 *
 * @param secret the current signing secret or token, encrypted, or {@code null} when webhooks are
 *     off for this connection
 * @param previousSecret the secret being rotated out, still accepted, or {@code null}
 * @param fieldMapping for the generic webhook: JSON Pointers into the body by field name (e.g.
 *     {@code executionId -> /run/id}); empty for platform webhooks
 */
public record ConnectionWebhook(
    StoredSecret secret, StoredSecret previousSecret, Map<String, String> fieldMapping) {
  public ConnectionWebhook {
    fieldMapping = fieldMapping == null ? Map.of() : Map.copyOf(fieldMapping);
  }

  /** No webhook. */
  public static ConnectionWebhook none() {
    return new ConnectionWebhook(null, null, Map.of());
  }

  /** Whether the connection accepts webhooks. */
  public boolean enabled() {
    return secret != null;
  }
}
