package dev.errorbridge.connector.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads typed members out of a body {@link StrictJson} read, collecting a {@link FieldProblem} for
 * every member of the wrong type (naming the member, the type it must be and the type it was) and
 * every unknown member, so one answer lists everything to fix. An absent member and JSON {@code
 * null} read as {@code null}: whether a member is required is the caller's rule. Values are never
 * quoted in problems (they may be secrets).
 *
 * <p>Paths are dotted ({@code destination.auth.mode}); {@code prefix} is the parent's path with its
 * dot ({@code "destination."}), or {@code ""} at the top.
 */
public final class JsonFieldReader {
  private final List<FieldProblem> problems = new ArrayList<>();

  /** Every problem found so far. */
  public List<FieldProblem> problems() {
    return List.copyOf(problems);
  }

  /** Whether any problem was found. */
  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  /** Adds a problem found by the caller's own rules. */
  public void problem(String field, String message) {
    problems.add(new FieldProblem(field, message));
  }

  /** Adds a problem for each member of {@code object} not in {@code known}. */
  public void onlyKnown(JsonNode object, String prefix, Set<String> known) {
    object
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!known.contains(name)) {
                problem(
                    member(prefix, name),
                    "is not a known field; expected one of "
                        + String.join(", ", known.stream().sorted().toList()));
              }
            });
  }

  /** An object member, or {@code null} if absent, null or of another type (a problem then). */
  public JsonNode object(JsonNode parent, String prefix, String name) {
    return typed(parent, prefix, name, JsonNode::isObject, "an object {…}");
  }

  /** A string member. */
  public String string(JsonNode parent, String prefix, String name) {
    JsonNode value = typed(parent, prefix, name, JsonNode::isTextual, "a string");
    return value == null ? null : value.textValue();
  }

  /** A boolean member. */
  public Boolean bool(JsonNode parent, String prefix, String name) {
    JsonNode value = typed(parent, prefix, name, JsonNode::isBoolean, "true or false");
    return value == null ? null : value.booleanValue();
  }

  /** An integer member that fits in an {@code int}. */
  public Integer integer(JsonNode parent, String prefix, String name) {
    return integer(parent, prefix, name, Integer.MIN_VALUE, Integer.MAX_VALUE, "an integer");
  }

  /** An integer member within {@code [min, max]}. */
  public Integer integer(JsonNode parent, String prefix, String name, int min, int max) {
    return integer(parent, prefix, name, min, max, "an integer from " + min + " to " + max);
  }

  private Integer integer(
      JsonNode parent, String prefix, String name, int min, int max, String range) {
    JsonNode value = typed(parent, prefix, name, JsonNode::isIntegralNumber, range);
    if (value == null) {
      return null;
    }
    if (!value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
      problem(prefix + name, "must be " + range);
      return null;
    }
    return value.intValue();
  }

  /** An integer member that fits in a {@code long} (e.g. milliseconds since the epoch). */
  public Long longInteger(JsonNode parent, String prefix, String name) {
    JsonNode value = typed(parent, prefix, name, JsonNode::isIntegralNumber, "an integer");
    if (value == null) {
      return null;
    }
    if (!value.canConvertToLong()) {
      problem(prefix + name, "must be an integer that fits in 64 bits");
      return null;
    }
    return value.longValue();
  }

  /** An array of strings. */
  public List<String> strings(JsonNode parent, String prefix, String name) {
    JsonNode value = typed(parent, prefix, name, JsonNode::isArray, "an array of strings");
    if (value == null) {
      return null;
    }
    List<String> strings = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isTextual()) {
        wrongType(prefix + name + "." + i, "a string", item);
        return null;
      }
      strings.add(item.textValue());
    }
    return strings;
  }

  /** An object whose members are all strings. */
  public Map<String, String> stringMap(JsonNode parent, String prefix, String name) {
    JsonNode value = typed(parent, prefix, name, JsonNode::isObject, "an object of strings");
    if (value == null) {
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    boolean ok = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getValue().isTextual()) {
        map.put(entry.getKey(), entry.getValue().textValue());
      } else {
        wrongType(member(prefix + name + ".", entry.getKey()), "a string", entry.getValue());
        ok = false;
      }
    }
    return ok ? map : null;
  }

  /** A member's path, its name as {@link JsonTypes#name} shows it. */
  private static String member(String prefix, String name) {
    return prefix + JsonTypes.name(name);
  }

  /**
   * The member if it is present and of the wanted type; {@code null} if absent or JSON {@code
   * null}, and {@code null} with a problem naming {@code expected} if of another type.
   */
  private JsonNode typed(
      JsonNode parent, String prefix, String name, Predicate<JsonNode> isType, String expected) {
    JsonNode value = value(parent, name);
    if (value == null) {
      return null;
    }
    if (!isType.test(value)) {
      wrongType(prefix + name, expected, value);
      return null;
    }
    return value;
  }

  private static JsonNode value(JsonNode parent, String name) {
    JsonNode value = parent == null ? null : parent.get(name);
    return value == null || value.isNull() ? null : value;
  }

  private void wrongType(String field, String expected, JsonNode actual) {
    problem(field, "must be " + expected + ", not " + JsonTypes.describe(actual));
  }
}
