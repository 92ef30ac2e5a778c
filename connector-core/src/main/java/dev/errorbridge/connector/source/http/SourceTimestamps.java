package dev.errorbridge.connector.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads the platforms' timestamps, in every form they have been seen to use:
 *
 * <ul>
 *   <li>epoch seconds as a JSON number or numeric string, with or without a fraction (Dify); a
 *       value of 10<sup>11</sup> or more is taken as epoch milliseconds (no platform sends seconds
 *       that far in the future);
 *   <li>ISO 8601 with {@code Z} or an offset (Alloy, Trigify, Runflow REST {@code Z}, Runflow
 *       callbacks {@code +00:00}), also with a space instead of {@code T}; without a zone it is
 *       UTC, which is how Dify stores its naive datetimes;
 *   <li>RFC 1123 / RFC 822 dates, e.g. {@code Tue, 03 Feb 2026 09:02:32 -0000} (older Dify releases
 *       serialised run times that way).
 * </ul>
 *
 * Instants outside the years 0000 to 9999 are refused: no run happened then, and the event's
 * timestamps have four-digit years.
 */
public final class SourceTimestamps {
  private static final BigDecimal MILLIS_THRESHOLD = BigDecimal.valueOf(100_000_000_000L);
  private static final Pattern NUMERIC = Pattern.compile("-?\\d+(\\.\\d+)?");
  private static final Pattern SPACED_ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:.*");

  /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z, in epoch seconds. */
  private static final long MIN_SECOND = -62167219200L;

  private static final long MAX_SECOND = 253402300800L;

  private SourceTimestamps() {}

  /**
   * The instant {@code node} holds, or {@code null} for a missing, JSON null or empty value.
   *
   * @throws IllegalArgumentException when it is none of the forms above
   */
  public static Instant parse(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isNumber()) {
      return inRange(fromEpoch(node.decimalValue()), node.asText());
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException("is a " + node.getNodeType() + ", not a timestamp");
    }
    return parse(node.asText());
  }

  /** The instant {@code text} holds, or {@code null} when it is blank. */
  public static Instant parse(String text) {
    String value = text.trim();
    if (value.isEmpty()) {
      return null;
    }
    return inRange(parseText(value), value);
  }

  private static Instant parseText(String value) {
    if (NUMERIC.matcher(value).matches()) {
      return fromEpoch(new BigDecimal(value));
    }
    if (Character.isLetter(value.charAt(0))) {
      return rfc1123(value);
    }
    String iso = SPACED_ISO.matcher(value).matches() ? value.replaceFirst(" ", "T") : value;
    try {
      return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException withOffset) {
      try {
        return LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException withoutZone) {
        throw new IllegalArgumentException("is not a timestamp: " + abbreviate(value));
      }
    }
  }

  private static Instant rfc1123(String value) {
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("is not a timestamp: " + abbreviate(value));
    }
  }

  private static Instant inRange(Instant instant, String value) {
    if (instant == null
        || instant.getEpochSecond() < MIN_SECOND
        || instant.getEpochSecond() >= MAX_SECOND) {
      throw new IllegalArgumentException(
          "is out of range (years 0000 to 9999): " + abbreviate(value));
    }
    return instant;
  }

  /** The instant, or {@code null} when it lies past the years 0000 to 9999. */
  private static Instant fromEpoch(BigDecimal value) {
    BigDecimal seconds =
        value.abs().compareTo(MILLIS_THRESHOLD) >= 0 ? value.movePointLeft(3) : value;
    if (seconds.compareTo(BigDecimal.valueOf(MIN_SECOND)) < 0
        || seconds.compareTo(BigDecimal.valueOf(MAX_SECOND)) >= 0) {
      return null;
    }
    long whole = seconds.longValue();
    long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
    return Instant.ofEpochSecond(whole, nanos);
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
