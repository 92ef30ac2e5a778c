package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.inbound.JsonBodyInvalidException;
import dev.errorbridge.connector.inbound.StrictJson;
import dev.errorbridge.connector.webhook.spi.WebhookBody;
import dev.errorbridge.connector.webhook.spi.WebhookPayloadInvalidException;
import java.util.List;

/**
 * Reads a webhook body through {@link StrictJson} (UTF-8 only, one value with nothing after it, no
 * duplicate member names, at most the configured nesting depth) and keeps its text for the raw
 * payload. Problems never quote the body, not even a member's name.
 */
final class WebhookJson {
  private final StrictJson json;

  WebhookJson(int maxNestingDepth) {
    this.json = StrictJson.withMaxDepth(maxNestingDepth);
  }

  /**
   * @throws WebhookPayloadInvalidException if the body is not UTF-8, not JSON, or too deep
   */
  WebhookBody read(byte[] body) {
    try {
      String text = StrictJson.text(body);
      return new WebhookBody(text, json.readText(text));
    } catch (JsonBodyInvalidException e) {
      throw new WebhookPayloadInvalidException(
          List.of(
              e.field().equals("body")
                  ? "body " + e.problem()
                  : "body is not valid JSON: a member name " + e.problem()));
    }
  }
}
