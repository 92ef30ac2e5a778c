package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.ENABLED_INDEX;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.GSI2_PK;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.GSI2_SK;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.PK;

import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.store.ParkedEventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link ParkedEventStore} on the Errorbridge table: an item per event at {@code
 * CONN#<connectionId> / RETRY#<eventId>}, listed by due time through the sparse {@code enabled}
 * index under {@code gsi2pk = RETRY#<shard>}, {@code gsi2sk = <nextAttemptAt, fixed-width>#<
 * connectionId>#<eventId>}. The shard is a hash of connection and event, so one connection with
 * thousands of parked events spreads over all {@value #SHARDS} index partitions; {@link #due}
 * queries each shard and merges. Entries over 32 KB are gzipped, over 300 KB of gzip split into
 * {@code RETRYPART#<eventId>#<n>} items (see {@link EntryCodec}).
 */
public final class DynamoDbParkedEventStore implements ParkedEventStore {
  /** Index shards the due events are spread over. */
  public static final int SHARDS = OutboxItems.SHARDS;

  private final TableItems items;
  private final DynamoDbClient client;
  private final String table;

  public DynamoDbParkedEventStore(ErrorbridgeTable table) {
    this.items = new TableItems(table);
    this.client = table.client();
    this.table = table.name();
  }

  @Override
  public void park(ParkedEvent event) {
    String what = "park event " + event.eventId() + " of connection " + event.connectionId();
    EntryCodec.Encoded entry = EntryCodec.encode(event.entry());
    Map<String, AttributeValue> head = OutboxItems.head(event, entry);
    if (entry.extraParts() == 0) {
      // The common case, one write; parts of an earlier, larger park of this event are garbage
      // (never read, as the head no longer counts them) and are cleaned up after.
      Map<String, AttributeValue> old =
          StoreCalls.call(
                  what,
                  () ->
                      client.putItem(
                          PutItemRequest.builder()
                              .tableName(table)
                              .item(head)
                              .returnValues(ReturnValue.ALL_OLD)
                              .build()))
              .attributes();
      deleteParts(event.connectionId(), event.eventId(), 1, extraParts(old), what);
      return;
    }
    int staleParts =
        storedHead(event.connectionId(), event.eventId(), what)
            .map(EntryCodec::extraParts)
            .orElse(0);
    // Head and parts go in one transaction, so a reader never sees a head without its parts.
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(items.put(head));
    for (int part = 1; part <= entry.extraParts(); part++) {
      writes.add(items.put(OutboxItems.part(event, entry, part)));
    }
    for (int part = entry.extraParts() + 1; part <= staleParts; part++) {
      writes.add(items.delete(OutboxItems.partKey(event.connectionId(), event.eventId(), part)));
    }
    items.transact(writes, what);
  }

  @Override
  public Optional<ParkedEvent> find(String connectionId, String eventId) {
    String what = "read parked event " + eventId + " of connection " + connectionId;
    return storedHead(connectionId, eventId, what).flatMap(head -> complete(head, what));
  }

  @Override
  public List<ParkedEvent> due(Instant now, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    // '$' sorts right after '#': every key of an event due at exactly `now` is below the bound.
    String bound = Keys.sortable(now) + "$";
    List<Map<String, AttributeValue>> heads = new ArrayList<>();
    for (int shard = 0; shard < SHARDS && limit > 0; shard++) {
      heads.addAll(dueInShard(shard, bound, limit));
    }
    heads.sort(Comparator.comparing(item -> item.get(GSI2_SK).s()));
    List<ParkedEvent> due = new ArrayList<>();
    for (Map<String, AttributeValue> head : heads.subList(0, Math.min(limit, heads.size()))) {
      if (EntryCodec.extraParts(head) == 0) {
        due.add(read(head, List.of()));
      } else {
        // The index may be behind the table: read the event whole from the table instead.
        find(Items.string(head, "connectionId"), Items.string(head, "eventId")).ifPresent(due::add);
      }
    }
    return List.copyOf(due);
  }

  @Override
  public boolean reschedule(ParkedEvent current, int attempts, Instant nextAttemptAt) {
    try {
      StoreCalls.call(
          "reschedule event " + current.eventId() + " of connection " + current.connectionId(),
          () ->
              client.updateItem(
                  UpdateItemRequest.builder()
                      .tableName(table)
                      .key(OutboxItems.headKey(current.connectionId(), current.eventId()))
                      .updateExpression(
                          "SET attempts = :attempts, nextAttemptAt = :next, #dueKey = :dueKey")
                      .conditionExpression(
                          "attribute_exists(#pk) AND attempts = :current"
                              + " AND nextAttemptAt = :currentNext")
                      .expressionAttributeNames(Map.of("#pk", PK, "#dueKey", GSI2_SK))
                      .expressionAttributeValues(
                          Map.of(
                              ":attempts", Items.n(attempts),
                              ":next", Items.s(nextAttemptAt.toString()),
                              ":dueKey",
                                  OutboxItems.dueKey(
                                      current.connectionId(), current.eventId(), nextAttemptAt),
                              ":current", Items.n(current.attempts()),
                              ":currentNext", Items.s(current.nextAttemptAt().toString())))
                      .build()));
      return true;
    } catch (ConditionalCheckFailedException takenOrGone) {
      return false;
    }
  }

  @Override
  public void remove(String connectionId, String eventId) {
    String what = "remove parked event " + eventId + " of connection " + connectionId;
    // The head goes first (and with it the index entry); parts left by a crash in between are
    // never read and go with the connection.
    Map<String, AttributeValue> old =
        StoreCalls.call(
                what,
                () ->
                    client.deleteItem(
                        DeleteItemRequest.builder()
                            .tableName(table)
                            .key(OutboxItems.headKey(connectionId, eventId))
                            .returnValues(ReturnValue.ALL_OLD)
                            .build()))
            .attributes();
    deleteParts(connectionId, eventId, 1, extraParts(old), what);
  }

  @Override
  public long count(String connectionId) {
    // RETRYPART# items do not begin with RETRY#: heads only
    return items.count(
        connectionId,
        OutboxItems.HEAD_PREFIX,
        "count the parked events of connection " + connectionId);
  }

  private void deleteParts(String connectionId, String eventId, int from, int to, String what) {
    for (int part = from; part <= to; part++) {
      Map<String, AttributeValue> key = OutboxItems.partKey(connectionId, eventId, part);
      StoreCalls.call(
          what,
          () -> client.deleteItem(DeleteItemRequest.builder().tableName(table).key(key).build()));
    }
  }

  private static int extraParts(Map<String, AttributeValue> old) {
    return old == null || old.isEmpty() ? 0 : EntryCodec.extraParts(old);
  }

  private List<Map<String, AttributeValue>> dueInShard(int shard, String bound, int limit) {
    List<Map<String, AttributeValue>> heads = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder query =
          QueryRequest.builder()
              .tableName(table)
              .indexName(ENABLED_INDEX)
              .keyConditionExpression("#shard = :shard AND #due < :bound")
              .expressionAttributeNames(Map.of("#shard", GSI2_PK, "#due", GSI2_SK))
              .expressionAttributeValues(
                  Map.of(
                      ":shard", Items.s(OutboxItems.HEAD_PREFIX + shard), ":bound", Items.s(bound)))
              .limit(limit - heads.size());
      if (start != null) {
        query.exclusiveStartKey(start);
      }
      QueryResponse page =
          StoreCalls.call("list due parked events", () -> client.query(query.build()));
      heads.addAll(page.items());
      start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (start != null && !start.isEmpty() && heads.size() < limit);
    return heads;
  }

  private Optional<Map<String, AttributeValue>> storedHead(
      String connectionId, String eventId, String what) {
    return items.get(OutboxItems.headKey(connectionId, eventId), what);
  }

  private Optional<ParkedEvent> complete(Map<String, AttributeValue> head, String what) {
    String connectionId = Items.string(head, "connectionId");
    String eventId = Items.string(head, "eventId");
    List<byte[]> parts = new ArrayList<>();
    for (int part = 1; part <= EntryCodec.extraParts(head); part++) {
      Optional<Map<String, AttributeValue>> item =
          items.get(OutboxItems.partKey(connectionId, eventId, part), what);
      if (item.isEmpty()) {
        return Optional.empty(); // removed while we read it
      }
      parts.add(Items.bytes(item.get(), EntryCodec.ENTRY_GZ));
    }
    return Optional.of(read(head, parts));
  }

  private static ParkedEvent read(Map<String, AttributeValue> head, List<byte[]> parts) {
    return new ParkedEvent(
        Items.string(head, "tenantId"),
        Items.string(head, "connectionId"),
        Items.string(head, "eventId"),
        EntryCodec.decode(head, parts),
        (int) Items.number(head, "attempts"),
        Items.instant(head, "parkedAt"),
        Items.instant(head, "nextAttemptAt"));
  }
}
