package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.PK;

import dev.errorbridge.connector.poll.Checkpoint;
import dev.errorbridge.connector.poll.CheckpointConflictException;
import dev.errorbridge.connector.poll.CheckpointStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link CheckpointStore} on the Errorbridge table: one item per connection at {@code
 * CONN#<connectionId> / CHECKPOINT}, replaced with {@code attribute_not_exists(pk)} (first save) or
 * {@code version = :expected}. Instants are ISO-8601 strings (nanosecond precision round-trips);
 * pending runs a list of maps with short attribute names ({@code id}, {@code first}, {@code last},
 * {@code wf} when the run has a workflow id), which count toward the 400 KB item limit once per
 * run.
 */
public final class DynamoDbCheckpointStore implements CheckpointStore {
  static final String SORT_KEY = "CHECKPOINT";

  private final TableItems items;
  private final DynamoDbClient client;
  private final String table;
  private final BatchReads batchReads;

  public DynamoDbCheckpointStore(ErrorbridgeTable table) {
    this(table, new BatchReads(table.client(), table.name()));
  }

  /**
   * @param batchReads how {@link #loadAll} reads (its retry policy for unprocessed keys)
   */
  public DynamoDbCheckpointStore(ErrorbridgeTable table, BatchReads batchReads) {
    this.items = new TableItems(table);
    this.client = table.client();
    this.table = table.name();
    this.batchReads = batchReads;
  }

  @Override
  public Optional<Checkpoint> load(String connectionId) {
    return items
        .get(key(connectionId), "load the checkpoint of connection " + connectionId)
        .map(DynamoDbCheckpointStore::read);
  }

  /**
   * {@code BatchGetItem}, 100 keys a call; unprocessed keys are read again (see {@link
   * BatchReads}).
   */
  @Override
  public Map<String, Checkpoint> loadAll(Collection<String> connectionIds) {
    List<Map<String, AttributeValue>> keys =
        connectionIds.stream().distinct().map(DynamoDbCheckpointStore::key).toList();
    Map<String, Checkpoint> found = new HashMap<>();
    if (keys.isEmpty()) {
      return found;
    }
    for (Map<String, AttributeValue> item :
        batchReads.get("load the checkpoints of " + keys.size() + " connections", keys)) {
      Checkpoint checkpoint = read(item);
      found.put(checkpoint.connectionId(), checkpoint);
    }
    return found;
  }

  @Override
  public Checkpoint save(Checkpoint checkpoint, long expectedVersion) {
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expectedVersion must be >= 0, was " + expectedVersion);
    }
    Checkpoint stored =
        new Checkpoint(
            checkpoint.connectionId(),
            checkpoint.watermark(),
            checkpoint.pendingRuns(),
            checkpoint.lastScan(),
            checkpoint.notBefore(),
            checkpoint.inProgressUntil(),
            expectedVersion + 1);
    PutItemRequest.Builder put =
        PutItemRequest.builder()
            .tableName(table)
            .item(write(stored))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    if (expectedVersion == 0) {
      put.conditionExpression("attribute_not_exists(#pk)")
          .expressionAttributeNames(Map.of("#pk", PK));
    } else {
      put.conditionExpression("#version = :expected")
          .expressionAttributeNames(Map.of("#version", "version"))
          .expressionAttributeValues(Map.of(":expected", Items.n(expectedVersion)));
    }
    try {
      StoreCalls.call(
          "save the checkpoint of connection " + stored.connectionId(),
          () -> client.putItem(put.build()));
    } catch (ConditionalCheckFailedException stale) {
      long actual =
          stale.hasItem() && stale.item().containsKey("version")
              ? Items.number(stale.item(), "version")
              : 0;
      throw new CheckpointConflictException(stored.connectionId(), expectedVersion, actual);
    }
    return stored;
  }

  private static Map<String, AttributeValue> key(String connectionId) {
    return Items.key(Keys.connection(connectionId), SORT_KEY);
  }

  private static Map<String, AttributeValue> write(Checkpoint c) {
    Map<String, AttributeValue> item = new HashMap<>(key(c.connectionId()));
    item.put("connectionId", Items.s(c.connectionId()));
    item.put("watermark", Items.s(c.watermark().toString()));
    List<AttributeValue> runs = new ArrayList<>();
    for (Checkpoint.PendingRun run : c.pendingRuns()) {
      Map<String, AttributeValue> m = new HashMap<>();
      m.put("id", Items.s(run.executionId()));
      m.put("first", Items.s(run.firstSeenAt().toString()));
      m.put("last", Items.s(run.lastCheckedAt().toString()));
      if (run.workflowId() != null) {
        m.put("wf", Items.s(run.workflowId()));
      }
      runs.add(AttributeValue.fromM(m));
    }
    item.put("pendingRuns", AttributeValue.fromL(runs));
    if (c.lastScan() != null) {
      item.put("lastScanAt", Items.s(c.lastScan().at().toString()));
      item.put("lastScanComplete", AttributeValue.fromBool(c.lastScan().complete()));
      if (c.lastScan().error() != null) {
        item.put("lastScanError", Items.s(c.lastScan().error()));
      }
      if (c.lastScan().failedCycles() > 0) {
        item.put("failedCycles", Items.n(c.lastScan().failedCycles()));
      }
    }
    if (c.notBefore() != null) {
      item.put("notBefore", Items.s(c.notBefore().toString()));
    }
    if (c.inProgressUntil() != null) {
      item.put("inProgressUntil", Items.s(c.inProgressUntil().toString()));
    }
    item.put("version", Items.n(c.version()));
    return item;
  }

  private static Checkpoint read(Map<String, AttributeValue> item) {
    List<Checkpoint.PendingRun> runs = new ArrayList<>();
    AttributeValue stored = item.get("pendingRuns");
    if (stored != null && stored.hasL()) {
      for (AttributeValue run : stored.l()) {
        Map<String, AttributeValue> m = run.m();
        runs.add(
            new Checkpoint.PendingRun(
                Items.string(m, "id"),
                Items.instant(m, "first"),
                Items.instant(m, "last"),
                Items.optionalString(m, "wf")));
      }
    }
    Checkpoint.ScanOutcome lastScan = null;
    if (item.containsKey("lastScanAt")) {
      AttributeValue complete = item.get("lastScanComplete");
      lastScan =
          new Checkpoint.ScanOutcome(
              Items.instant(item, "lastScanAt"),
              complete != null && Boolean.TRUE.equals(complete.bool()),
              Items.optionalString(item, "lastScanError"),
              item.containsKey("failedCycles") ? (int) Items.number(item, "failedCycles") : 0);
    }
    return new Checkpoint(
        Items.string(item, "connectionId"),
        Items.instant(item, "watermark"),
        runs,
        lastScan,
        Items.optionalInstant(item, "notBefore"),
        Items.optionalInstant(item, "inProgressUntil"),
        Items.number(item, "version"));
  }
}
