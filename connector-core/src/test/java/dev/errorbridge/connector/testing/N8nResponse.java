package dev.errorbridge.connector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;

/**
 * One answer of a real n8n, as received.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body as text
 */
public record N8nResponse(int status, HttpHeaders headers, String body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The body as JSON. */
  public JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("n8n answered " + status + " with a body that is not JSON", e);
    }
  }

  @Override
  public String toString() {
    // The headers may carry the auth cookie of the owner.
    return "N8nResponse[status=" + status + ", body=" + body.length() + " chars]";
  }
}
