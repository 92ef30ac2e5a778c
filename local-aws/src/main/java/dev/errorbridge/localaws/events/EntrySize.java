package dev.errorbridge.localaws.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * AWS's documented {@code PutEvents} entry size: 14 bytes for {@code Time} when set, plus the UTF-8
 * bytes of {@code Source}, {@code DetailType}, {@code Detail} and each of {@code Resources}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/eventbridge/latest/userguide/calculate-putevents-entry-size.html">
 *     Calculating PutEvents event entry size</a>
 */
final class EntrySize {
  static final int TIME_BYTES = 14;

  private EntrySize() {}

  static long of(JsonNode entry) {
    long size = 0;
    if (entry.hasNonNull("Time")) {
      size += TIME_BYTES;
    }
    size += utf8(entry.get("Source"));
    size += utf8(entry.get("DetailType"));
    size += utf8(entry.get("Detail"));
    JsonNode resources = entry.get("Resources");
    if (resources != null && resources.isArray()) {
      for (JsonNode resource : resources) {
        size += utf8(resource);
      }
    }
    return size;
  }

  private static long utf8(JsonNode node) {
    return node != null && node.isTextual() ? utf8Length(node.textValue()) : 0;
  }

  /**
   * UTF-8 length without encoding: 1 byte below U+0080, 2 below U+0800, 4 per surrogate pair, else
   * 3.
   */
  static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
