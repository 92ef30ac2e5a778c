package dev.errorbridge.connector.source.http;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a rate-limited client should wait, from the first of these headers that makes sense:
 * {@code Retry-After} (delta seconds or an HTTP date), {@code RateLimit-Reset} (seconds until the
 * window resets, the IETF draft Trigify follows), {@code X-RateLimit-Reset} (seconds until reset,
 * or the reset as epoch seconds or milliseconds, as different APIs use it). Without any, the
 * default.
 *
 * @param delay how long to wait, between zero and {@link #MAX_WAIT}
 * @param fromHeaders whether a header said so
 */
public record RetryAfter(Duration delay, boolean fromHeaders) {
  /** A header asking for more is capped: the engine would rather ask again than stall an hour. */
  public static final Duration MAX_WAIT = Duration.ofHours(1);

  private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;
  private static final long EPOCH_MILLIS_FROM = 100_000_000_000L;

  /** The wait {@code headers} ask for, as of {@code clock}'s now, or {@code fallback}. */
  public static RetryAfter from(HttpHeaders headers, Clock clock, Duration fallback) {
    Instant now = clock.instant();
    Optional<Duration> wait =
        header(headers, "Retry-After")
            .flatMap(value -> retryAfter(value, now))
            .or(() -> header(headers, "RateLimit-Reset").flatMap(RetryAfter::seconds))
            .or(() -> header(headers, "X-RateLimit-Reset").flatMap(value -> reset(value, now)));
    return wait.map(d -> new RetryAfter(clamp(d), true))
        .orElseGet(() -> new RetryAfter(clamp(fallback), false));
  }

  /** The value of {@code name}, trimmed, when present and not blank. */
  static Optional<String> header(HttpHeaders headers, String name) {
    return headers.firstValue(name).map(String::trim).filter(value -> !value.isEmpty());
  }

  private static Optional<Duration> retryAfter(String value, Instant now) {
    Optional<Duration> seconds = seconds(value);
    if (seconds.isPresent()) {
      return seconds;
    }
    try {
      Instant at = OffsetDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(Duration.between(now, at));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> reset(String value, Instant now) {
    return number(value)
        .map(
            n -> {
              if (n >= EPOCH_MILLIS_FROM) {
                return Duration.between(now, Instant.ofEpochMilli(n));
              }
              if (n >= EPOCH_SECONDS_FROM) {
                return Duration.between(now, Instant.ofEpochSecond(n));
              }
              return Duration.ofSeconds(n);
            });
  }

  private static Optional<Duration> seconds(String value) {
    return number(value).filter(n -> n < EPOCH_SECONDS_FROM).map(Duration::ofSeconds);
  }

  private static Optional<Long> number(String value) {
    try {
      // Some servers send "30.0"; a fraction is rounded up so the wait is never too short.
      return Optional.of((long) Math.ceil(Double.parseDouble(value)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Duration clamp(Duration wait) {
    if (wait.isNegative()) {
      return Duration.ZERO;
    }
    return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
  }
}
