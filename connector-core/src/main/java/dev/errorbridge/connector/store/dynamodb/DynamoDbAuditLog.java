package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.EXPIRES_AT;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.SK;

import dev.errorbridge.connector.audit.AuditAction;
import dev.errorbridge.connector.audit.AuditLog;
import dev.errorbridge.connector.audit.AuditRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link AuditLog} on the Errorbridge table: items {@code CONN#<connectionId> / AUDIT#<at,
 * fixed-width ISO-8601>#<random>} in the connection's partition, so one descending {@code Query}
 * reads the newest first. They expire {@link #DEFAULT_RETENTION} after {@code at} (DynamoDB TTL);
 * those past it and not yet deleted are skipped.
 */
public final class DynamoDbAuditLog implements AuditLog {
  /** How long records are kept by default. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);

  static final String SORT_KEY_PREFIX = "AUDIT#";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TableItems items;
  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;
  private final Duration retention;

  public DynamoDbAuditLog(ErrorbridgeTable table, Clock clock) {
    this(table, clock, DEFAULT_RETENTION);
  }

  public DynamoDbAuditLog(ErrorbridgeTable table, Clock clock, Duration retention) {
    this.items = new TableItems(table);
    this.client = table.client();
    this.table = table.name();
    this.clock = Objects.requireNonNull(clock, "clock");
    if (retention == null || retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive, was " + retention);
    }
    this.retention = retention;
  }

  @Override
  public void append(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    // The random suffix keeps two records of the same instant apart; the condition makes a
    // collision (2^-64) fail loudly instead of overwriting a record.
    Map<String, AttributeValue> item = write(record);
    try {
      items.putIfAbsent(item, "append to the audit trail of connection " + record.connectionId());
    } catch (ConditionalCheckFailedException collision) {
      throw new IllegalStateException(
          "audit record key " + item.get(SK).s() + " is taken; append the record again", collision);
    }
  }

  @Override
  public List<AuditRecord> list(String connectionId, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    long now = clock.instant().getEpochSecond();
    List<AuditRecord> records = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    while (records.size() < limit) {
      QueryRequest.Builder query =
          items
              .underPrefix(connectionId, SORT_KEY_PREFIX, start)
              .scanIndexForward(false)
              .limit(limit - records.size());
      QueryResponse page =
          StoreCalls.call(
              "read the audit trail of connection " + connectionId,
              () -> client.query(query.build()));
      for (Map<String, AttributeValue> item : page.items()) {
        if (Items.number(item, EXPIRES_AT) >= now) {
          records.add(read(item));
        }
      }
      start = TableItems.nextStart(page);
      if (start == null) {
        break;
      }
    }
    return List.copyOf(records);
  }

  private Map<String, AttributeValue> write(AuditRecord r) {
    byte[] suffix = new byte[8];
    RANDOM.nextBytes(suffix);
    Map<String, AttributeValue> item =
        new HashMap<>(
            Items.key(
                Keys.connection(r.connectionId()),
                SORT_KEY_PREFIX + Keys.sortable(r.at()) + "#" + HexFormat.of().formatHex(suffix)));
    item.put("tenantId", Items.s(r.tenantId()));
    item.put("connectionId", Items.s(r.connectionId()));
    item.put("actor", Items.s(r.actor()));
    item.put("action", Items.s(r.action().name()));
    item.put(
        "changedFields", AttributeValue.fromL(r.changedFields().stream().map(Items::s).toList()));
    item.put("at", Items.s(r.at().toString()));
    if (r.note() != null) {
      item.put("note", Items.s(r.note()));
    }
    item.put(EXPIRES_AT, Items.n(Keys.ttlSeconds(r.at().plus(retention))));
    return item;
  }

  private static AuditRecord read(Map<String, AttributeValue> item) {
    AttributeValue fields = item.get("changedFields");
    return new AuditRecord(
        Items.string(item, "tenantId"),
        Items.string(item, "connectionId"),
        Items.string(item, "actor"),
        Items.enumValue(item, "action", AuditAction.class),
        fields == null || !fields.hasL()
            ? List.of()
            : fields.l().stream().map(AttributeValue::s).toList(),
        Items.instant(item, "at"),
        Items.optionalString(item, "note"));
  }
}
