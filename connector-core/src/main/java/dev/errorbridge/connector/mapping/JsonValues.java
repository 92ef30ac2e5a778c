package dev.errorbridge.connector.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Decides how text the platforms hand us (step errors, inputs, outputs, raw payloads) goes into a
 * detail, and holds the factory every detail is written with.
 */
final class JsonValues {
  /**
   * EventBridge rejects details nested deeper than 1,000 levels; the detail adds at most four
   * ({@code failedSteps[i].error}), so embedded values deeper than this become strings instead.
   */
  static final int MAX_EMBEDDED_DEPTH = 900;

  /** The generator factory; parsing is strict JSON with the same depth limit. */
  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(MAX_EMBEDDED_DEPTH).build())
          .build();

  private JsonValues() {}

  /** How a platform's JSON text goes into the detail. */
  enum Kind {
    /** No text, or JSON {@code null}: the member is left out, as every absent value is. */
    ABSENT,
    /** Exactly one strict JSON value: embedded verbatim. */
    JSON,
    /** Anything else: embedded as a JSON string. */
    TEXT
  }

  /**
   * How {@code text} goes into the detail: {@link Kind#JSON} only when it is exactly one strict
   * JSON value (surrounding JSON whitespace allowed) nested at most {@value #MAX_EMBEDDED_DEPTH}
   * deep, so that writing it raw keeps the detail valid.
   */
  static Kind kindOf(String text) {
    if (text == null) {
      return Kind.ABSENT;
    }
    if (!JsonSyntax.isSingleValue(text, MAX_EMBEDDED_DEPTH)) {
      return Kind.TEXT;
    }
    int start = 0;
    while (text.charAt(start) <= ' ') {
      start++;
    }
    // A valid value that starts with 'n' is the literal null.
    return text.charAt(start) == 'n' ? Kind.ABSENT : Kind.JSON;
  }
}
