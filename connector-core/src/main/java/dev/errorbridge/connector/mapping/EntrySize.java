package dev.errorbridge.connector.mapping;

import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * AWS's documented size of a {@code PutEvents} entry: 14 bytes for {@code Time} when it is set,
 * plus the UTF-8 bytes of {@code Source}, {@code DetailType}, {@code Detail} and each of {@code
 * Resources}. {@code EventBusName} and {@code TraceHeader} do not count.
 *
 * <p>Lengths are counted without encoding the strings. An unpaired surrogate counts as the 3 bytes
 * of U+FFFD; the mapper never produces one.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/eventbridge/latest/userguide/calculate-putevents-entry-size.html">
 *     Calculating PutEvents event entry size</a>
 */
public final class EntrySize {
  /** What a set {@code Time} adds, whatever its value. */
  public static final int TIME_BYTES = 14;

  private EntrySize() {}

  /** The entry's size by AWS's formula. */
  public static long of(PutEventsRequestEntry entry) {
    long size = entry.time() != null ? TIME_BYTES : 0;
    size += utf8(entry.source());
    size += utf8(entry.detailType());
    size += utf8(entry.detail());
    for (String resource : entry.resources()) {
      size += utf8(resource);
    }
    return size;
  }

  /** The UTF-8 length of {@code s}; 0 for {@code null}. */
  public static long utf8(String s) {
    return s == null ? 0 : Utf8.length(s);
  }
}
