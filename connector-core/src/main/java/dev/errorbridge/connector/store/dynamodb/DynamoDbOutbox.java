package dev.errorbridge.connector.store.dynamodb;

import dev.errorbridge.connector.store.Outbox;
import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.webhook.spi.ReplayRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * {@link Outbox} on the Errorbridge table. A claim is one {@code TransactWriteItems} per group of
 * events (at most 100 items and ~3.5 MB each, DynamoDB's limits being 100 and 4 MB): for each event
 * the ledger record {@code EVENT#<eventId> / DEDUP} put on {@code attribute_not_exists(pk) OR
 * expiresAt < :now}, and the outbox head {@code CONN#<connectionId> / RETRY#<eventId>} (with its
 * parts) put on {@code attribute_not_exists(pk)}. A settle is one transaction per group too:
 * deleting heads on {@code attribute_exists(pk)} (so that two settlers of one event count it once),
 * updating records, and one atomic {@code ADD} to each connection's counters.
 *
 * <p>A transaction cancelled because some events were claimed (or settled) already is tried again
 * without them, at once: the cancellation reasons name the items, and a lost race needs no wait. A
 * group that keeps conflicting with concurrent transactions fails after five rounds as retryable;
 * the SDK's own retries cover throttling and 5xx.
 *
 * <p>Outbox parts (entries over 300 KB of gzip, rare) carry a TTL instead of being deleted by a
 * settle: a settle cannot read how many an entry had, and no head lives long enough to outlast them
 * ({@link #PART_TTL}).
 */
public final class DynamoDbOutbox implements Outbox {
  /** How long an outbox part is kept: well past any retry horizon a head may live. */
  public static final Duration PART_TTL = Duration.ofDays(30);

  private final DynamoDbClient client;
  private final Clock clock;
  private final OutboxRecords records;
  private final OutboxClaims claims;
  private final OutboxSettlements settlements;

  /**
   * @param recordTtl how long a record outlives its latest write: longer than any poll lookback
   *     plus the retry horizon, so that no re-read or retry publishes a settled event again
   */
  public DynamoDbOutbox(ErrorbridgeTable table, Clock clock, Duration recordTtl) {
    this.client = table.client();
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(recordTtl, "recordTtl");
    if (recordTtl.isNegative() || recordTtl.isZero()) {
      throw new IllegalArgumentException("recordTtl must be positive, was " + recordTtl);
    }
    TableItems tableItems = new TableItems(table);
    this.records = new OutboxRecords(tableItems, recordTtl);
    this.claims = new OutboxClaims(tableItems, records, clock);
    this.settlements = new OutboxSettlements(tableItems, clock, recordTtl);
  }

  @Override
  public ClaimReport claim(List<ParkedEvent> events) {
    return claim(events, null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The record rides in the first claim transaction; a cancelled one is sent again with it until
   * either the record is written with a claim or every event turns out claimed before.
   */
  @Override
  public ClaimReport claim(List<ParkedEvent> events, ReplayRecord replay) {
    return claims.claim(events, replay);
  }

  @Override
  public ClaimReport recordDeadLettered(String connectionId, Collection<String> eventIds) {
    Instant now = clock.instant();
    Set<String> recorded = new LinkedHashSet<>();
    Map<String, DeliveryState> known = new LinkedHashMap<>();
    for (String eventId : new LinkedHashSet<>(eventIds)) {
      // On its own, not in a transaction: PutItem takes the same parts as the transaction's Put.
      Put claim = records.claim(connectionId, eventId, DeliveryState.DEAD_LETTERED, now);
      try {
        StoreCalls.call(
            "record dead-lettered event " + eventId,
            () ->
                client.putItem(
                    PutItemRequest.builder()
                        .tableName(claim.tableName())
                        .item(claim.item())
                        .conditionExpression(claim.conditionExpression())
                        .expressionAttributeNames(claim.expressionAttributeNames())
                        .expressionAttributeValues(claim.expressionAttributeValues())
                        .returnValuesOnConditionCheckFailure(
                            claim.returnValuesOnConditionCheckFailure())
                        .build()));
        recorded.add(eventId);
      } catch (ConditionalCheckFailedException claimedBefore) {
        known.put(
            eventId,
            claimedBefore.hasItem() && !claimedBefore.item().isEmpty()
                ? OutboxItems.state(claimedBefore.item())
                : stateOf(eventId, now).orElse(DeliveryState.PENDING));
      }
    }
    return new ClaimReport(recorded, known);
  }

  @Override
  public Optional<DeliveryState> stateOf(String eventId, Instant now) {
    return records.stateOf(eventId, now);
  }

  @Override
  public Set<String> liveAmong(Collection<String> eventIds, Instant now) {
    Objects.requireNonNull(now, "now");
    return records.states(List.copyOf(new LinkedHashSet<>(eventIds)), now).keySet();
  }

  @Override
  public SettleReport settle(List<Settlement> settlements) {
    return this.settlements.settle(settlements);
  }
}
