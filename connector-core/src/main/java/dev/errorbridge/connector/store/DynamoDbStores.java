package dev.errorbridge.connector.store;

import dev.errorbridge.connector.deadletter.DynamoDbDeadLetterStore;
import java.time.Clock;
import java.util.Objects;

/**
 * Every store of the Errorbridge table, built once from the table and shared (they are thread-safe
 * and hold nothing but the client):
 *
 * <pre>{@code
 * DynamoDbStores stores = DynamoDbStores.of(new ErrorbridgeTable(dynamoDb, "errorbridge"));
 * if (stores.dedup().claim(eventId, now.plus(Duration.ofDays(2)))) { ... }
 * }</pre>
 *
 * @param dedup claims on event ids
 * @param checkpoints pollers' checkpoints
 * @param deadLetters undelivered events
 * @param audit connections' audit trails
 * @param replayGuard webhook replay protection
 * @param parkedEvents webhook events awaiting a retry
 * @param connectionItems whole-partition clean-up on connection delete
 */
public record DynamoDbStores(
    DedupStore dedup,
    CheckpointStore checkpoints,
    DynamoDbDeadLetterStore deadLetters,
    AuditLog audit,
    DynamoDbReplayGuard replayGuard,
    ParkedEventStore parkedEvents,
    ConnectionItems connectionItems) {

  public DynamoDbStores {
    Objects.requireNonNull(dedup, "dedup");
    Objects.requireNonNull(checkpoints, "checkpoints");
    Objects.requireNonNull(deadLetters, "deadLetters");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(replayGuard, "replayGuard");
    Objects.requireNonNull(parkedEvents, "parkedEvents");
    Objects.requireNonNull(connectionItems, "connectionItems");
  }

  /** The stores of {@code table}, on the system clock. */
  public static DynamoDbStores of(ErrorbridgeTable table) {
    return of(table, Clock.systemUTC());
  }

  /** The stores of {@code table}; {@code clock} decides when claims and audit records expire. */
  public static DynamoDbStores of(ErrorbridgeTable table, Clock clock) {
    return new DynamoDbStores(
        new DynamoDbDedupStore(table, clock),
        new DynamoDbCheckpointStore(table),
        new DynamoDbDeadLetterStore(table),
        new DynamoDbAuditLog(table, clock),
        new DynamoDbReplayGuard(table, clock),
        new DynamoDbParkedEventStore(table),
        new ConnectionItems(table));
  }
}
