package dev.errorbridge.connector.inbound;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one way Errorbridge reads a JSON body it did not write (a settings request, a webhook, a
 * replay or backfill request, a Lambda event): RFC 8259 JSON exchanged as UTF-8 (section 8.1), one
 * value and nothing after it, no member name twice in one object (section 4 leaves that to the
 * receiver; two readers that keep different copies disagree on what was sent), and at most a
 * nesting depth, so a deep body cannot exhaust this or any later reader's stack.
 *
 * <p>Every refusal is a {@link JsonBodyInvalidException} naming where (the member's dotted path, or
 * {@code body}) and the fix; its message never quotes a value from the body. Thread-safe.
 */
public final class StrictJson {
  /** The nesting depth {@link #standard()} allows; settings and operations bodies are shallow. */
  public static final int DEFAULT_MAX_DEPTH = 64;

  private static final StrictJson STANDARD = new StrictJson(DEFAULT_MAX_DEPTH);

  private final ObjectMapper mapper;
  private final int maxDepth;

  private StrictJson(int maxDepth) {
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
    }
    this.maxDepth = maxDepth;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    // Trailing content is checked by parse() itself rather than by databind's
    // FAIL_ON_TRAILING_TOKENS, so that the answer can say that the JSON was fine up to its end.
    this.mapper =
        JsonMapper.builder(factory).disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  }

  /** The reader with {@link #DEFAULT_MAX_DEPTH}. */
  public static StrictJson standard() {
    return STANDARD;
  }

  /** A reader that refuses bodies nested deeper than {@code maxDepth} levels. */
  public static StrictJson withMaxDepth(int maxDepth) {
    return maxDepth == DEFAULT_MAX_DEPTH ? STANDARD : new StrictJson(maxDepth);
  }

  /**
   * Reads one JSON value.
   *
   * @throws JsonBodyInvalidException if the body is empty, not UTF-8, not JSON, has anything after
   *     the value, repeats a member name or nests too deeply
   */
  public JsonNode read(byte[] body) {
    return readText(text(body));
  }

  /**
   * Reads one JSON value from text that {@link #text(byte[])} gave (a caller that keeps the text,
   * such as a webhook's raw payload).
   *
   * @throws JsonBodyInvalidException as {@link #read}
   */
  public JsonNode readText(String text) {
    return parse(text);
  }

  /**
   * Reads one JSON value that must be an object.
   *
   * @throws JsonBodyInvalidException as {@link #read}, and if the value is not an object
   */
  public JsonNode readObject(byte[] body) {
    JsonNode json = read(body);
    if (!json.isObject()) {
      throw new JsonBodyInvalidException(
          "body", "must be a JSON object {…}, not " + JsonTypes.describe(json));
    }
    return json;
  }

  /**
   * The body as text, exactly as sent, after the checks that need its bytes: not empty, no byte
   * order mark, no UTF-16 or UTF-32, valid UTF-8.
   *
   * @throws JsonBodyInvalidException naming what is wrong
   */
  public static String text(byte[] body) {
    if (body == null || body.length == 0) {
      throw new JsonBodyInvalidException("body", "must not be empty; send a JSON object");
    }
    String encoding = byteOrderMark(body);
    if (encoding != null) {
      throw new JsonBodyInvalidException(
          "body",
          "starts with a "
              + encoding
              + " byte order mark; send UTF-8 without a byte order mark (RFC 8259, section 8.1)");
    }
    for (int i = 0; i < body.length; i++) {
      if (body[i] == 0) {
        // A NUL byte is never JSON (control characters are escaped inside strings); in text it
        // means the UTF-16 or UTF-32 encoding of ASCII.
        throw new JsonBodyInvalidException(
            "body", "contains NUL bytes, as UTF-16 or UTF-32 text does; send UTF-8");
      }
    }
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return utf8.decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new JsonBodyInvalidException("body", "is not valid UTF-8; send UTF-8");
    }
  }

  private static String byteOrderMark(byte[] b) {
    if (startsWith(b, 0x00, 0x00, 0xFE, 0xFF) || startsWith(b, 0xFF, 0xFE, 0x00, 0x00)) {
      return "UTF-32";
    }
    if (startsWith(b, 0xEF, 0xBB, 0xBF)) {
      return "UTF-8";
    }
    if (startsWith(b, 0xFE, 0xFF) || startsWith(b, 0xFF, 0xFE)) {
      return "UTF-16";
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private JsonNode parse(String text) {
    try (JsonParser parser = mapper.createParser(text)) {
      JsonNode json;
      try {
        json = mapper.readTree(parser);
      } catch (JsonProcessingException e) {
        throw invalid(e, parser);
      }
      if (json == null || json.isMissingNode()) {
        throw new JsonBodyInvalidException("body", "must not be empty; send a JSON object");
      }
      try {
        if (parser.nextToken() != null) {
          throw trailing(parser.currentLocation());
        }
      } catch (JsonProcessingException e) {
        throw trailing(e.getLocation());
      }
      return json;
    } catch (IOException e) {
      // Reading a String cannot fail with I/O; a parser error is a JsonProcessingException above.
      throw new UncheckedIOException(e);
    }
  }

  private JsonBodyInvalidException invalid(JsonProcessingException e, JsonParser parser) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamConstraintsException constraint) {
        return new JsonBodyInvalidException(
            "body",
            String.valueOf(constraint.getMessage()).contains("depth")
                ? "nests deeper than " + maxDepth + " levels"
                : "holds a number or string longer than JSON readers accept; shorten it");
      }
    }
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (original.startsWith("Duplicate field")) {
      return new JsonBodyInvalidException(
          JsonTypes.field(parser.getParsingContext().pathAsPointer().toString()),
          "appears twice in one object" + at(e.getLocation()) + "; send each member once");
    }
    return new JsonBodyInvalidException(
        "body", "is not valid JSON" + at(e.getLocation()) + "; send one JSON object");
  }

  private static JsonBodyInvalidException trailing(JsonLocation location) {
    return new JsonBodyInvalidException(
        "body",
        "is not valid JSON: there is more after the value"
            + at(location)
            + "; send exactly one JSON value and nothing after it");
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
