package dev.errorbridge.connector.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

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

  /** Strict JSON only: no comments, no single quotes, no NaN, no trailing tokens. */
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
   * JSON value (surrounding JSON whitespace allowed), so that writing it raw keeps the detail
   * valid.
   */
  static Kind kindOf(String text) {
    if (text == null) {
      return Kind.ABSENT;
    }
    if (text.isEmpty()) {
      return Kind.TEXT;
    }
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return Kind.TEXT;
      }
      // skipChildren still tokenizes (and so validates) everything it skips.
      parser.skipChildren();
      if (parser.nextToken() != null) {
        return Kind.TEXT;
      }
      return first == JsonToken.VALUE_NULL ? Kind.ABSENT : Kind.JSON;
    } catch (IOException e) {
      return Kind.TEXT;
    }
  }
}
