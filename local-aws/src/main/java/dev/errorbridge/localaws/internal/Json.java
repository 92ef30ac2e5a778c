package dev.errorbridge.localaws.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The one shared Jackson mapper (thread-safe once configured) and small node helpers. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** AWS JSON 1.1 sends timestamps as epoch seconds, with milliseconds as a fraction. */
  public static double epochSeconds(Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }
}
