package dev.errorbridge.connector.platform.n8n;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The n8n fixtures ({@code platforms/n8n/} on the test classpath), read and adapted by tests. */
final class N8nFixtures {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The Stop and Error workflow of the captured fixtures. */
  static final String STOP_WORKFLOW = "kz94pDT0K4VNoslt";

  /** The HTTP Request workflow of the captured fixtures. */
  static final String HTTP_WORKFLOW = "zz0E1hKYpj7GlhwD";

  /** Page 1's {@code nextCursor}: base64 of {@code {"lastId":"2","limit":2}}. */
  static final String PAGE2_CURSOR = "eyJsYXN0SWQiOiIyIiwibGltaXQiOjJ9";

  private N8nFixtures() {}

  /** The text of fixture {@code name}, as captured. */
  static String text(String name) {
    try (InputStream in = N8nFixtures.class.getResourceAsStream("/platforms/n8n/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture platforms/n8n/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fixture {@code name} as a JSON object to change. */
  static ObjectNode object(String name) {
    return (ObjectNode) read(text(name));
  }

  /** A copy of an execution fixture with another id (and, when not null, workflow and status). */
  static String execution(String name, String id, String status) {
    ObjectNode execution = object(name).put("id", id);
    if (status != null) {
      execution.put("status", status);
    }
    return execution.toString();
  }

  /** A list page of {@code rows} with {@code nextCursor}. */
  static String page(String nextCursor, JsonNode... rows) {
    ObjectNode page = JSON.createObjectNode();
    ArrayNode data = page.putArray("data");
    for (JsonNode row : rows) {
      data.add(row);
    }
    page.put("nextCursor", nextCursor);
    return page.toString();
  }

  /** A list row as n8n 1.123.81 lists it (the shape of {@code executions-error-page1.json}). */
  static ObjectNode row(
      String id, String workflowId, String status, String mode, String startedAt) {
    ObjectNode row =
        (ObjectNode) read(text("executions-error-page1.json")).at("/data/0").deepCopy();
    return row.put("id", id)
        .put("workflowId", workflowId)
        .put("status", status)
        .put("mode", mode)
        .put("startedAt", startedAt)
        .put("stoppedAt", startedAt);
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
