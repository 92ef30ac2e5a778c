package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.GSI1_PK;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.GSI1_SK;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.GSI2_PK;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.GSI2_SK;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.PK;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionAlreadyExistsException;
import dev.errorbridge.connector.connection.ConnectionConflictException;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionNotFoundException;
import dev.errorbridge.connector.connection.ConnectionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * {@link ConnectionStore} on the Errorbridge table (key design in {@code docs/storage.md}): one
 * item per connection at {@code CONN#<id> / CONNECTION}, settings updated with a condition on
 * {@code version}, health updated without touching it. Every change of settings, toggle or
 * existence then moves the table's {@link SettingsStamp}.
 */
public final class DynamoDbConnectionStore implements ConnectionStore {
  /** Health attributes only {@link #addDeliveries} writes. */
  private static final Set<String> ADDED_ONLY =
      Set.of("delivered", "deadLettered", "lastDeliveryAt");

  static final String SORT_KEY = "CONNECTION";

  private final DynamoDbClient client;
  private final String table;
  private final ConnectionItems items;
  private final TableItems tableItems;
  private final SettingsStamp stamp;

  public DynamoDbConnectionStore(ErrorbridgeTable table) {
    this.client = table.client();
    this.table = table.name();
    this.items = new ConnectionItems(table);
    this.tableItems = new TableItems(table);
    this.stamp = new SettingsStamp(tableItems);
  }

  @Override
  public Connection create(Connection connection) {
    if (connection.version() != 1) {
      throw new IllegalArgumentException("a new connection has version 1");
    }
    Map<String, AttributeValue> item = new HashMap<>(ConnectionItem.key(connection.id()));
    item.putAll(ConnectionItem.settingsAttributes(connection));
    item.putAll(ConnectionItem.healthAttributes(connection.health()));
    item.put("createdAt", ConnectionItem.s(connection.createdAt().toString()));
    item.put(GSI1_PK, ConnectionItem.s(ConnectionItem.tenantKey(connection.tenantId())));
    item.put(GSI1_SK, ConnectionItem.s("CONN#" + connection.createdAt() + "#" + connection.id()));
    if (connection.enabled()) {
      item.put(GSI2_PK, ConnectionItem.s(ConnectionItem.enabledKey(connection.id())));
      item.put(GSI2_SK, ConnectionItem.s(connection.id()));
    }
    try {
      tableItems.putIfAbsent(item, "create connection " + connection.id());
    } catch (ConditionalCheckFailedException e) {
      throw new ConnectionAlreadyExistsException(
          "connection " + connection.id() + " already exists; choose another id");
    }
    stamp.move();
    return connection;
  }

  @Override
  public Optional<Connection> find(String connectionId) {
    return tableItems
        .get(ConnectionItem.key(connectionId), "read connection " + connectionId)
        .map(ConnectionItem::read);
  }

  @Override
  public ConnectionPage listByTenant(String tenantId, int limit, String cursor) {
    if (limit < 1 || limit > 100) {
      throw new IllegalArgumentException("limit must be 1 to 100, was " + limit);
    }
    QueryRequest.Builder query =
        indexQuery(ErrorbridgeTable.BY_TENANT_INDEX, GSI1_PK, ConnectionItem.tenantKey(tenantId))
            .limit(limit);
    if (cursor != null) {
      query.exclusiveStartKey(
          PageCursor.decode(
              cursor,
              Set.of(PK, ErrorbridgeTable.SK, GSI1_PK, GSI1_SK),
              GSI1_PK,
              ConnectionItem.tenantKey(tenantId)));
    }
    QueryResponse response =
        call("list connections of tenant " + tenantId, () -> client.query(query.build()));
    List<Connection> page = new ArrayList<>();
    response.items().forEach(item -> page.add(ConnectionItem.read(item)));
    String next =
        response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
            ? PageCursor.encode(response.lastEvaluatedKey())
            : null;
    return new ConnectionPage(page, next);
  }

  /** The query of {@code index} for its items whose partition key {@code key} is {@code value}. */
  private QueryRequest.Builder indexQuery(String index, String key, String value) {
    return QueryRequest.builder()
        .tableName(table)
        .indexName(index)
        .keyConditionExpression("#pk = :pk")
        .expressionAttributeNames(Map.of("#pk", key))
        .expressionAttributeValues(Map.of(":pk", ConnectionItem.s(value)));
  }

  @Override
  public List<Connection> listEnabled(int shard) {
    if (shard < 0 || shard >= SHARDS) {
      throw new IllegalArgumentException("shard must be 0 to " + (SHARDS - 1) + ", was " + shard);
    }
    List<Connection> enabled = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder query =
          indexQuery(
              ErrorbridgeTable.ENABLED_INDEX, GSI2_PK, ConnectionItem.ENABLED_PREFIX + shard);
      if (start != null) {
        query.exclusiveStartKey(start);
      }
      QueryResponse response = call("list enabled connections", () -> client.query(query.build()));
      response.items().forEach(item -> enabled.add(ConnectionItem.read(item)));
      start = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
    } while (start != null && !start.isEmpty());
    return enabled;
  }

  @Override
  public long settingsStamp() {
    return stamp.read();
  }

  @Override
  public Connection update(Connection connection, long expectedVersion) {
    Connection stored =
        new Connection(
            connection.id(),
            connection.tenantId(),
            connection.name(),
            connection.enabled(),
            connection.source(),
            connection.webhook(),
            connection.destination(),
            connection.mapping(),
            connection.health(),
            connection.createdAt(),
            connection.updatedAt(),
            expectedVersion + 1);
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> sets = new ArrayList<>();
    ConnectionItem.settingsAttributes(stored)
        .forEach(
            (name, value) -> {
              sets.add(name + " = :" + name);
              values.put(":" + name, value);
            });
    String expression = "SET " + String.join(", ", sets);
    if (stored.enabled()) {
      expression += ", " + GSI2_PK + " = :gsi2pk, " + GSI2_SK + " = :gsi2sk";
      values.put(":gsi2pk", ConnectionItem.s(ConnectionItem.enabledKey(stored.id())));
      values.put(":gsi2sk", ConnectionItem.s(stored.id()));
    } else {
      expression += " REMOVE " + GSI2_PK + ", " + GSI2_SK;
    }
    values.put(":expected", ConnectionItem.n(expectedVersion));
    String update = expression;
    try {
      call(
          "update connection " + stored.id(),
          () ->
              client.updateItem(
                  UpdateItemRequest.builder()
                      .tableName(table)
                      .key(ConnectionItem.key(stored.id()))
                      .updateExpression(update)
                      .conditionExpression("attribute_exists(" + PK + ") AND version = :expected")
                      .expressionAttributeValues(values)
                      .build()));
    } catch (ConditionalCheckFailedException e) {
      Optional<Connection> current = find(stored.id());
      if (current.isEmpty()) {
        throw new ConnectionNotFoundException("connection " + stored.id() + " no longer exists");
      }
      throw new ConnectionConflictException(
          "connection "
              + stored.id()
              + " is at version "
              + current.get().version()
              + ", not "
              + expectedVersion
              + ": read it again, reapply your change and retry");
    }
    stamp.move();
    return stored;
  }

  @Override
  public void saveHealth(String connectionId, ConnectionHealth health) {
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> sets = new ArrayList<>();
    List<String> removes = new ArrayList<>();
    ConnectionItem.healthAttributes(health)
        .forEach(
            (name, value) -> {
              if (ADDED_ONLY.contains(name)) {
                return; // a snapshot's counters would undo what addDeliveries added since
              }
              if (value.nul() != null && value.nul()) {
                removes.add(name);
              } else {
                sets.add(name + " = :" + name);
                values.put(":" + name, value);
              }
            });
    String expression =
        "SET "
            + String.join(", ", sets)
            + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
    updateExisting(connectionId, "record health of", expression, values);
  }

  @Override
  public void addDeliveries(String connectionId, long delivered, long deadLettered, Instant at) {
    ConnectionItem.Update counters = ConnectionItem.deliveries(delivered, deadLettered, at);
    updateExisting(connectionId, "record deliveries of", counters.expression(), counters.values());
  }

  @Override
  public int addFailure(String connectionId) {
    UpdateItemResponse response =
        updateExisting(
            connectionId,
            "record a failure of",
            "ADD consecutiveFailures :one",
            Map.of(":one", AttributeValue.fromN("1")));
    return Integer.parseInt(response.attributes().get("consecutiveFailures").n());
  }

  /**
   * One conditional {@code UpdateItem} of an existing connection item, answering its new values.
   */
  private UpdateItemResponse updateExisting(
      String connectionId, String what, String expression, Map<String, AttributeValue> values) {
    try {
      return call(
          what + " connection " + connectionId,
          () ->
              client.updateItem(
                  UpdateItemRequest.builder()
                      .tableName(table)
                      .key(ConnectionItem.key(connectionId))
                      .updateExpression(expression)
                      .conditionExpression("attribute_exists(" + PK + ")")
                      .expressionAttributeValues(values)
                      .returnValues(ReturnValue.UPDATED_NEW)
                      .build()));
    } catch (ConditionalCheckFailedException e) {
      throw new ConnectionNotFoundException("connection " + connectionId + " no longer exists");
    }
  }

  @Override
  public boolean delete(String connectionId) {
    boolean existed = find(connectionId).isPresent();
    items.deleteAllExceptAudit(connectionId); // the audit trail outlives the connection
    if (existed) {
      stamp.move();
    }
    return existed;
  }

  private static <T> T call(String what, Supplier<T> request) {
    return StoreCalls.call(what, request);
  }
}
