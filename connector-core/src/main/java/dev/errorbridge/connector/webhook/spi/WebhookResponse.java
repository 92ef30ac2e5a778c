package dev.errorbridge.connector.webhook.spi;

import java.util.Map;
import java.util.Objects;

/**
 * What a transport sends back: an HTTP status, a few headers (always {@code Content-Type:
 * application/json}) and a small JSON body. It never says which verification check failed and never
 * carries a secret.
 *
 * @param status the HTTP status
 * @param headers the response headers, e.g. {@code Retry-After} on 429
 * @param body the JSON body
 */
public record WebhookResponse(int status, Map<String, String> headers, String body) {
  public static final String CONTENT_TYPE = "application/json";

  public WebhookResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP status between 100 and 599");
    }
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }
}
