package dev.errorbridge.connector.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/**
 * Decides whether text the platforms hand us (step errors, inputs, outputs, raw payloads) is one
 * JSON value that can be embedded verbatim, and holds the factory every detail is written with.
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

  /**
   * Whether {@code text} is exactly one strict JSON value (surrounding JSON whitespace allowed), so
   * that writing it raw keeps the detail valid JSON.
   */
  static boolean isSingleValue(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() == null) {
        return false;
      }
      // skipChildren still tokenizes (and so validates) everything it skips.
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
