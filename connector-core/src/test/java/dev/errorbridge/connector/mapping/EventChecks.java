package dev.errorbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Checks every test applies to a mapped event: schema-valid detail (networknt, draft 2020-12,
 * formats asserted), strict JSON, strict UTF-8, and a size equal to AWS's formula recomputed here
 * by encoding (independently of {@link EntrySize}).
 */
public final class EventChecks {
  static final ObjectMapper STRICT_JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public static final JsonSchema FAILED_EXECUTION_SCHEMA =
      schema("/schema/failed-execution-v1.schema.json");
  static final JsonSchema CONNECTION_TEST_SCHEMA = schema("/schema/connection-test-v1.schema.json");

  private EventChecks() {}

  /** Checks {@code event} against {@code schema} and the invariants; returns its parsed detail. */
  static JsonNode checkEvent(MappedEvent event, JsonSchema schema) {
    PutEventsRequestEntry entry = event.entry();
    String detail = entry.detail();
    Set<ValidationMessage> errors = schema.validate(detail, InputFormat.JSON);
    assertThat(errors).as("schema violations").isEmpty();
    assertThat(strictUtf8RoundTrip(detail)).isEqualTo(detail);
    JsonNode tree = parseStrict(detail);
    assertThat(event.sizeBytes()).isEqualTo(sizeByFormula(entry));
    assertThat(entry.eventBusName()).isNull();
    return tree;
  }

  public static JsonNode checkFailureEvent(MappedEvent event, MappingOptions options) {
    JsonNode detail = checkEvent(event, FAILED_EXECUTION_SCHEMA);
    assertThat(event.sizeBytes()).isLessThanOrEqualTo(options.maxEntrySizeBytes());
    assertThat(detail.get("eventId").textValue()).isEqualTo(event.eventId());
    assertThat(detail.get("truncated").booleanValue()).isEqualTo(event.truncated());
    return detail;
  }

  static JsonNode parseStrict(String json) {
    try {
      return STRICT_JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("detail is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** AWS's formula, computed by encoding each string. */
  static long sizeByFormula(PutEventsRequestEntry entry) {
    long size = entry.time() != null ? 14 : 0;
    size += bytes(entry.source()) + bytes(entry.detailType()) + bytes(entry.detail());
    for (String resource : entry.resources()) {
      size += bytes(resource);
    }
    return size;
  }

  /**
   * Encodes and decodes {@code s} as UTF-8, failing on anything malformed (such as an unpaired
   * surrogate) instead of replacing it.
   */
  static String strictUtf8RoundTrip(String s) {
    try {
      ByteBuffer bytes =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(s));
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError("not valid UTF-8: " + e, e);
    }
  }

  private static long bytes(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static JsonSchema schema(String resource) {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream in = EventChecks.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema missing from the classpath: " + resource);
      }
      return factory.getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
