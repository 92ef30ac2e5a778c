package dev.errorbridge.localaws.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

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
    return node != null && node.isTextual()
        ? node.textValue().getBytes(StandardCharsets.UTF_8).length
        : 0;
  }
}
