package dev.errorbridge.server.ops;

import dev.errorbridge.connector.store.ErrorbridgeTable;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Counts a connection's webhook events parked for a retry: its {@code RETRY#<eventId>} items
 * (docs/storage.md), which the {@code ParkedEventStore} interface has no count for.
 */
final class ParkedEventCounter {
  private final ErrorbridgeTable table;

  ParkedEventCounter(ErrorbridgeTable table) {
    this.table = table;
  }

  long count(String connectionId) {
    long count = 0;
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder query =
          QueryRequest.builder()
              .tableName(table.name())
              .keyConditionExpression("#pk = :pk AND begins_with(#sk, :retry)")
              .expressionAttributeNames(
                  Map.of("#pk", ErrorbridgeTable.PK, "#sk", ErrorbridgeTable.SK))
              .expressionAttributeValues(
                  Map.of(
                      ":pk", AttributeValue.fromS("CONN#" + connectionId),
                      ":retry", AttributeValue.fromS("RETRY#")))
              .select(Select.COUNT);
      if (start != null) {
        query.exclusiveStartKey(start);
      }
      QueryResponse page = table.client().query(query.build());
      count += page.count();
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return count;
  }
}
