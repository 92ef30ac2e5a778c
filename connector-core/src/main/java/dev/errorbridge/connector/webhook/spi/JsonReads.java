package dev.errorbridge.connector.webhook.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/** Lenient reads of single values out of webhook bodies whose shapes vary by sender. */
public final class JsonReads {
  /**
   * Epoch values below this are seconds, others milliseconds: 10^11 s is the year 5138, 10^11 ms is
   * 1973, so neither reading of a plausible time is mistaken for the other.
   */
  public static final long EPOCH_MILLIS_FROM = 100_000_000_000L;

  public static final String TIMESTAMP_EXPECTED =
      "expected an ISO-8601 timestamp with an offset, or epoch seconds or milliseconds,";

  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,19}\\.\\d{1,9}");

  private JsonReads() {}

  /** Whether {@code node} holds a value (not missing, not JSON null). */
  public static boolean present(JsonNode node) {
    return node != null && !node.isMissingNode() && !node.isNull();
  }

  /** A string, or an integer as its digits (ids are often numbers); else {@code null}. */
  public static String text(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isIntegralNumber()) {
      return node.asText();
    }
    return null;
  }

  /** Like {@link #text} for a non-blank string; {@code null} for anything else. */
  public static String nonBlankText(JsonNode node) {
    String text = text(node);
    return text == null || text.isBlank() ? null : text;
  }

  /** The first of {@code candidates} that is non-blank text at its path, or {@code null}. */
  public static String firstText(JsonNode root, String... pointers) {
    for (String pointer : pointers) {
      String text = nonBlankText(root.at(pointer));
      if (text != null) {
        return text;
      }
    }
    return null;
  }

  /**
   * An instant from ISO-8601 with an offset ({@code Z} or {@code +00:00}), or from epoch seconds or
   * milliseconds as a number or a digit string; {@code null} if it is none of these.
   */
  public static Instant timestamp(JsonNode node) {
    try {
      if (node.isIntegralNumber() && node.canConvertToLong()) {
        return epoch(node.longValue());
      }
      if (node.isNumber()) {
        return epoch(node.decimalValue());
      }
      if (!node.isTextual()) {
        return null;
      }
      String text = node.textValue().trim();
      if (INTEGER.matcher(text).matches()) {
        return epoch(Long.parseLong(text));
      }
      if (DECIMAL.matcher(text).matches()) {
        return epoch(new BigDecimal(text));
      }
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  /**
   * The timestamp at {@code pointer}, {@code null} if absent; a value that is not a timestamp adds
   * a problem naming {@code field}.
   */
  public static Instant timestampAt(
      JsonNode root, String pointer, String field, List<String> problems) {
    JsonNode node = root.at(pointer);
    if (!present(node)) {
      return null;
    }
    Instant instant = timestamp(node);
    if (instant == null) {
      problems.add(field + ": " + TIMESTAMP_EXPECTED + " at " + pointer);
    }
    return instant;
  }

  private static Instant epoch(long value) {
    return Math.abs(value) < EPOCH_MILLIS_FROM
        ? Instant.ofEpochSecond(value)
        : Instant.ofEpochMilli(value);
  }

  private static Instant epoch(BigDecimal value) {
    BigDecimal seconds =
        value.abs().compareTo(BigDecimal.valueOf(EPOCH_MILLIS_FROM)) < 0
            ? value
            : value.movePointLeft(3);
    BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
    long nanos = seconds.subtract(whole).movePointRight(9).longValue();
    return Instant.ofEpochSecond(whole.longValueExact(), nanos);
  }
}
