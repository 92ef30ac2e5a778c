package dev.errorbridge.connector.webhook.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"2026-02-03T02:00:00\"",
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
    assertThat(JsonReads.timestamp(JSON.readTree(json))).isNull();
  }
}
