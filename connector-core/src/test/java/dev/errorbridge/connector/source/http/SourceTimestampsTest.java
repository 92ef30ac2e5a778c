package dev.errorbridge.connector.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceTimestampsTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1770109352|2026-02-03T09:02:32Z",
        "1770109352.25|2026-02-03T09:02:32.250Z",
        "1770109352123|2026-02-03T09:02:32.123Z",
        "2026-02-03T09:14:07.904Z|2026-02-03T09:14:07.904Z",
        "2026-02-03T09:05:12Z|2026-02-03T09:05:12Z",
        "2026-02-03T09:05:12+00:00|2026-02-03T09:05:12Z",
        "2026-02-03T11:05:12+02:00|2026-02-03T09:05:12Z",
        "2026-02-03T09:05:12.123456|2026-02-03T09:05:12.123456Z",
        "2026-02-03 09:12:44.120381|2026-02-03T09:12:44.120381Z",
        "Tue, 03 Feb 2026 09:02:32 -0000|2026-02-03T09:02:32Z",
        "Tue, 3 Feb 2026 09:02:32 GMT|2026-02-03T09:02:32Z",
        "Tue, 03 Feb 2026 10:02:32 +0100|2026-02-03T09:02:32Z",
        "' 2026-02-03T09:05:12Z '|2026-02-03T09:05:12Z"
      })
  void parse_whenTextInAKnownForm_readsTheInstant(String text, String expected) {
    assertThat(SourceTimestamps.parse(text)).isEqualTo(Instant.parse(expected));
    assertThat(SourceTimestamps.parse(NODES.textNode(text))).isEqualTo(Instant.parse(expected));
  }

  @Test
  void parse_whenJsonNumber_readsEpochSecondsOrMillis() {
    assertThat(SourceTimestamps.parse(NODES.numberNode(1770109352L)))
        .isEqualTo(Instant.parse("2026-02-03T09:02:32Z"));
    assertThat(SourceTimestamps.parse(NODES.numberNode(new BigDecimal("1770109352.5"))))
        .isEqualTo(Instant.parse("2026-02-03T09:02:32.500Z"));
    assertThat(SourceTimestamps.parse(NODES.numberNode(1770109352123L)))
        .isEqualTo(Instant.parse("2026-02-03T09:02:32.123Z"));
  }

  @Test
  void parse_whenAbsentNullOrBlank_returnsNull() {
    assertThat(SourceTimestamps.parse((com.fasterxml.jackson.databind.JsonNode) null)).isNull();
    assertThat(SourceTimestamps.parse(NODES.nullNode())).isNull();
    assertThat(SourceTimestamps.parse(NODES.missingNode())).isNull();
    assertThat(SourceTimestamps.parse("  ")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2026-13-45T00:00:00Z", "Tue, 99 Foo 2026", "12:00"})
  void parse_whenNotATimestamp_throwsNamingTheValue(String text) {
    assertThatThrownBy(() -> SourceTimestamps.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a timestamp");
  }

  @Test
  void parse_whenPastTheYears0000To9999_refusesItAsOutOfRange() {
    assertThatThrownBy(() -> SourceTimestamps.parse(NODES.numberNode(new BigDecimal("2.47e38"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("is out of range (years 0000 to 9999)");
    assertThatThrownBy(() -> SourceTimestamps.parse("+10000-01-01T00:00:00Z"))
        .hasMessageStartingWith("is out of range");
    assertThatThrownBy(() -> SourceTimestamps.parse("-99999999999999"))
        .hasMessageStartingWith("is out of range");
    assertThat(SourceTimestamps.parse("9999-12-31T23:59:59Z"))
        .isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
  }

  @Test
  void parse_whenObjectOrBoolean_throws() {
    assertThatThrownBy(() -> SourceTimestamps.parse(NODES.booleanNode(true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BOOLEAN");
    assertThatThrownBy(() -> SourceTimestamps.parse(NODES.objectNode()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
