package dev.errorbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampsTest {

  @ParameterizedTest
  @CsvSource({
    "2026-11-23T10:15:30.123Z, 2026-11-23T10:15:30.123Z",
    "2026-11-23T10:15:30Z, 2026-11-23T10:15:30.000Z",
    "2026-11-23T10:15:30.999999999Z, 2026-11-23T10:15:30.999Z",
    "1969-12-31T23:59:59.001Z, 1969-12-31T23:59:59.001Z",
    "0000-01-01T00:00:00Z, 0000-01-01T00:00:00.000Z",
    "9999-12-31T23:59:59.999Z, 9999-12-31T23:59:59.999Z",
    "2024-02-29T00:00:00.010Z, 2024-02-29T00:00:00.010Z"
  })
  void format_always_writesUtcWithThreeFractionDigits(String instant, String expected) {
    assertThat(Timestamps.format(Instant.parse(instant))).isEqualTo(expected);
  }

  @Test
  void format_whenRandomInstants_agreesWithDateTimeFormatter() {
    DateTimeFormatter reference =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      Instant t =
          Instant.ofEpochSecond(
              random.nextLong() % 253_402_300_799L, random.nextInt(1_000_000_000));
      if (t.getEpochSecond() < -62_167_219_200L) {
        continue;
      }
      assertThat(Timestamps.format(t)).isEqualTo(reference.format(t));
    }
  }
}
