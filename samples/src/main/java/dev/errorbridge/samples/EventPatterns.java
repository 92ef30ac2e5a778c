package dev.errorbridge.samples;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The event patterns in {@code samples/patterns/}, which the build copies to the classpath under
 * {@code patterns/}. The stack's rules are loaded from these files, the same files the routing
 * tests evaluate against the sample events, so a rule cannot drift from what is tested.
 */
public final class EventPatterns {
  /** {@code Workflow Execution Failed} from any Errorbridge source. */
  public static final String FAILED = "workflow-execution-failed";

  /** {@code Workflow Execution Stopped} (connections opt in to stopped runs). */
  public static final String STOPPED = "workflow-execution-stopped";

  /** {@code Workflow Execution Partially Failed} (connections opt in to partial failures). */
  public static final String PARTIALLY_FAILED = "workflow-execution-partially-failed";

  /** {@code Errorbridge Connection Test}, sent when a customer tests a connection. */
  public static final String CONNECTION_TEST = "connection-test";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private EventPatterns() {}

  /**
   * The pattern {@code patterns/<name>.json} as a JSON tree of maps and lists, the form {@code
   * AWS::Events::Rule}'s {@code EventPattern} takes.
   *
   * @throws IllegalArgumentException if there is no such pattern on the classpath
   */
  public static Map<String, Object> load(String name) {
    String resource = "/patterns/" + name + ".json";
    try (InputStream in = EventPatterns.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no event pattern "
                + resource
                + " on the classpath: add samples/patterns/"
                + name
                + ".json");
      }
      return JSON.readValue(in, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read event pattern " + resource, e);
    }
  }
}
