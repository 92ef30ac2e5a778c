package dev.errorbridge.connector.mapping;

/**
 * A strict RFC 8259 recognizer: does a text hold exactly one JSON value (with optional JSON
 * whitespace around it), nested at most a given depth? It builds nothing and allocates nothing,
 * which makes it several times faster than opening a Jackson parser for the short error details the
 * mapper checks on every event (see {@code docs/benchmarks.md}); {@code JsonSyntaxTest} checks it
 * against Jackson's strict parser on handwritten and generated inputs.
 *
 * <p>Strict means: no comments, no single quotes, no unquoted names, no trailing commas, no
 * NaN/Infinity, no leading zeros or bare dots in numbers, no control characters (below U+0020)
 * inside strings, only the escapes {@code \" \\ \/ \b \f \n \r \t \\uXXXX}. Unpaired surrogates
 * inside strings are syntax-valid (the mapper replaces them afterwards).
 */
final class JsonSyntax {
  private final String s;
  private final int maxDepth;
  private int pos;

  private JsonSyntax(String s, int maxDepth) {
    this.s = s;
    this.maxDepth = maxDepth;
  }

  /** Whether {@code text} is exactly one strict JSON value nested at most {@code maxDepth}. */
  static boolean isSingleValue(String text, int maxDepth) {
    JsonSyntax syntax = new JsonSyntax(text, maxDepth);
    syntax.skipWhitespace();
    if (!syntax.value(0)) {
      return false;
    }
    syntax.skipWhitespace();
    return syntax.pos == text.length();
  }

  private boolean value(int depth) {
    if (pos >= s.length()) {
      return false;
    }
    char c = s.charAt(pos);
    switch (c) {
      case '{':
        return depth < maxDepth && object(depth + 1);
      case '[':
        return depth < maxDepth && array(depth + 1);
      case '"':
        return string();
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        return (c == '-' || (c >= '0' && c <= '9')) && number();
    }
  }

  private boolean object(int depth) {
    return container(depth, '}');
  }

  private boolean array(int depth) {
    return container(depth, ']');
  }

  /**
   * An object or an array, its opening bracket at {@code pos}: elements separated by commas up to
   * {@code close}. An object's elements are members, an array's are values (a flag rather than a
   * lambda, so that nothing is allocated).
   */
  private boolean container(int depth, char close) {
    pos++; // '{' or '['
    skipWhitespace();
    if (peek() == close) {
      pos++;
      return true;
    }
    while (true) {
      if (!(close == '}' ? member(depth) : value(depth))) {
        return false;
      }
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == close) {
        return true;
      }
      if (c != ',') {
        return false;
      }
      skipWhitespace();
    }
  }

  /** An object's {@code "name": value}. */
  private boolean member(int depth) {
    if (peek() != '"' || !string()) {
      return false;
    }
    skipWhitespace();
    if (peek() != ':') {
      return false;
    }
    pos++;
    skipWhitespace();
    return value(depth);
  }

  private boolean string() {
    int len = s.length();
    int i = pos + 1; // past '"'
    while (i < len) {
      char c = s.charAt(i++);
      if (c == '"') {
        pos = i;
        return true;
      }
      if (c < 0x20) {
        return false;
      }
      if (c == '\\') {
        if (i >= len) {
          return false;
        }
        char e = s.charAt(i++);
        if (e == 'u') {
          if (i + 4 > len) {
            return false;
          }
          for (int k = 0; k < 4; k++) {
            if (!isHexDigit(s.charAt(i++))) {
              return false;
            }
          }
        } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r'
            && e != 't') {
          return false;
        }
      }
    }
    return false;
  }

  private boolean number() {
    if (peek() == '-') {
      pos++;
    }
    char c = peek();
    if (c == '0') {
      pos++;
    } else if (c >= '1' && c <= '9') {
      digits();
    } else {
      return false;
    }
    if (peek() == '.') {
      pos++;
      if (!digits()) {
        return false;
      }
    }
    c = peek();
    if (c == 'e' || c == 'E') {
      pos++;
      c = peek();
      if (c == '+' || c == '-') {
        pos++;
      }
      return digits();
    }
    return true;
  }

  /** Skips one or more ASCII digits; false when there is none. */
  private boolean digits() {
    int start = pos;
    while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
      pos++;
    }
    return pos > start;
  }

  private boolean literal(String word) {
    if (!s.startsWith(word, pos)) {
      return false;
    }
    pos += word.length();
    return true;
  }

  private void skipWhitespace() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  /** ASCII only: {@link Character#digit(char, int)} would also take other scripts' digits. */
  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** The char at the position, or U+0000 past the end (which nothing accepts). */
  private char peek() {
    return pos < s.length() ? s.charAt(pos) : '\0';
  }
}
