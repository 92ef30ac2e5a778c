package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.PK;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.SK;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The reads and writes the stores share on the Errorbridge table, each written once: a consistent
 * read of one item, the query of a connection's items under a sort-key prefix, counting them, and
 * the plain puts and deletes of a transaction. An SDK failure is turned into the store's own
 * exception (by default {@link dev.errorbridge.connector.store.StoreUnavailableException}); failed
 * conditions and cancelled transactions pass through, as outcomes the store interprets.
 */
public final class TableItems {
  private final DynamoDbClient client;
  private final String table;
  private final BiFunction<String, SdkException, ? extends RuntimeException> failure;

  /** Failures become {@link dev.errorbridge.connector.store.StoreUnavailableException}s. */
  public TableItems(ErrorbridgeTable table) {
    this(table, null);
  }

  /**
   * @param failure the store's exception for an SDK failure of {@code what} (its first argument);
   *     {@code null} for {@link StoreCalls#call}'s
   */
  public TableItems(
      ErrorbridgeTable table,
      BiFunction<String, SdkException, ? extends RuntimeException> failure) {
    this.client = table.client();
    this.table = table.name();
    this.failure = failure;
  }

  public DynamoDbClient client() {
    return client;
  }

  /** The table's name. */
  public String table() {
    return table;
  }

  /** Runs {@code request}, named {@code what} in the store's failure. */
  public <T> T call(String what, Supplier<T> request) {
    if (failure == null) {
      return StoreCalls.call(what, request);
    }
    try {
      return request.get();
    } catch (ConditionalCheckFailedException | TransactionCanceledException outcome) {
      throw outcome;
    } catch (SdkException e) {
      throw failure.apply(what, e);
    }
  }

  /** The item at {@code key}, read consistently; empty when there is none. */
  public Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key, String what) {
    Map<String, AttributeValue> item =
        call(
                what,
                () ->
                    client.getItem(
                        GetItemRequest.builder()
                            .tableName(table)
                            .key(key)
                            .consistentRead(true)
                            .build()))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  /**
   * Puts {@code item} where no item has its key yet.
   *
   * @throws ConditionalCheckFailedException if one has: an outcome the store interprets (a race
   *     lost, an id taken)
   */
  public void putIfAbsent(Map<String, AttributeValue> item, String what) {
    call(
        what,
        () ->
            client.putItem(
                PutItemRequest.builder()
                    .tableName(table)
                    .item(item)
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK))
                    .build()));
  }

  /**
   * The consistent query of the connection's items whose sort key begins with {@code prefix}, from
   * {@code start} (the last page's last key, or {@code null}).
   */
  public QueryRequest.Builder underPrefix(
      String connectionId, String prefix, Map<String, AttributeValue> start) {
    QueryRequest.Builder query =
        QueryRequest.builder()
            .tableName(table)
            .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
            .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
            .expressionAttributeValues(
                Map.of(":pk", Items.s(Keys.connection(connectionId)), ":prefix", Items.s(prefix)))
            .consistentRead(true);
    return start == null ? query : query.exclusiveStartKey(start);
  }

  /** How many of the connection's items have a sort key beginning with {@code prefix}. */
  public long count(String connectionId, String prefix, String what) {
    long count = 0;
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest query = underPrefix(connectionId, prefix, start).select(Select.COUNT).build();
      QueryResponse page = call(what, () -> client.query(query));
      count += page.count();
      start = nextStart(page);
    } while (start != null);
    return count;
  }

  /** Where the query after {@code page} starts, or {@code null} when it was the last page. */
  public static Map<String, AttributeValue> nextStart(QueryResponse page) {
    return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
        ? page.lastEvaluatedKey()
        : null;
  }

  /**
   * Writes {@code writes} in one transaction.
   *
   * @throws TransactionCanceledException if a condition failed or another transaction interfered:
   *     an outcome the store interprets
   */
  public void transact(List<TransactWriteItem> writes, String what) {
    call(
        what,
        () ->
            client.transactWriteItems(
                TransactWriteItemsRequest.builder().transactItems(writes).build()));
  }

  /** A transaction's unconditional put of {@code item}. */
  public TransactWriteItem put(Map<String, AttributeValue> item) {
    return put(Put.builder().tableName(table).item(item));
  }

  /** A transaction's put, e.g. with a condition. */
  public TransactWriteItem put(Put.Builder put) {
    return TransactWriteItem.builder().put(put.tableName(table).build()).build();
  }

  /** A transaction's unconditional delete of the item at {@code key}. */
  public TransactWriteItem delete(Map<String, AttributeValue> key) {
    return delete(Delete.builder().key(key));
  }

  /** A transaction's delete, e.g. with a condition. */
  public TransactWriteItem delete(Delete.Builder delete) {
    return TransactWriteItem.builder().delete(delete.tableName(table).build()).build();
  }
}
