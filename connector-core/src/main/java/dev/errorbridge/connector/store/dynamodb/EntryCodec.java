package dev.errorbridge.connector.store.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.deadletter.DeadLetter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stores an EventBridge entry ({@link DeadLetter.Entry}) in items of at most 400 KB, although an
 * entry may be up to 1 MB (see {@code docs/storage.md}, "Large entries").
 *
 * <ul>
 *   <li>Its JSON (Jackson) up to {@value #INLINE_MAX_BYTES} bytes is the string attribute {@value
 *       #ENTRY} of the head item, readable in the console.
 *   <li>Larger, it is gzipped into the binary attribute {@value #ENTRY_GZ}; when the gzip exceeds
 *       {@value #PART_BYTES} bytes, the head holds the first part and {@value #ENTRY_PARTS} says
 *       how many parts there are, the others living in items {@code <head sk>#001}, {@code #002}…
 *       of the same partition.
 * </ul>
 */
public final class EntryCodec {
  public static final String ENTRY = "entry";
  public static final String ENTRY_GZ = "entryGz";
  public static final String ENTRY_PARTS = "entryParts";

  /** Entries whose JSON is up to this many UTF-8 bytes are stored as plain JSON. */
  public static final int INLINE_MAX_BYTES = 32 * 1024;

  /**
   * Bytes of gzip per item: well under DynamoDB's 400 KB item limit, leaving room for the head's
   * other attributes.
   */
  public static final int PART_BYTES = 300 * 1024;

  /** At most this many parts (3 MB of gzip), so that one transaction can write them all. */
  public static final int MAX_PARTS = 10;

  private static final ObjectMapper JSON = new ObjectMapper();

  private EntryCodec() {}

  /**
   * An entry ready to store.
   *
   * @param json its JSON when stored inline, else {@code null}
   * @param gzipParts its gzipped JSON in parts (empty when inline)
   */
  public record Encoded(String json, List<byte[]> gzipParts) {
    public Encoded {
      gzipParts = List.copyOf(gzipParts);
    }

    /** The attributes of the head item. */
    public Map<String, AttributeValue> headAttributes() {
      Map<String, AttributeValue> attributes = new LinkedHashMap<>();
      if (json != null) {
        attributes.put(ENTRY, Items.s(json));
      } else {
        attributes.put(ENTRY_GZ, Items.b(gzipParts.get(0)));
        attributes.put(ENTRY_PARTS, Items.n(gzipParts.size()));
      }
      return attributes;
    }

    /** How many part items follow the head (parts after the first). */
    public int extraParts() {
      return json != null ? 0 : gzipParts.size() - 1;
    }

    /** The attributes of part item {@code index} (1-based, after the head's part). */
    public Map<String, AttributeValue> partAttributes(int index) {
      return Map.of(ENTRY_GZ, Items.b(gzipParts.get(index)));
    }
  }

  /** The JSON of {@code entry}, inline or gzipped in parts. */
  public static Encoded encode(DeadLetter.Entry entry) {
    byte[] json = toJson(entry);
    if (json.length <= INLINE_MAX_BYTES) {
      return new Encoded(new String(json, StandardCharsets.UTF_8), List.of());
    }
    byte[] gzip = gzip(json);
    List<byte[]> parts = new ArrayList<>();
    for (int from = 0; from < gzip.length; from += PART_BYTES) {
      parts.add(Arrays.copyOfRange(gzip, from, Math.min(gzip.length, from + PART_BYTES)));
    }
    if (parts.size() > MAX_PARTS) {
      throw new IllegalArgumentException(
          "an entry of "
              + json.length
              + " bytes of JSON does not compress under "
              + MAX_PARTS * PART_BYTES
              + " bytes; EventBridge entries are at most 1 MB, so this is not an entry to keep");
    }
    return new Encoded(null, parts);
  }

  /** The sort key of part {@code index} (1-based) of the entry in head item {@code headSortKey}. */
  public static String partSortKey(String headSortKey, int index) {
    return headSortKey + "#" + String.format("%03d", index);
  }

  /** How many part items follow the head item {@code head} (0 when inline or absent). */
  public static int extraParts(Map<String, AttributeValue> head) {
    return head.containsKey(ENTRY_PARTS) ? (int) Items.number(head, ENTRY_PARTS) - 1 : 0;
  }

  /**
   * The entry stored in {@code head} and its {@code extraParts} (in order), or {@code null} when
   * the head has none.
   */
  public static DeadLetter.Entry decode(Map<String, AttributeValue> head, List<byte[]> extraParts) {
    if (head.containsKey(ENTRY)) {
      return fromJson(head, Items.string(head, ENTRY).getBytes(StandardCharsets.UTF_8));
    }
    if (!head.containsKey(ENTRY_GZ)) {
      return null;
    }
    if (extraParts.size() != extraParts(head)) {
      throw Items.invalid(
          head,
          "has " + (extraParts.size() + 1) + " of its " + (extraParts(head) + 1) + " entry parts",
          null);
    }
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    gzip.writeBytes(Items.bytes(head, ENTRY_GZ));
    extraParts.forEach(gzip::writeBytes);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.toByteArray()))) {
      return fromJson(head, in.readAllBytes());
    } catch (IOException e) {
      throw Items.invalid(head, "has a corrupt gzipped entry", e);
    }
  }

  // The wire form: detail stays a string so that its bytes round-trip exactly.
  private record EntryJson(
      String source, String detailType, String detail, List<String> resources, String time) {}

  private static byte[] toJson(DeadLetter.Entry entry) {
    try {
      return JSON.writeValueAsBytes(
          new EntryJson(
              entry.source(),
              entry.detailType(),
              entry.detail(),
              entry.resources(),
              entry.time() == null ? null : entry.time().toString()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an entry as JSON", e);
    }
  }

  private static DeadLetter.Entry fromJson(Map<String, AttributeValue> head, byte[] json) {
    try {
      EntryJson e = JSON.readValue(json, EntryJson.class);
      return new DeadLetter.Entry(
          e.source(),
          e.detailType(),
          e.detail(),
          e.resources(),
          e.time() == null ? null : Instant.parse(e.time()));
    } catch (IOException | RuntimeException e) {
      throw Items.invalid(head, "has an unreadable entry", e);
    }
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory failed", e);
    }
    return out.toByteArray();
  }
}
