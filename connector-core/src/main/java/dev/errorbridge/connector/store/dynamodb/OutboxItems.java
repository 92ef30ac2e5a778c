package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.EXPIRES_AT;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.GSI2_PK;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.GSI2_SK;

import dev.errorbridge.connector.store.Outbox;
import dev.errorbridge.connector.store.ParkedEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The item layout the outbox and the retry store share (see {@code docs/storage.md}): an outbox
 * entry is a retry-store head {@code CONN#<connectionId> / RETRY#<eventId>} (plus {@code
 * RETRYPART#} items for entries over 300 KB of gzip), indexed by due time; a ledger record is
 * {@code EVENT#<eventId> / DEDUP}.
 */
final class OutboxItems {
  /** Index shards the due entries are spread over. */
  static final int SHARDS = 16;

  static final String HEAD_PREFIX = "RETRY#";
  static final String PART_PREFIX = "RETRYPART#";
  static final String LEDGER_SORT_KEY = "DEDUP";
  static final String STATE = "state";

  private OutboxItems() {}

  static Map<String, AttributeValue> headKey(String connectionId, String eventId) {
    return Items.key(Keys.connection(connectionId), HEAD_PREFIX + eventId);
  }

  static Map<String, AttributeValue> partKey(String connectionId, String eventId, int part) {
    return Items.key(
        Keys.connection(connectionId), EntryCodec.partSortKey(PART_PREFIX + eventId, part));
  }

  /** The head item of {@code event}, whose entry is {@code entry} (encoded from its entry). */
  static Map<String, AttributeValue> head(ParkedEvent event, EntryCodec.Encoded entry) {
    Map<String, AttributeValue> head =
        new HashMap<>(headKey(event.connectionId(), event.eventId()));
    head.put("tenantId", Items.s(event.tenantId()));
    head.put("connectionId", Items.s(event.connectionId()));
    head.put("eventId", Items.s(event.eventId()));
    head.put("attempts", Items.n(event.attempts()));
    head.put("parkedAt", Items.s(event.parkedAt().toString()));
    head.put("nextAttemptAt", Items.s(event.nextAttemptAt().toString()));
    head.put(GSI2_PK, Items.s(shardKey(event.connectionId(), event.eventId())));
    head.put(GSI2_SK, dueKey(event.connectionId(), event.eventId(), event.nextAttemptAt()));
    head.putAll(entry.headAttributes());
    return head;
  }

  /** Part {@code part} (1-based, after the head's) of {@code event}'s entry. */
  static Map<String, AttributeValue> part(ParkedEvent event, EntryCodec.Encoded entry, int part) {
    Map<String, AttributeValue> item =
        new HashMap<>(partKey(event.connectionId(), event.eventId(), part));
    item.putAll(entry.partAttributes(part));
    return item;
  }

  static String shardKey(String connectionId, String eventId) {
    return HEAD_PREFIX + Keys.shard(connectionId + "/" + eventId, SHARDS);
  }

  static AttributeValue dueKey(String connectionId, String eventId, Instant at) {
    return Items.s(Keys.sortable(at) + "#" + connectionId + "#" + eventId);
  }

  static Map<String, AttributeValue> ledgerKey(String eventId) {
    return Items.key("EVENT#" + Objects.requireNonNull(eventId, "eventId"), LEDGER_SORT_KEY);
  }

  /** A ledger record of {@code eventId} in {@code state}, live until {@code expiresAt}. */
  static Map<String, AttributeValue> ledger(
      String connectionId,
      String eventId,
      Outbox.DeliveryState state,
      Instant at,
      Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>(ledgerKey(eventId));
    item.put("eventId", Items.s(eventId));
    item.put("connectionId", Items.s(connectionId));
    item.put(STATE, Items.s(state.name()));
    item.put("claimedAt", Items.s(at.toString()));
    item.put(EXPIRES_AT, Items.n(Keys.ttlSeconds(expiresAt)));
    return item;
  }

  /**
   * The state a ledger record holds. Records written before the outbox existed carry none: they
   * were written once an event was settled, which then meant published.
   */
  static Outbox.DeliveryState state(Map<String, AttributeValue> ledger) {
    String state = Items.optionalString(ledger, STATE);
    return state == null
        ? Outbox.DeliveryState.DELIVERED
        : Items.enumValue(ledger, STATE, Outbox.DeliveryState.class);
  }

  /** Whether a ledger record is live at {@code now}: the claim condition's rule, in seconds. */
  static boolean isLive(Map<String, AttributeValue> ledger, Instant now) {
    return Items.number(ledger, EXPIRES_AT) >= now.getEpochSecond();
  }
}
