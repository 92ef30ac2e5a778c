package dev.errorbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link JsonSyntax} must agree with Jackson's strict parser on every input. */
class JsonSyntaxTest {
  private static final int DEPTH = JsonValues.MAX_EMBEDDED_DEPTH;

  private static final JsonFactory JACKSON =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(DEPTH).build())
          .build();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        " \t\r\n{\"a\" : [1, -2.5e+3, 0, -0, 0.0, 1E9, true, false, null, \"x\"]}\n",
        "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"",
        "\"unpaired \uD800 surrogate\"",
        "\"\u007F del and \u2028 separators\"",
        "42",
        "null",
        "{\"nested\":{\"deeper\":[[{}]]}}"
      })
  void isSingleValue_whenValid_acceptsLikeJackson(String text) {
    assertThat(JsonSyntax.isSingleValue(text, DEPTH)).isTrue();
    assertThat(jackson(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "{",
        "{\"a\":1,}",
        "[1,]",
        "[,1]",
        "{'a':1}",
        "{a:1}",
        "{\"a\" 1}",
        "{\"a\":1 \"b\":2}",
        "01",
        "-",
        "1.",
        ".5",
        "+1",
        "1e",
        "1e+",
        "0x10",
        "NaN",
        "Infinity",
        "tru",
        "nulll",
        "True",
        "\"unterminated",
        "\"bad \\q escape\"",
        "\"bad \\u12G4\"",
        "\"short \\u12\"",
        "\"tab \t inside\"",
        "\"nul \u0000 inside\"",
        "{} {}",
        "1 2",
        "{}//c",
        "/*c*/{}",
        "\uFEFF{}",
        "\u00A0{}",
        "\u000B{}"
      })
  void isSingleValue_whenInvalid_rejectsLikeJackson(String text) {
    assertThat(JsonSyntax.isSingleValue(text, DEPTH)).isFalse();
    assertThat(jackson(text)).isFalse();
  }

  @Test
  void isSingleValue_whenEscapeHasNonAsciiDigits_rejectsWhereJacksonIsLenient() {
    // Jackson masks escape chars to 8 bits, so U+0663 (Arabic-Indic three) passes as 'c'.
    // RFC 8259 allows only ASCII hex digits; stricter is the safe side (the text becomes a string).
    assertThat(JsonSyntax.isSingleValue("\"\\u\u0663\u0663\u0663\u0663\"", DEPTH)).isFalse();
  }

  @Test
  void isSingleValue_whenNestedToTheLimit_acceptsAndOneMoreRejects() {
    String atLimit = "[".repeat(DEPTH) + "]".repeat(DEPTH);
    String overLimit = "[".repeat(DEPTH + 1) + "]".repeat(DEPTH + 1);
    String objectsOverLimit = "{\"a\":".repeat(DEPTH + 1) + "1" + "}".repeat(DEPTH + 1);

    assertThat(JsonSyntax.isSingleValue(atLimit, DEPTH)).isTrue().isEqualTo(jackson(atLimit));
    assertThat(JsonSyntax.isSingleValue(overLimit, DEPTH)).isFalse().isEqualTo(jackson(overLimit));
    assertThat(JsonSyntax.isSingleValue(objectsOverLimit, DEPTH))
        .isFalse()
        .isEqualTo(jackson(objectsOverLimit));
  }

  @Test
  void isSingleValue_whenGeneratedAndMutated_agreesWithJackson() {
    Random random = new Random(20261123);
    int valid = 0;
    for (int i = 0; i < 30_000; i++) {
      String text = mutate(randomJson(random, 0), random);
      boolean expected = jackson(text);
      assertThat(JsonSyntax.isSingleValue(text, DEPTH)).as("input: %s", text).isEqualTo(expected);
      if (expected) {
        valid++;
      }
    }
    // Both outcomes must be well represented, or the comparison proves little.
    assertThat(valid).isBetween(5_000, 25_000);
  }

  private static boolean jackson(String text) {
    try (JsonParser parser = JACKSON.createParser(text)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private static final String[] SCALARS = {
    "0",
    "-0",
    "12",
    "-3.25",
    "1e5",
    "2E-7",
    "6.02e+23",
    "true",
    "false",
    "null",
    "\"\"",
    "\"text\"",
    "\"esc \\\" \\\\ \\/ \\n \\u00FF\"",
    "\"é错\uD83D\uDE00\""
  };

  private static final String TRICKY =
      "{}[]:,\"\\ \t\n-+.eE0123456789abfnrtuxlsNI'/*\u0000\u001F\u00A0";

  private static String randomJson(Random random, int depth) {
    int kind = depth > 4 ? 2 : random.nextInt(3);
    StringBuilder sb = new StringBuilder();
    String ws = random.nextInt(4) == 0 ? " " : "";
    switch (kind) {
      case 0 -> {
        sb.append('{').append(ws);
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            sb.append(',').append(ws);
          }
          sb.append("\"k").append(i).append('"').append(ws).append(':').append(ws);
          sb.append(randomJson(random, depth + 1));
        }
        sb.append(ws).append('}');
      }
      case 1 -> {
        sb.append('[');
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            sb.append(',').append(ws);
          }
          sb.append(randomJson(random, depth + 1));
        }
        sb.append(']');
      }
      default -> sb.append(SCALARS[random.nextInt(SCALARS.length)]);
    }
    return sb.toString();
  }

  private static String mutate(String json, Random random) {
    if (json.isEmpty() || random.nextInt(3) == 0) {
      return json;
    }
    StringBuilder sb = new StringBuilder(json);
    int edits = 1 + random.nextInt(2);
    for (int e = 0; e < edits && sb.length() > 0; e++) {
      int at = random.nextInt(sb.length());
      switch (random.nextInt(4)) {
        case 0 -> sb.deleteCharAt(at);
        case 1 -> sb.insert(at, TRICKY.charAt(random.nextInt(TRICKY.length())));
        case 2 -> sb.setCharAt(at, TRICKY.charAt(random.nextInt(TRICKY.length())));
        default -> sb.setLength(at);
      }
    }
    return sb.toString();
  }
}
