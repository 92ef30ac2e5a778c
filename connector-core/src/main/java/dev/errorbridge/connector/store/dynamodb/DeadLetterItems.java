package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.SK;

import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A {@link DeadLetter}'s attributes, and the reading of letters back from a {@code Query} over
 * {@code DLQ#} items (heads, each followed by its entry parts).
 */
public final class DeadLetterItems {
  /** Sort-key prefix of letters and their parts. */
  public static final String LETTER_PREFIX = "DLQ#";

  private static final String POINTER_PREFIX = "DLQID#";
  private static final String COUNTER = "DLQSEQ";

  private DeadLetterItems() {}

  /** {@code DLQ#<seq>}, or {@code DLQ#<seq>#<part>} for part 1… of its entry. */
  public static Map<String, AttributeValue> letterKey(String connectionId, long seq, int part) {
    String head = LETTER_PREFIX + String.format("%019d", seq);
    return Items.key(
        Keys.connection(connectionId), part == 0 ? head : EntryCodec.partSortKey(head, part));
  }

  /** The pointer from an event id to the {@code seq} of its letter. */
  public static Map<String, AttributeValue> pointerKey(
      String tenantId, String connectionId, String eventId) {
    return Items.key(Keys.connection(connectionId), pointerPrefix(tenantId) + eventId);
  }

  /**
   * The sort-key prefix of a tenant's pointers; the tenant's length first makes it unambiguous
   * whatever the ids contain.
   */
  public static String pointerPrefix(String tenantId) {
    return POINTER_PREFIX + tenantId.length() + "#" + tenantId + "#";
  }

  /** The connection's letter counter. */
  public static Map<String, AttributeValue> counterKey(String connectionId) {
    return Items.key(Keys.connection(connectionId), COUNTER);
  }

  /** The letter's head item at {@code seq}, then the items of its entry's further parts. */
  public static List<Map<String, AttributeValue>> letterItems(
      DeadLetter letter, EntryCodec.Encoded entry, long seq) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> head = new HashMap<>(letterKey(letter.connectionId(), seq, 0));
    head.putAll(attributes(letter));
    if (entry != null) {
      head.putAll(entry.headAttributes());
    }
    items.add(head);
    for (int part = 1; entry != null && part <= entry.extraParts(); part++) {
      Map<String, AttributeValue> item = new HashMap<>(letterKey(letter.connectionId(), seq, part));
      item.putAll(entry.partAttributes(part));
      items.add(item);
    }
    return items;
  }

  // The letter's attributes other than keys and entry; absent values are left out.
  private static Map<String, AttributeValue> attributes(DeadLetter letter) {
    Map<String, AttributeValue> attributes = new HashMap<>();
    attributes.put("tenantId", Items.s(letter.tenantId()));
    attributes.put("connectionId", Items.s(letter.connectionId()));
    attributes.put("eventId", Items.s(letter.eventId()));
    if (letter.reason() != null) {
      attributes.put("reason", Items.s(letter.reason().name()));
    }
    if (letter.errorCode() != null) {
      attributes.put("errorCode", Items.s(letter.errorCode()));
    }
    if (letter.errorMessage() != null) {
      attributes.put("errorMessage", Items.s(letter.errorMessage()));
    }
    attributes.put("attempts", Items.n(letter.attempts()));
    if (letter.parkedAt() != null) {
      attributes.put("parkedAt", Items.s(letter.parkedAt().toString()));
    }
    return attributes;
  }

  /**
   * Collects a tenant's letters from items read in sort-key order, until it has {@code limit}.
   * Letters of other tenants (and their parts) are skipped.
   */
  public static final class Reader {
    private final String tenantId;
    private final int limit;
    private final List<DeadLetter> letters = new ArrayList<>();
    private Map<String, AttributeValue> head;
    private final List<byte[]> parts = new ArrayList<>();

    public Reader(String tenantId, int limit) {
      this.tenantId = tenantId;
      this.limit = limit;
    }

    /** Takes the next item of the query. */
    public void accept(Map<String, AttributeValue> item) {
      String sortKey = Items.string(item, SK);
      if (sortKey.indexOf('#', LETTER_PREFIX.length()) < 0) {
        requireNoPendingHead();
        if (tenantId.equals(Items.optionalString(item, "tenantId"))) {
          head = item;
          parts.clear();
          completeIfWhole();
        }
      } else if (head != null && sortKey.startsWith(Items.string(head, SK) + "#")) {
        parts.add(Items.bytes(item, EntryCodec.ENTRY_GZ));
        completeIfWhole();
      }
    }

    /** Whether it has {@code limit} letters. */
    public boolean full() {
      return letters.size() >= limit;
    }

    /** The letters read, in order. */
    public List<DeadLetter> letters() {
      requireNoPendingHead();
      return List.copyOf(letters);
    }

    private void completeIfWhole() {
      if (parts.size() == EntryCodec.extraParts(head)) {
        letters.add(read(head, parts));
        head = null;
      }
    }

    // Parts are written in one transaction with their head, so a head without them is damage.
    private void requireNoPendingHead() {
      if (head != null) {
        throw Items.invalid(head, "is missing entry parts", null);
      }
    }
  }

  private static DeadLetter read(Map<String, AttributeValue> head, List<byte[]> parts) {
    return new DeadLetter(
        Items.string(head, "tenantId"),
        Items.string(head, "connectionId"),
        Items.string(head, "eventId"),
        head.containsKey("reason") ? Items.enumValue(head, "reason", DeadLetterReason.class) : null,
        Items.optionalString(head, "errorCode"),
        Items.optionalString(head, "errorMessage"),
        (int) Items.number(head, "attempts"),
        Items.optionalInstant(head, "parkedAt"),
        EntryCodec.decode(head, parts));
  }
}
