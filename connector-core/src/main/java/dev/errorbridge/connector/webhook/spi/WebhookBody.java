package dev.errorbridge.connector.webhook.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A verified request's body, read once by the receiver for every parser.
 *
 * @param text the body as UTF-8 text, exactly as received (it becomes the failure's raw payload)
 * @param json the body as a JSON tree
 */
public record WebhookBody(String text, JsonNode json) {
  public WebhookBody {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(json, "json");
  }

  @Override
  public String toString() {
    return "WebhookBody[" + text.length() + " chars]";
  }
}
