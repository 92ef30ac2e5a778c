package dev.errorbridge.samples;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the intrinsic functions a template uses in a value, as CloudFormation would for given
 * parameter and pseudo-parameter values: {@code Ref}, {@code Fn::Join}, {@code Fn::Select}, {@code
 * Fn::Split}.
 */
final class CfnValues {
  private CfnValues() {}

  static String evaluate(JsonNode value, Map<String, String> refs) {
    Object result = eval(value, refs);
    if (!(result instanceof String text)) {
      throw new AssertionError("not a string value: " + value);
    }
    return text;
  }

  private static Object eval(JsonNode value, Map<String, String> refs) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isNumber()) {
      return value.asText();
    }
    if (value.has("Ref")) {
      String name = value.get("Ref").textValue();
      if (!refs.containsKey(name)) {
        throw new AssertionError("no value given for Ref " + name);
      }
      return refs.get(name);
    }
    if (value.has("Fn::Join")) {
      JsonNode join = value.get("Fn::Join");
      List<String> parts = new ArrayList<>();
      for (JsonNode part : join.get(1)) {
        parts.add((String) eval(part, refs));
      }
      return String.join(join.get(0).textValue(), parts);
    }
    if (value.has("Fn::Split")) {
      JsonNode split = value.get("Fn::Split");
      String delimiter = split.get(0).textValue();
      String source = (String) eval(split.get(1), refs);
      // CloudFormation keeps empty parts, as split with a negative limit does.
      return List.of(source.split(java.util.regex.Pattern.quote(delimiter), -1));
    }
    if (value.has("Fn::Select")) {
      JsonNode select = value.get("Fn::Select");
      int index = Integer.parseInt(select.get(0).asText());
      List<?> list = (List<?>) eval(select.get(1), refs);
      return list.get(index);
    }
    throw new AssertionError("cannot evaluate " + value);
  }
}
