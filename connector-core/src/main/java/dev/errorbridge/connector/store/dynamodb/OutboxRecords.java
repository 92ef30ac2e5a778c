package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.EXPIRES_AT;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.PK;

import dev.errorbridge.connector.store.Outbox.DeliveryState;
import dev.errorbridge.connector.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The outbox's ledger records ({@code EVENT#<eventId> / DEDUP}): the conditional put that claims
 * one, and their consistent reads, one or 100 at a time. Also what the claim and settle
 * transactions share: DynamoDB's limits, the rounds a group is tried, and how a cancellation reads.
 */
final class OutboxRecords {
  static final int MAX_TRANSACTION_ITEMS = 100;
  static final int MAX_ROUNDS = 5;
  static final String EXISTS = "attribute_exists(#pk)";
  static final String CONDITION_FAILED = "ConditionalCheckFailed";
  static final String NONE = "None";

  private static final int BATCH_GET_LIMIT = 100;
  private static final String CLAIM_CONDITION = "attribute_not_exists(#pk) OR #expiresAt < :now";

  private final DynamoDbClient client;
  private final String table;
  private final TableItems tableItems;
  private final Duration recordTtl;

  OutboxRecords(TableItems tableItems, Duration recordTtl) {
    this.client = tableItems.client();
    this.table = tableItems.table();
    this.tableItems = tableItems;
    this.recordTtl = recordTtl;
  }

  /**
   * The ledger record that claims {@code eventId} in {@code state}: put only where no live record
   * is (none, or one past its expiry); when the condition fails, the answer carries the live one. A
   * poll's claim puts it in a transaction, a dead-letter record on its own.
   */
  Put claim(String connectionId, String eventId, DeliveryState state, Instant now) {
    return Put.builder()
        .tableName(table)
        .item(OutboxItems.ledger(connectionId, eventId, state, now, now.plus(recordTtl)))
        .conditionExpression(CLAIM_CONDITION)
        .expressionAttributeNames(Map.of("#pk", PK, "#expiresAt", EXPIRES_AT))
        .expressionAttributeValues(Map.of(":now", Items.n(now.getEpochSecond())))
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  /** Where {@code eventId} stands at {@code now}, or empty if no live record has it. */
  Optional<DeliveryState> stateOf(String eventId, Instant now) {
    return tableItems
        .get(OutboxItems.ledgerKey(eventId), "read the record of event " + eventId)
        .filter(item -> OutboxItems.isLive(item, now))
        .map(OutboxItems::state);
  }

  /** The live records among distinct {@code ids} with their states, read 100 at a time. */
  Map<String, DeliveryState> states(List<String> ids, Instant now) {
    Map<String, DeliveryState> states = new HashMap<>();
    for (int from = 0; from < ids.size(); from += BATCH_GET_LIMIT) {
      states.putAll(
          statesOfBatch(ids.subList(from, Math.min(ids.size(), from + BATCH_GET_LIMIT)), now));
    }
    return states;
  }

  private Map<String, DeliveryState> statesOfBatch(List<String> ids, Instant now) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    ids.forEach(id -> keys.add(OutboxItems.ledgerKey(id)));
    Map<String, KeysAndAttributes> pending =
        Map.of(
            table,
            KeysAndAttributes.builder()
                .keys(keys)
                .consistentRead(true)
                .projectionExpression("eventId, #expiresAt, #state")
                .expressionAttributeNames(
                    Map.of("#expiresAt", EXPIRES_AT, "#state", OutboxItems.STATE))
                .build());
    Map<String, DeliveryState> live = new HashMap<>();
    // BatchGetItem may hand back unprocessed keys under load; ask again for those only, a few
    // times. A key still unprocessed then counts as not live: the read only filters, and a claim
    // (the conditional put) decides, so that costs a cancelled transaction, never a duplicate.
    for (int round = 0; !pending.isEmpty() && round < MAX_ROUNDS; round++) {
      Map<String, KeysAndAttributes> request = pending;
      BatchGetItemResponse response =
          StoreCalls.call(
              "read the records of " + ids.size() + " events",
              () ->
                  client.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build()));
      for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
        if (OutboxItems.isLive(item, now)) {
          live.put(Items.string(item, "eventId"), OutboxItems.state(item));
        }
      }
      pending = response.unprocessedKeys();
    }
    return live;
  }

  static StoreUnavailableException unavailable(String what, TransactionCanceledException e) {
    StoreCalls.Failure failure = StoreCalls.describe(what, e);
    return new StoreUnavailableException(failure.message(), failure.retryable(), e);
  }
}
