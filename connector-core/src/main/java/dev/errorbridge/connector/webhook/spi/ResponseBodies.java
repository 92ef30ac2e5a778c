package dev.errorbridge.connector.webhook.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;

/** Writes the small JSON bodies of {@link WebhookResponse}s. */
public final class ResponseBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResponseBodies() {}

  public static WebhookResponse json(
      int status, Map<String, Object> body, Map<String, String> extra) {
    Map<String, String> headers = new HashMap<>(extra);
    headers.put("Content-Type", WebhookResponse.CONTENT_TYPE);
    // Answers are about one request; a shared cache must not replay them to another caller.
    headers.put("Cache-Control", "no-store");
    try {
      return new WebhookResponse(status, headers, JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      // Only strings and lists of strings are written, which Jackson always serialises.
      throw new IllegalStateException("could not write a webhook response body", e);
    }
  }
}
