package dev.errorbridge.connector.source.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.source.SourceResponseInvalidException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one reader of fields of the platforms' JSON, for polls and webhooks alike, with one timestamp
 * reader ({@link SourceTimestamps}) so that a platform's time is read the same way whichever path
 * brought it.
 *
 * <p>An instance is one JSON object of a platform response, read defensively: absent, JSON null and
 * blank values are all "not there"; a value of the wrong type, or a required one that is not there,
 * throws {@link SourceResponseInvalidException} naming its full path (e.g. {@code
 * data[3].workflow_run.id}). The static readers are the lenient ones for webhook bodies, whose
 * shapes vary by sender: they answer {@code null} instead of throwing, and the parser reports the
 * field.
 */
public final class JsonFields {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** How a webhook problem describes the timestamps {@link #timestamp(JsonNode)} accepts. */
  public static final String TIMESTAMP_EXPECTED =
      "expected an ISO-8601 timestamp (with an offset, else UTC; a space may stand for the T), an"
          + " RFC 1123 date, or epoch seconds or milliseconds,";

  private final JsonNode node;
  private final String path;
  private final Origin origin;

  private JsonFields(JsonNode node, String path, Origin origin) {
    this.node = node;
    this.path = path;
    this.origin = origin;
  }

  /**
   * The response body {@code node}, which must be a JSON object.
   *
   * @throws SourceResponseInvalidException when it is not
   */
  public static JsonFields root(JsonNode node, Origin origin) {
    if (node == null || !node.isObject()) {
      throw origin.invalid(null, "is not a JSON object");
    }
    return new JsonFields(node, "", origin);
  }

  /** Whether {@code node} holds a value (not missing, not JSON null). */
  public static boolean present(JsonNode node) {
    return node != null && !node.isMissingNode() && !node.isNull();
  }

  /** A string, or an integer as its digits (ids are often numbers); else {@code null}. */
  public static String textOf(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isIntegralNumber()) {
      return node.asText();
    }
    return null;
  }

  /** Like {@link #textOf} for a non-blank string; {@code null} for anything else. */
  public static String nonBlankText(JsonNode node) {
    String text = textOf(node);
    return text == null || text.isBlank() ? null : text;
  }

  /** The first of the JSON Pointers {@code pointers} that holds non-blank text, or {@code null}. */
  public static String firstText(JsonNode root, String... pointers) {
    for (String pointer : pointers) {
      String text = nonBlankText(root.at(pointer));
      if (text != null) {
        return text;
      }
    }
    return null;
  }

  /**
   * The instant {@code node} holds in any form {@link SourceTimestamps} reads (the poll path's), or
   * {@code null} when it holds none of them.
   */
  public static Instant timestamp(JsonNode node) {
    try {
      return SourceTimestamps.parse(node);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The timestamp at the JSON Pointer {@code pointer}, {@code null} if absent; a value that is not
   * a timestamp adds a problem naming {@code field}.
   */
  public static Instant timestampAt(
      JsonNode root, String pointer, String field, List<String> problems) {
    JsonNode node = root.at(pointer);
    if (!present(node)) {
      return null;
    }
    Instant instant = timestamp(node);
    if (instant == null) {
      problems.add(field + ": " + TIMESTAMP_EXPECTED + " at " + pointer);
    }
    return instant;
  }

  /** The JSON path of this object, empty for the body. */
  public String path() {
    return path;
  }

  /** The underlying node. */
  public JsonNode node() {
    return node;
  }

  /** Whether {@code field} is there and not JSON null. */
  public boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  /** The value of {@code field} as Jackson has it, or {@code null} when absent or JSON null. */
  public JsonNode raw(String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }

  /**
   * {@code field} as text (numbers and booleans as their JSON text), or {@code null} when absent,
   * null or blank.
   */
  public String text(String field) {
    JsonNode value = typed(field, JsonNode::isValueNode, "a string");
    if (value == null) {
      return null;
    }
    String text = value.asText();
    return text.isBlank() ? null : text;
  }

  /** {@code field} as text; it must be there and not blank. */
  public String requiredText(String field) {
    return required(field, text(field), "is missing or empty");
  }

  /** {@code field} as an instant (see {@link SourceTimestamps}), or {@code null}. */
  public Instant instant(String field) {
    try {
      return SourceTimestamps.parse(raw(field));
    } catch (IllegalArgumentException e) {
      throw invalid(field, e.getMessage());
    }
  }

  /** {@code field} as an instant; it must be there. */
  public Instant requiredInstant(String field) {
    return required(field, instant(field), "is missing");
  }

  /** {@code field} as a whole number (a JSON number or numeric string), or {@code null}. */
  public Long longValue(String field) {
    JsonNode value = raw(field);
    if (value == null || (value.isTextual() && value.asText().isBlank())) {
      return null;
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isNumber()) {
      return Math.round(value.doubleValue());
    }
    return parsed(field, value, Long::parseLong, "is not a whole number");
  }

  /** {@code field} as a number (a JSON number or numeric string), or {@code null}. */
  public Double doubleValue(String field) {
    JsonNode value = raw(field);
    if (value == null) {
      return null;
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    return parsed(field, value, Double::parseDouble, "is not a number");
  }

  /** A number written as a string ({@code "42"}), read with {@code parse}; else {@code problem}. */
  private <T> T parsed(String field, JsonNode value, Function<String, T> parse, String problem) {
    if (value.isTextual()) {
      try {
        return parse.apply(value.asText().trim());
      } catch (NumberFormatException e) {
        // fall through to the type error below
      }
    }
    throw invalid(field, problem);
  }

  /** {@code field} as a boolean, or {@code null} when absent or null. */
  public Boolean bool(String field) {
    JsonNode value = raw(field);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw invalid(field, "is not true or false");
    }
    return value.booleanValue();
  }

  /** {@code field} as an object, or {@code null} when absent or null. */
  public JsonFields object(String field) {
    JsonNode value = typed(field, JsonNode::isObject, "an object");
    return value == null ? null : new JsonFields(value, child(field), origin);
  }

  /** {@code field} as an object; it must be there. */
  public JsonFields requiredObject(String field) {
    return required(field, object(field), "is missing");
  }

  /** The objects of array {@code field}; empty when absent or null. */
  public List<JsonFields> array(String field) {
    JsonNode value = raw(field);
    if (value == null) {
      return List.of();
    }
    return elements(field, value, JsonFields::fail);
  }

  /** The objects of array {@code field}; the array must be there (it may be empty). */
  public List<JsonFields> requiredArray(String field) {
    return rows(field, JsonFields::fail);
  }

  /**
   * How many elements array {@code field} has, whatever they are; 0 when it is absent or not an
   * array (the reader of its rows reports that).
   */
  public int count(String field) {
    JsonNode value = raw(field);
    return value == null || !value.isArray() ? 0 : value.size();
  }

  /**
   * The list rows of array {@code field}, which must be there (it may be empty): an element that is
   * not an object is handed to {@code malformed} and left out, so that one bad row fails alone.
   */
  public List<JsonFields> rows(String field, Consumer<SourceResponseInvalidException> malformed) {
    return elements(field, required(field, raw(field), "is missing"), malformed);
  }

  /**
   * The members of this object whose values are objects, in document order (for maps keyed by id,
   * such as Alloy's {@code runData}); a member that is null is skipped.
   */
  public Map<String, JsonFields> members() {
    Map<String, JsonFields> members = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      if (member.getValue().isNull()) {
        continue;
      }
      if (!member.getValue().isObject()) {
        throw invalid(
            member.getKey(), "is a " + member.getValue().getNodeType() + ", not an object");
      }
      members.put(
          member.getKey(), new JsonFields(member.getValue(), child(member.getKey()), origin));
    }
    return members;
  }

  /** This object as compact JSON text. */
  public String json() {
    return toJson(node);
  }

  /** {@code value} as compact JSON text, or {@code null} for {@code null}. */
  public static String toJson(JsonNode value) {
    if (value == null) {
      return null;
    }
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree could not be written back", e);
    }
  }

  /** An exception saying that {@code field} of this object {@code problem}. */
  public SourceResponseInvalidException invalid(String field, String problem) {
    return origin.invalid(child(field), problem);
  }

  /**
   * The value of {@code field} if it is of the type, {@code null} when absent or JSON null;
   * otherwise the exception that it "is a NUMBER, not {@code expected}".
   */
  private JsonNode typed(String field, Predicate<JsonNode> isType, String expected) {
    JsonNode value = raw(field);
    if (value != null && !isType.test(value)) {
      throw invalid(field, "is a " + value.getNodeType() + ", not " + expected);
    }
    return value;
  }

  /** {@code value} if it is there, else the exception that {@code field} {@code problem}. */
  private <T> T required(String field, T value, String problem) {
    if (value == null) {
      throw invalid(field, problem);
    }
    return value;
  }

  /**
   * The objects of array {@code value} (member {@code field}); an element that is not an object is
   * handed to {@code malformed}, which may throw it ({@link #fail}) or take it and go on without
   * it.
   */
  private List<JsonFields> elements(
      String field, JsonNode value, Consumer<SourceResponseInvalidException> malformed) {
    if (!value.isArray()) {
      throw invalid(field, "is a " + value.getNodeType() + ", not an array");
    }
    List<JsonFields> elements = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      String elementPath = child(field) + "[" + i + "]";
      if (element.isObject()) {
        elements.add(new JsonFields(element, elementPath, origin));
      } else {
        malformed.accept(
            origin.invalid(elementPath, "is a " + element.getNodeType() + ", not an object"));
      }
    }
    return elements;
  }

  /** The strict readers' answer to a malformed element: the whole read fails. */
  private static void fail(SourceResponseInvalidException malformed) {
    throw malformed;
  }

  private String child(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
