package dev.errorbridge.connector.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-02-03T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Duration DEFAULT = Duration.ofSeconds(60);

  @Test
  void from_whenRetryAfterSeconds_usesThem() {
    assertThat(from(Map.of("Retry-After", "120")))
        .isEqualTo(new RetryAfter(Duration.ofSeconds(120), true));
  }

  @Test
  void from_whenRetryAfterIsAnHttpDate_waitsUntilThen() {
    assertThat(from(Map.of("Retry-After", "Tue, 03 Feb 2026 10:01:30 GMT")))
        .isEqualTo(new RetryAfter(Duration.ofSeconds(90), true));
  }

  @Test
  void from_whenOnlyRateLimitReset_usesItsSeconds() {
    assertThat(from(Map.of("RateLimit-Reset", "17", "RateLimit-Remaining", "0")))
        .isEqualTo(new RetryAfter(Duration.ofSeconds(17), true));
  }

  @Test
  void from_whenXRateLimitResetIsSecondsEpochOrMillis_readsEach() {
    assertThat(from(Map.of("X-RateLimit-Reset", "45")).delay()).isEqualTo(Duration.ofSeconds(45));
    assertThat(from(Map.of("X-RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 30))).delay())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(
            from(Map.of("X-RateLimit-Reset", String.valueOf(NOW.toEpochMilli() + 2_500))).delay())
        .isEqualTo(Duration.ofMillis(2_500));
  }

  @Test
  void from_whenRetryAfterIsFractional_roundsUp() {
    assertThat(from(Map.of("Retry-After", "1.2")).delay()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void from_whenRetryAfterIsGarbage_fallsBackToTheNextHeader() {
    assertThat(from(Map.of("Retry-After", "soon", "RateLimit-Reset", "5")))
        .isEqualTo(new RetryAfter(Duration.ofSeconds(5), true));
  }

  @Test
  void from_whenRetryAfterWinsOverResets() {
    assertThat(from(Map.of("Retry-After", "3", "RateLimit-Reset", "50")).delay())
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void from_whenNoHeaders_usesTheDefault() {
    assertThat(from(Map.of())).isEqualTo(new RetryAfter(DEFAULT, false));
  }

  @Test
  void from_whenDateIsPast_waitsNothing() {
    assertThat(from(Map.of("Retry-After", "Tue, 03 Feb 2026 09:00:00 GMT")).delay()).isZero();
  }

  @Test
  void from_whenAskedForMoreThanAnHour_capsTheWait() {
    assertThat(from(Map.of("Retry-After", "86400")).delay()).isEqualTo(RetryAfter.MAX_WAIT);
  }

  private static RetryAfter from(Map<String, String> headers) {
    Map<String, List<String>> multi = new java.util.HashMap<>();
    headers.forEach((name, value) -> multi.put(name, List.of(value)));
    return RetryAfter.from(HttpHeaders.of(multi, (a, b) -> true), CLOCK, DEFAULT);
  }
}
