package dev.errorbridge.connector.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats instants as the detail's timestamps: ISO-8601 in UTC with exactly three fraction digits,
 * e.g. {@code 2026-11-23T10:15:30.123Z} (truncated, not rounded, to the millisecond). A fixed width
 * keeps them sortable as strings, which {@link DateTimeFormatter#ISO_INSTANT} (variable fraction)
 * does not.
 */
final class Timestamps {
  private static final DateTimeFormatter WIDE_YEARS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch seconds. */
  private static final long MIN_FAST_SECOND = -62167219200L;

  private static final long MAX_FAST_SECOND = 253402300800L;

  private Timestamps() {}

  static String format(Instant t) {
    long second = t.getEpochSecond();
    if (second < MIN_FAST_SECOND || second >= MAX_FAST_SECOND) {
      return WIDE_YEARS.format(t);
    }
    // Hand-rolled: DateTimeFormatter costs several hundred nanoseconds per call, and a detail has
    // up to three timestamps.
    long day = Math.floorDiv(second, 86_400L);
    int secondOfDay = (int) Math.floorMod(second, 86_400L);
    LocalDate date = LocalDate.ofEpochDay(day);
    char[] out = new char[24];
    put4(out, 0, date.getYear());
    out[4] = '-';
    put2(out, 5, date.getMonthValue());
    out[7] = '-';
    put2(out, 8, date.getDayOfMonth());
    out[10] = 'T';
    put2(out, 11, secondOfDay / 3600);
    out[13] = ':';
    put2(out, 14, (secondOfDay / 60) % 60);
    out[16] = ':';
    put2(out, 17, secondOfDay % 60);
    out[19] = '.';
    int millis = t.getNano() / 1_000_000;
    out[20] = (char) ('0' + millis / 100);
    out[21] = (char) ('0' + (millis / 10) % 10);
    out[22] = (char) ('0' + millis % 10);
    out[23] = 'Z';
    return new String(out);
  }

  private static void put2(char[] out, int at, int value) {
    out[at] = (char) ('0' + value / 10);
    out[at + 1] = (char) ('0' + value % 10);
  }

  private static void put4(char[] out, int at, int value) {
    out[at] = (char) ('0' + value / 1000);
    out[at + 1] = (char) ('0' + (value / 100) % 10);
    out[at + 2] = (char) ('0' + (value / 10) % 10);
    out[at + 3] = (char) ('0' + value % 10);
  }
}
