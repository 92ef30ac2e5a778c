package dev.errorbridge.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies an {@code InputTransformer} to an event the way EventBridge's documentation describes,
 * enough to read the messages the alert rules send for the sample events:
 *
 * <ul>
 *   <li>each {@code InputPathsMap} entry is a dot-notation JSON path into the event; a path that is
 *       missing defines no variable;
 *   <li>a template that is a JSON object is JSON: a placeholder inside a string gets the value's
 *       text (JSON-escaped, an assumption: the documentation does not say how EventBridge escapes),
 *       a placeholder outside a string gets the value as JSON and must have one, or the output
 *       would not be JSON;
 *   <li>any other template is text, placeholders replaced by the values' text.
 * </ul>
 */
final class InputTransformerRenderer {
  private InputTransformerRenderer() {}

  /**
   * The body the target gets.
   *
   * @param transformer {@code {InputPathsMap, InputTemplate}} with the template as plain text
   * @param event the event envelope
   */
  static String render(JsonNode transformer, String template, JsonNode event) {
    Map<String, JsonNode> values = new TreeMap<>();
    transformer
        .get("InputPathsMap")
        .fields()
        .forEachRemaining(e -> values.put(e.getKey(), at(event, e.getValue().textValue())));
    boolean json = template.stripLeading().startsWith("{");
    StringBuilder out = new StringBuilder();
    boolean inString = false;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (json && c == '\\' && inString) {
        out.append(c).append(template.charAt(++i));
        continue;
      }
      if (json && c == '"') {
        inString = !inString;
      }
      int end = c == '<' ? template.indexOf('>', i) : -1;
      String name = end > i ? template.substring(i + 1, end) : null;
      if (name != null && transformer.get("InputPathsMap").has(name)) {
        out.append(value(name, values.get(name), json, inString));
        i = end;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String value(String name, JsonNode value, boolean json, boolean inString) {
    if (json && !inString) {
      if (value == null) {
        throw new AssertionError(
            "<"
                + name
                + "> stands outside a string but the event has no value for it:"
                + " the body would not be JSON");
      }
      return value.toString();
    }
    if (value == null) {
      return "";
    }
    if (value.isContainerNode()) {
      throw new AssertionError("<" + name + "> puts an object or array inside a string");
    }
    if (!json || !value.isTextual()) {
      return value.asText();
    }
    try {
      String quoted = SampleFiles.JSON.writeValueAsString(value.textValue());
      return quoted.substring(1, quoted.length() - 1);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The value at a dot-notation path such as {@code $.detail.workflow.name}, or null. */
  static JsonNode at(JsonNode event, String path) {
    if (!path.startsWith("$.")) {
      throw new AssertionError("not a JSON path from the event's root: " + path);
    }
    JsonNode node = event;
    for (String segment : path.substring(2).split("\\.")) {
      node = node.get(segment);
      if (node == null || node.isNull()) {
        return null;
      }
    }
    return node;
  }
}
