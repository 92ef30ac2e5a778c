package dev.errorbridge.server.ops;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Every connection of every tenant, enabled or not, for metrics: the tenants are read from the
 * sparse {@code byTenant} index (only connection items carry its key), then each tenant's
 * connections through the store. Meant for an operator's scrape interval, not a hot path.
 */
public final class ConnectionDirectory {
  private static final int PAGE = 100;
  private static final String TENANT_PREFIX = "TENANT#";

  private final ErrorbridgeTable table;
  private final ConnectionStore connections;

  public ConnectionDirectory(ErrorbridgeTable table, ConnectionStore connections) {
    this.table = table;
    this.connections = connections;
  }

  /** All connections, by tenant then creation. */
  public List<Connection> all() {
    List<Connection> all = new ArrayList<>();
    for (String tenant : tenants()) {
      String cursor = null;
      do {
        ConnectionStore.ConnectionPage page = connections.listByTenant(tenant, PAGE, cursor);
        all.addAll(page.connections());
        cursor = page.nextCursor();
      } while (cursor != null);
    }
    return all;
  }

  private TreeSet<String> tenants() {
    TreeSet<String> tenants = new TreeSet<>();
    Map<String, AttributeValue> start = null;
    do {
      ScanRequest.Builder scan =
          ScanRequest.builder()
              .tableName(table.name())
              .indexName(ErrorbridgeTable.BY_TENANT_INDEX)
              .projectionExpression("#t")
              .expressionAttributeNames(Map.of("#t", ErrorbridgeTable.GSI1_PK));
      if (start != null) {
        scan.exclusiveStartKey(start);
      }
      ScanResponse page = table.client().scan(scan.build());
      page.items().stream()
          .map(item -> item.get(ErrorbridgeTable.GSI1_PK))
          .filter(value -> value != null && value.s() != null)
          .map(value -> value.s())
          .filter(key -> key.startsWith(TENANT_PREFIX))
          .forEach(key -> tenants.add(key.substring(TENANT_PREFIX.length())));
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return tenants;
  }
}
