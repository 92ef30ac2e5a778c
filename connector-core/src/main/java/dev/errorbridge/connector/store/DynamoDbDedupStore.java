package dev.errorbridge.connector.store;

import static dev.errorbridge.connector.store.ErrorbridgeTable.EXPIRES_AT;
import static dev.errorbridge.connector.store.ErrorbridgeTable.PK;

import dev.errorbridge.connector.store.internal.Items;
import dev.errorbridge.connector.store.internal.Keys;
import dev.errorbridge.connector.store.internal.StoreCalls;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link DedupStore} on the Errorbridge table: one item per event at {@code EVENT#<eventId> /
 * DEDUP}, its own partition so that the hottest writes spread evenly, claimed with {@code
 * attribute_not_exists(pk) OR expiresAt < :now}.
 */
public final class DynamoDbDedupStore implements DedupStore {
  static final String SORT_KEY = "DEDUP";
  private static final int BATCH_GET_LIMIT = 100;
  private static final int BATCH_WRITE_LIMIT = 25;
  private static final int MAX_BATCH_ROUNDS = 5;
  private static final String CLAIM_CONDITION = "attribute_not_exists(#pk) OR #expiresAt < :now";

  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;

  public DynamoDbDedupStore(ErrorbridgeTable table, Clock clock) {
    this.client = table.client();
    this.table = table.name();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public boolean claim(String eventId, Instant expiresAt) {
    Instant now = clock.instant();
    requireFuture(expiresAt, now);
    return put(eventId, expiresAt, now);
  }

  @Override
  public Set<String> claimAll(Collection<String> eventIds, Instant expiresAt) {
    Instant now = clock.instant();
    requireFuture(expiresAt, now);
    List<String> ids = List.copyOf(new LinkedHashSet<>(eventIds));
    // Most of a page was claimed by the previous poll (the lookback overlaps), so one batch read
    // saves a conditional write per known event. The read only filters: the conditional put below
    // decides, so a stale or unprocessed read costs a write, never a duplicate.
    // A single event (a webhook) gains nothing from the read: its conditional put is one call.
    Set<String> live = ids.size() > 1 ? read(ids, now) : Set.of();
    Set<String> claimed = new LinkedHashSet<>();
    for (String id : ids) {
      if (!live.contains(id) && put(id, expiresAt, now)) {
        claimed.add(id);
      }
    }
    return claimed;
  }

  @Override
  public void confirm(Collection<String> eventIds, Instant expiresAt) {
    Instant now = clock.instant();
    requireFuture(expiresAt, now);
    List<String> ids = List.copyOf(new LinkedHashSet<>(eventIds));
    for (int from = 0; from < ids.size(); from += BATCH_WRITE_LIMIT) {
      List<WriteRequest> puts = new ArrayList<>();
      for (String id : ids.subList(from, Math.min(ids.size(), from + BATCH_WRITE_LIMIT))) {
        Map<String, AttributeValue> item = new HashMap<>(key(id));
        item.put("eventId", Items.s(id));
        item.put("claimedAt", Items.s(now.toString()));
        item.put(EXPIRES_AT, Items.n(Keys.ttlSeconds(expiresAt)));
        puts.add(WriteRequest.builder().putRequest(r -> r.item(item)).build());
      }
      Map<String, List<WriteRequest>> pending = Map.of(table, puts);
      // BatchWriteItem may hand back unprocessed items under load; resend only those.
      for (int round = 0; !pending.isEmpty(); round++) {
        if (round == MAX_BATCH_ROUNDS) {
          throw new StoreUnavailableException(
              "cannot confirm "
                  + ids.size()
                  + " dedup claims: DynamoDB kept items unprocessed;"
                  + " the events stay claimed until their lease lapses, then are re-published",
              true,
              null);
        }
        Map<String, List<WriteRequest>> request = pending;
        pending =
            StoreCalls.call(
                    "confirm " + puts.size() + " dedup claims",
                    () ->
                        client.batchWriteItem(
                            BatchWriteItemRequest.builder().requestItems(request).build()))
                .unprocessedItems();
      }
    }
  }

  @Override
  public void release(String eventId) {
    StoreCalls.call(
        "release the claim on event " + eventId,
        () ->
            client.deleteItem(
                DeleteItemRequest.builder().tableName(table).key(key(eventId)).build()));
  }

  @Override
  public boolean isClaimed(String eventId, Instant now) {
    Map<String, AttributeValue> item =
        StoreCalls.call(
                "read the claim on event " + eventId,
                () ->
                    client.getItem(
                        GetItemRequest.builder()
                            .tableName(table)
                            .key(key(eventId))
                            .consistentRead(true)
                            .build()))
            .item();
    return item != null && !item.isEmpty() && isLive(item, now);
  }

  @Override
  public Set<String> liveAmong(Collection<String> eventIds, Instant now) {
    Objects.requireNonNull(now, "now");
    return read(List.copyOf(new LinkedHashSet<>(eventIds)), now);
  }

  private boolean put(String eventId, Instant expiresAt, Instant now) {
    Map<String, AttributeValue> item = new HashMap<>(key(eventId));
    item.put("eventId", Items.s(eventId));
    item.put("claimedAt", Items.s(now.toString()));
    item.put(EXPIRES_AT, Items.n(Keys.ttlSeconds(expiresAt)));
    try {
      StoreCalls.call(
          "claim event " + eventId,
          () ->
              client.putItem(
                  PutItemRequest.builder()
                      .tableName(table)
                      .item(item)
                      .conditionExpression(CLAIM_CONDITION)
                      .expressionAttributeNames(Map.of("#pk", PK, "#expiresAt", EXPIRES_AT))
                      .expressionAttributeValues(Map.of(":now", Items.n(now.getEpochSecond())))
                      .build()));
      return true;
    } catch (ConditionalCheckFailedException claimedAlready) {
      return false;
    }
  }

  /** The live ids among distinct {@code ids}, read 100 at a time. */
  private Set<String> read(List<String> ids, Instant now) {
    Set<String> live = new HashSet<>();
    for (int from = 0; from < ids.size(); from += BATCH_GET_LIMIT) {
      live.addAll(readBatch(ids.subList(from, Math.min(ids.size(), from + BATCH_GET_LIMIT)), now));
    }
    return live;
  }

  private Set<String> readBatch(List<String> ids, Instant now) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    ids.forEach(id -> keys.add(key(id)));
    Map<String, KeysAndAttributes> pending =
        Map.of(
            table,
            KeysAndAttributes.builder()
                .keys(keys)
                .consistentRead(true)
                .projectionExpression("eventId, #expiresAt")
                .expressionAttributeNames(Map.of("#expiresAt", EXPIRES_AT))
                .build());
    Set<String> live = new HashSet<>();
    // BatchGetItem may hand back unprocessed keys under load; ask again for those only, a few
    // times. A key still unprocessed then counts as not live: the read only filters, and a claim
    // (the conditional put) decides, so that costs a write, never a duplicate.
    for (int round = 0; !pending.isEmpty() && round < MAX_BATCH_ROUNDS; round++) {
      Map<String, KeysAndAttributes> request = pending;
      BatchGetItemResponse response =
          StoreCalls.call(
              "read the claims on " + ids.size() + " events",
              () ->
                  client.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build()));
      for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
        if (isLive(item, now)) {
          live.add(Items.string(item, "eventId"));
        }
      }
      pending = response.unprocessedKeys();
    }
    return live;
  }

  // The same rule as the condition: live while expiresAt >= now, in epoch seconds.
  private static boolean isLive(Map<String, AttributeValue> item, Instant now) {
    return Items.number(item, EXPIRES_AT) >= now.getEpochSecond();
  }

  private static Map<String, AttributeValue> key(String eventId) {
    return Items.key("EVENT#" + Objects.requireNonNull(eventId, "eventId"), SORT_KEY);
  }

  private static void requireFuture(Instant expiresAt, Instant now) {
    if (!Objects.requireNonNull(expiresAt, "expiresAt").isAfter(now)) {
      throw new IllegalArgumentException(
          "expiresAt "
              + expiresAt
              + " is not after now ("
              + now
              + "): a claim must outlive the lookback and retry horizon");
    }
  }
}
