package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.PK;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.SK;

import dev.errorbridge.connector.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The items of a connection's partition as a whole: used when a connection is deleted, to remove
 * everything it owns (settings with the ciphertexts, checkpoint, dead letters, parked events and
 * their index entries) except its audit trail, which says who deleted it and expires by TTL.
 */
public final class ConnectionItems {
  private static final int BATCH_WRITE_LIMIT = 25;

  private final DynamoDbClient client;
  private final String table;

  public ConnectionItems(ErrorbridgeTable table) {
    this.client = table.client();
    this.table = table.name();
  }

  /**
   * Deletes every item of the connection's partition but its audit records, 25 per request. Not
   * atomic: if it fails midway, calling it again finishes the job.
   *
   * @return how many items were deleted
   * @throws StoreUnavailableException if DynamoDB could not answer
   */
  public int deleteAllExceptAudit(String connectionId) {
    String what = "delete the items of connection " + connectionId;
    int deleted = 0;
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest query =
          QueryRequest.builder()
              .tableName(table)
              .keyConditionExpression("#pk = :pk")
              .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
              .expressionAttributeValues(Map.of(":pk", Items.s(Keys.connection(connectionId))))
              .projectionExpression("#pk, #sk")
              .consistentRead(true)
              .exclusiveStartKey(start)
              .build();
      QueryResponse page = StoreCalls.call(what, () -> client.query(query));
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (Map<String, AttributeValue> key : page.items()) {
        if (!key.get(SK).s().startsWith(DynamoDbAuditLog.SORT_KEY_PREFIX)) {
          keys.add(key);
        }
      }
      for (int from = 0; from < keys.size(); from += BATCH_WRITE_LIMIT) {
        delete(keys.subList(from, Math.min(keys.size(), from + BATCH_WRITE_LIMIT)), what);
      }
      deleted += keys.size();
      start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (start != null && !start.isEmpty());
    return deleted;
  }

  private void delete(List<Map<String, AttributeValue>> keys, String what) {
    List<WriteRequest> deletes =
        keys.stream()
            .map(key -> WriteRequest.builder().deleteRequest(r -> r.key(key)).build())
            .toList();
    BatchWriteItemResponse response =
        StoreCalls.call(
            what,
            () ->
                client.batchWriteItem(
                    BatchWriteItemRequest.builder().requestItems(Map.of(table, deletes)).build()));
    // Unprocessed deletes (throttling) go one by one, through the SDK's retries with backoff.
    for (WriteRequest unprocessed : response.unprocessedItems().getOrDefault(table, List.of())) {
      DeleteRequest delete = unprocessed.deleteRequest();
      StoreCalls.call(
          what,
          () ->
              client.deleteItem(
                  DeleteItemRequest.builder().tableName(table).key(delete.key()).build()));
    }
  }
}
