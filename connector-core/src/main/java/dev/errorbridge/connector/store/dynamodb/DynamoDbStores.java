package dev.errorbridge.connector.store.dynamodb;

import dev.errorbridge.connector.audit.AuditLog;
import dev.errorbridge.connector.poll.CheckpointStore;
import dev.errorbridge.connector.store.Outbox;
import dev.errorbridge.connector.store.ParkedEventStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Every store of the Errorbridge table, built once from the table and shared (they are thread-safe
 * and hold nothing but the client):
 *
 * <pre>{@code
 * DynamoDbStores stores = DynamoDbStores.of(new ErrorbridgeTable(dynamoDb, "errorbridge"));
 * Outbox.ClaimReport claims = stores.outbox().claim(entries);
 * }</pre>
 *
 * @param outbox claims on event ids, with each claimed event's entry until it is settled
 * @param checkpoints pollers' checkpoints
 * @param deadLetters undelivered events
 * @param audit connections' audit trails
 * @param replayGuard webhook replay protection
 * @param parkedEvents webhook events awaiting a retry
 * @param connectionItems whole-partition clean-up on connection delete
 */
public record DynamoDbStores(
    Outbox outbox,
    CheckpointStore checkpoints,
    DynamoDbDeadLetterStore deadLetters,
    AuditLog audit,
    DynamoDbReplayGuard replayGuard,
    ParkedEventStore parkedEvents,
    ConnectionItems connectionItems) {

  /** The delivery policy's default dedup TTL: 7 days. */
  public static final Duration DEFAULT_RECORD_TTL = Duration.ofDays(7);

  public DynamoDbStores {
    Objects.requireNonNull(outbox, "outbox");
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

  /**
   * The stores of {@code table}, with event records kept {@link DynamoDbStores#DEFAULT_RECORD_TTL};
   * {@code clock} decides when records and audit records expire.
   */
  public static DynamoDbStores of(ErrorbridgeTable table, Clock clock) {
    return of(table, clock, DEFAULT_RECORD_TTL);
  }

  /**
   * The stores of {@code table}.
   *
   * @param recordTtl how long an event's record outlives its latest write (the delivery policy's
   *     dedup TTL)
   */
  public static DynamoDbStores of(ErrorbridgeTable table, Clock clock, Duration recordTtl) {
    return new DynamoDbStores(
        new DynamoDbOutbox(table, clock, recordTtl),
        new DynamoDbCheckpointStore(table),
        new DynamoDbDeadLetterStore(table),
        new DynamoDbAuditLog(table, clock),
        new DynamoDbReplayGuard(table, clock),
        new DynamoDbParkedEventStore(table),
        new ConnectionItems(table));
  }
}
