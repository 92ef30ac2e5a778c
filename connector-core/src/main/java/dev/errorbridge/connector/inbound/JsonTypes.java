package dev.errorbridge.connector.inbound;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** Names JSON types and paths the way problems show them to a client. */
final class JsonTypes {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_$@/-][A-Za-z0-9_$@/.-]*");

  private JsonTypes() {}

  /** {@code an object}, {@code a string}, {@code a number}, ... for a problem's "not ..." part. */
  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    return switch (node.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "another kind of value";
    };
  }

  /**
   * A member name as a problem shows it: as is when it is a plain name, else JSON-quoted (so an
   * empty, blank or odd name is visible), cut at 64 characters.
   */
  static String name(String name) {
    String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
    return PLAIN.matcher(shown).matches()
        ? shown
        : "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(shown)) + "\"";
  }

  /**
   * A JSON Pointer ({@code /source/options/a~1b}) as a dotted field ({@code source.options.a/b}).
   */
  static String field(String pointer) {
    if (pointer == null || pointer.isEmpty()) {
      return "body";
    }
    StringBuilder field = new StringBuilder();
    for (String token : pointer.substring(1).split("/", -1)) {
      if (field.length() > 0) {
        field.append('.');
      }
      field.append(name(token.replace("~1", "/").replace("~0", "~")));
    }
    return field.toString();
  }
}
