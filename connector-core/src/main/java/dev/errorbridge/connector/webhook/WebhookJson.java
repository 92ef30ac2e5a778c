package dev.errorbridge.connector.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a request body into a JSON tree, strictly and within bounds: UTF-8 only, one value with
 * nothing after it, no duplicate member names (two parsers could disagree on which one counts), and
 * at most the configured nesting depth, so a deeply nested body cannot exhaust the stack of this or
 * any later reader. Problems never quote the body.
 */
final class WebhookJson {
  private final ObjectMapper mapper;
  private final int maxNestingDepth;

  WebhookJson(int maxNestingDepth) {
    this.maxNestingDepth = maxNestingDepth;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.mapper =
        JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  }

  /**
   * @throws WebhookPayloadInvalidException if the body is not UTF-8, not JSON, or too deep
   */
  WebhookBody read(byte[] body) {
    String text = utf8(body);
    JsonNode json;
    try {
      json = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      if (violatesConstraints(e)) {
        throw invalid("body nests deeper than " + maxNestingDepth + " levels");
      }
      throw invalid("body is not valid JSON" + where(e.getLocation()));
    }
    if (json == null || json.isMissingNode()) {
      throw invalid("body must not be empty");
    }
    return new WebhookBody(text, json);
  }

  // Databind may wrap the parser's constraint violation; look through the causes.
  private static boolean violatesConstraints(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamConstraintsException) {
        return true;
      }
    }
    return false;
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw invalid("body is not valid UTF-8");
    }
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static WebhookPayloadInvalidException invalid(String problem) {
    return new WebhookPayloadInvalidException(List.of(problem));
  }
}
