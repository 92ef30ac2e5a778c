package dev.errorbridge.connector.store.dynamodb;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.zip.CRC32;

/**
 * The key values of {@code docs/storage.md}, in one place so that every store spells them the same
 * way.
 */
public final class Keys {
  /** Partition of everything a connection owns. */
  public static final String CONNECTION_PREFIX = "CONN#";

  // Fixed width (always nine fraction digits) so that the string order is the time order; the ISO
  // form of Instant.toString drops trailing zeros and "...00Z" would sort after "...00.5Z".
  private static final DateTimeFormatter SORTABLE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Keys() {}

  /** {@code CONN#<connectionId>}: the partition of a connection's items. */
  public static String connection(String connectionId) {
    return CONNECTION_PREFIX + connectionId;
  }

  /**
   * {@code instant} as UTC ISO-8601 with nine fraction digits, so that sort keys order by time (for
   * years 0000-9999).
   */
  public static String sortable(Instant instant) {
    return SORTABLE.format(instant);
  }

  /**
   * A stable shard in {@code [0, shards)} for {@code text}: the CRC-32 of its UTF-8 bytes, as the
   * connection store shards the enabled index.
   */
  public static int shard(String text, int shards) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % shards);
  }

  /** DynamoDB TTL value: {@code instant} in epoch seconds, rounded up so it never expires early. */
  public static long ttlSeconds(Instant instant) {
    return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
  }
}
