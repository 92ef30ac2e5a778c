package dev.errorbridge.connector.webhook.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.source.http.JsonFields;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The webhook path's lenient timestamp read ({@link JsonFields#timestamp}): what it refuses. */
class JsonReadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"2026-02-03\"",
        "\"yesterday\"",
        "\"\"",
        "true",
        "{}",
        "[1]",
        "1e300",
        "\"99999999999999999999\""
      })
  void timestamp_whenNotATimestamp_isNull(String json) throws Exception {
    assertThat(JsonFields.timestamp(JSON.readTree(json))).isNull();
  }
}
