package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.EXPIRES_AT;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.GSI2_SK;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.PK;

import dev.errorbridge.connector.store.Outbox;
import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.store.StoreUnavailableException;
import dev.errorbridge.connector.webhook.spi.ReplayRecord;
import dev.errorbridge.connector.webhook.spi.ReplayRefusedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

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
 * group that keeps conflicting with concurrent transactions fails after {@value #MAX_ROUNDS} rounds
 * as retryable; the SDK's own retries cover throttling and 5xx.
 *
 * <p>Outbox parts (entries over 300 KB of gzip, rare) carry a TTL instead of being deleted by a
 * settle: a settle cannot read how many an entry had, and no head lives long enough to outlast them
 * ({@link #PART_TTL}).
 */
public final class DynamoDbOutbox implements Outbox {
  /** How long an outbox part is kept: well past any retry horizon a head may live. */
  public static final Duration PART_TTL = Duration.ofDays(30);

  private static final int MAX_TRANSACTION_ITEMS = 100;
  private static final int MAX_TRANSACTION_BYTES = 3_500_000;
  private static final int BATCH_GET_LIMIT = 100;
  private static final int MAX_ROUNDS = 5;
  private static final String CLAIM_CONDITION = "attribute_not_exists(#pk) OR #expiresAt < :now";
  private static final String EXISTS = "attribute_exists(#pk)";
  private static final String CONDITION_FAILED = "ConditionalCheckFailed";
  private static final String NONE = "None";

  private final DynamoDbClient client;
  private final String table;
  private final TableItems tableItems;
  private final Clock clock;
  private final Duration recordTtl;

  /**
   * @param recordTtl how long a record outlives its latest write: longer than any poll lookback
   *     plus the retry horizon, so that no re-read or retry publishes a settled event again
   */
  public DynamoDbOutbox(ErrorbridgeTable table, Clock clock, Duration recordTtl) {
    this.client = table.client();
    this.table = table.name();
    this.tableItems = new TableItems(table);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.recordTtl = Objects.requireNonNull(recordTtl, "recordTtl");
    if (recordTtl.isNegative() || recordTtl.isZero()) {
      throw new IllegalArgumentException("recordTtl must be positive, was " + recordTtl);
    }
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
    Instant now = clock.instant();
    Map<String, ParkedEvent> byId = new LinkedHashMap<>();
    events.forEach(e -> byId.putIfAbsent(e.eventId(), e));
    Map<String, DeliveryState> known = new LinkedHashMap<>();
    // Most of a poll page was claimed by the previous poll (lookbacks overlap): one batch read
    // saves
    // a cancelled transaction per known event. The read only filters; the conditions decide. A
    // single event (a webhook) gains nothing from it.
    if (byId.size() > 1) {
      known.putAll(states(List.copyOf(byId.keySet()), now));
    }
    Set<String> claimed = new LinkedHashSet<>();
    List<Claimable> group = new ArrayList<>();
    int items = 0;
    int bytes = 0;
    for (ParkedEvent event : byId.values()) {
      if (known.containsKey(event.eventId())) {
        continue;
      }
      Claimable next = new Claimable(event, EntryCodec.encode(event.entry()));
      int reserved = replay == null ? 0 : 1;
      if (!group.isEmpty()
          && (items + next.items() + reserved > MAX_TRANSACTION_ITEMS
              || bytes + next.bytes() > MAX_TRANSACTION_BYTES)) {
        claimGroup(group, now, claimed, known, replay);
        replay = null; // written with the first group's claims, or nothing was claimed
        group = new ArrayList<>();
        items = 0;
        bytes = 0;
      }
      group.add(next);
      items += next.items();
      bytes += next.bytes();
    }
    if (!group.isEmpty()) {
      claimGroup(group, now, claimed, known, replay);
    }
    return new ClaimReport(claimed, known);
  }

  /** An event to claim with its encoded entry. */
  private record Claimable(ParkedEvent event, EntryCodec.Encoded entry) {
    int items() {
      return 2 + entry.extraParts();
    }

    int bytes() {
      int size = entry.json() != null ? entry.json().length() : 0;
      for (byte[] part : entry.gzipParts()) {
        size += part.length;
      }
      return size + 1024; // keys and the record
    }
  }

  private void claimGroup(
      List<Claimable> group,
      Instant now,
      Set<String> claimed,
      Map<String, DeliveryState> known,
      ReplayRecord replay) {
    List<Claimable> pending = group;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      if (pending.isEmpty()) {
        return;
      }
      List<TransactWriteItem> writes = new ArrayList<>();
      List<Integer> ledgerAt = new ArrayList<>();
      for (Claimable c : pending) {
        ledgerAt.add(writes.size());
        writes.addAll(claimWrites(c, now));
      }
      int replayAt = writes.size();
      if (replay != null) {
        writes.add(DynamoDbReplayGuard.claimWrite(table, replay, now));
      }
      try {
        tableItems.transact(writes, "claim " + pending.size() + " events");
        pending.forEach(c -> claimed.add(c.event().eventId()));
        return;
      } catch (TransactionCanceledException e) {
        if (replay != null
            && e.hasCancellationReasons()
            && e.cancellationReasons().size() > replayAt) {
          String code = e.cancellationReasons().get(replayAt).code();
          if (CONDITION_FAILED.equals(code)) {
            throw new ReplayRefusedException(replay.connectionId());
          }
          if (!NONE.equals(code)) {
            continue; // the same request at the same moment: the next round decides
          }
        }
        pending = stillToClaim(pending, ledgerAt, e, now, known);
      }
    }
    throw new StoreUnavailableException(
        "cannot claim "
            + pending.size()
            + " events: their transaction kept conflicting with concurrent writers; the platform's"
            + " retry or the next poll claims them",
        true,
        null);
  }

  /**
   * The ledger record that claims {@code eventId} in {@code state}: put only where no live record
   * is (none, or one past its expiry); when the condition fails, the answer carries the live one. A
   * poll's claim puts it in a transaction, a dead-letter record on its own.
   */
  private Put claim(String connectionId, String eventId, DeliveryState state, Instant now) {
    return Put.builder()
        .tableName(table)
        .item(OutboxItems.ledger(connectionId, eventId, state, now, now.plus(recordTtl)))
        .conditionExpression(CLAIM_CONDITION)
        .expressionAttributeNames(Map.of("#pk", PK, "#expiresAt", EXPIRES_AT))
        .expressionAttributeValues(Map.of(":now", Items.n(now.getEpochSecond())))
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  private List<TransactWriteItem> claimWrites(Claimable c, Instant now) {
    ParkedEvent event = c.event();
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(
        TransactWriteItem.builder()
            .put(claim(event.connectionId(), event.eventId(), DeliveryState.PENDING, now))
            .build());
    writes.add(
        TransactWriteItem.builder()
            .put(
                p ->
                    p.tableName(table)
                        .item(OutboxItems.head(event, c.entry()))
                        .conditionExpression(EXISTS.replace("exists", "not_exists"))
                        .expressionAttributeNames(Map.of("#pk", PK)))
            .build());
    Instant partsExpire = now.plus(PART_TTL);
    for (int part = 1; part <= c.entry().extraParts(); part++) {
      Map<String, AttributeValue> item = new HashMap<>(OutboxItems.part(event, c.entry(), part));
      item.put(EXPIRES_AT, Items.n(Keys.ttlSeconds(partsExpire)));
      writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build());
    }
    return writes;
  }

  /**
   * The events of a cancelled claim still worth claiming: those whose conditions failed are known
   * now (their record's state, or {@code PENDING} for an outbox entry without a live record); the
   * rest lost to a concurrent transaction and go again.
   */
  private List<Claimable> stillToClaim(
      List<Claimable> pending,
      List<Integer> ledgerAt,
      TransactionCanceledException e,
      Instant now,
      Map<String, DeliveryState> known) {
    if (!e.hasCancellationReasons()) {
      throw unavailable("claim " + pending.size() + " events", e);
    }
    List<CancellationReason> reasons = e.cancellationReasons();
    List<Claimable> again = new ArrayList<>();
    List<String> toRead = new ArrayList<>();
    boolean raced = false;
    for (int i = 0; i < pending.size(); i++) {
      Claimable c = pending.get(i);
      String eventId = c.event().eventId();
      CancellationReason ledger = reasons.get(ledgerAt.get(i));
      CancellationReason head = reasons.get(ledgerAt.get(i) + 1);
      if (CONDITION_FAILED.equals(ledger.code())) {
        if (ledger.hasItem() && !ledger.item().isEmpty()) {
          known.put(eventId, OutboxItems.state(ledger.item()));
        } else {
          toRead.add(eventId);
        }
      } else if (CONDITION_FAILED.equals(head.code())) {
        known.put(eventId, DeliveryState.PENDING); // queued before its record lapsed
      } else {
        again.add(c);
        raced |= !NONE.equals(ledger.code()) || !NONE.equals(head.code());
      }
    }
    if (!toRead.isEmpty()) {
      Map<String, DeliveryState> read = states(toRead, now);
      for (Claimable c : pending) {
        String eventId = c.event().eventId();
        if (toRead.contains(eventId)) {
          if (read.containsKey(eventId)) {
            known.put(eventId, read.get(eventId));
          } else {
            again.add(c); // it lapsed between the write and the read
          }
        }
      }
    }
    if (again.size() == pending.size() && !raced && toRead.isEmpty()) {
      throw unavailable("claim " + pending.size() + " events", e); // not a race: a failure
    }
    return again;
  }

  @Override
  public ClaimReport recordDeadLettered(String connectionId, Collection<String> eventIds) {
    Instant now = clock.instant();
    Set<String> recorded = new LinkedHashSet<>();
    Map<String, DeliveryState> known = new LinkedHashMap<>();
    for (String eventId : new LinkedHashSet<>(eventIds)) {
      // On its own, not in a transaction: PutItem takes the same parts as the transaction's Put.
      Put claim = claim(connectionId, eventId, DeliveryState.DEAD_LETTERED, now);
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
    return tableItems
        .get(OutboxItems.ledgerKey(eventId), "read the record of event " + eventId)
        .filter(item -> OutboxItems.isLive(item, now))
        .map(OutboxItems::state);
  }

  @Override
  public Set<String> liveAmong(Collection<String> eventIds, Instant now) {
    Objects.requireNonNull(now, "now");
    return states(List.copyOf(new LinkedHashSet<>(eventIds)), now).keySet();
  }

  @Override
  public SettleReport settle(List<Settlement> settlements) {
    Map<String, Settlement> byId = new LinkedHashMap<>();
    settlements.forEach(s -> byId.put(s.eventId(), s));
    SettleReport report = SettleReport.NONE;
    List<Settlement> group = new ArrayList<>();
    Set<String> connections = new LinkedHashSet<>();
    for (Settlement s : byId.values()) {
      int cost = s.result() == Settlement.Result.RETRY_LATER ? 1 : 2;
      int connectionCost = connections.contains(s.connectionId()) ? 0 : 1;
      if (!group.isEmpty()
          && countItems(group) + cost + connections.size() + connectionCost
              > MAX_TRANSACTION_ITEMS) {
        report = report.plus(settleGroup(group));
        group = new ArrayList<>();
        connections.clear();
      }
      group.add(s);
      if (s.result() != Settlement.Result.RETRY_LATER) {
        connections.add(s.connectionId());
      }
    }
    if (!group.isEmpty()) {
      report = report.plus(settleGroup(group));
    }
    return report;
  }

  private static int countItems(List<Settlement> group) {
    int items = 0;
    for (Settlement s : group) {
      items += s.result() == Settlement.Result.RETRY_LATER ? 1 : 2;
    }
    return items;
  }

  private SettleReport settleGroup(List<Settlement> group) {
    List<Settlement> pending = group;
    int settledBefore = 0;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      if (pending.isEmpty()) {
        return new SettleReport(0, 0, 0, settledBefore);
      }
      Instant now = clock.instant();
      List<TransactWriteItem> writes = new ArrayList<>();
      List<Integer> headAt = new ArrayList<>();
      Map<String, long[]> counters = new LinkedHashMap<>();
      for (Settlement s : pending) {
        headAt.add(writes.size());
        writes.addAll(settleWrites(s, now));
        if (s.result() != Settlement.Result.RETRY_LATER) {
          long[] c = counters.computeIfAbsent(s.connectionId(), k -> new long[2]);
          c[s.result() == Settlement.Result.DELIVERED ? 0 : 1]++;
        }
      }
      List<String> counted = new ArrayList<>(counters.keySet());
      counters.forEach((connectionId, c) -> writes.add(counterWrite(connectionId, c, now)));
      try {
        tableItems.transact(writes, "settle " + pending.size() + " events");
        return tally(pending, settledBefore);
      } catch (TransactionCanceledException e) {
        if (!e.hasCancellationReasons()) {
          throw unavailable("settle " + pending.size() + " events", e);
        }
        List<CancellationReason> reasons = e.cancellationReasons();
        List<Settlement> again = new ArrayList<>();
        Set<String> goneConnections = new LinkedHashSet<>();
        int counterAt = writes.size() - counted.size();
        for (int k = 0; k < counted.size(); k++) {
          if (CONDITION_FAILED.equals(reasons.get(counterAt + k).code())) {
            goneConnections.add(counted.get(k)); // deleted: its outbox went with it
          }
        }
        boolean raced = false;
        for (int i = 0; i < pending.size(); i++) {
          Settlement s = pending.get(i);
          CancellationReason head = reasons.get(headAt.get(i));
          if (CONDITION_FAILED.equals(head.code()) || goneConnections.contains(s.connectionId())) {
            settledBefore++;
          } else {
            again.add(s);
            raced |= !NONE.equals(head.code());
          }
        }
        if (again.size() == pending.size() && !raced) {
          throw unavailable("settle " + pending.size() + " events", e);
        }
        pending = again;
      }
    }
    throw new StoreUnavailableException(
        "cannot settle "
            + pending.size()
            + " events: their transaction kept conflicting with concurrent writers; they stay in"
            + " the outbox and the retry drain sends them again (same event id)",
        true,
        null);
  }

  private List<TransactWriteItem> settleWrites(Settlement s, Instant now) {
    Map<String, AttributeValue> head = OutboxItems.headKey(s.connectionId(), s.eventId());
    if (s.result() == Settlement.Result.RETRY_LATER) {
      return List.of(
          TransactWriteItem.builder()
              .update(
                  u ->
                      u.tableName(table)
                          .key(head)
                          .updateExpression(
                              "SET attempts = :attempts, nextAttemptAt = :next, #dueKey = :dueKey")
                          .conditionExpression(EXISTS)
                          .expressionAttributeNames(Map.of("#pk", PK, "#dueKey", GSI2_SK))
                          .expressionAttributeValues(
                              Map.of(
                                  ":attempts", Items.n(s.attempts()),
                                  ":next", Items.s(s.nextAttemptAt().toString()),
                                  ":dueKey",
                                      OutboxItems.dueKey(
                                          s.connectionId(), s.eventId(), s.nextAttemptAt()))))
              .build());
    }
    DeliveryState state =
        s.result() == Settlement.Result.DELIVERED
            ? DeliveryState.DELIVERED
            : DeliveryState.DEAD_LETTERED;
    return List.of(
        TransactWriteItem.builder()
            .delete(
                d ->
                    d.tableName(table)
                        .key(head)
                        .conditionExpression(EXISTS)
                        .expressionAttributeNames(Map.of("#pk", PK)))
            .build(),
        TransactWriteItem.builder()
            .update(
                u ->
                    u.tableName(table)
                        .key(OutboxItems.ledgerKey(s.eventId()))
                        .updateExpression(
                            "SET #state = :state, #expiresAt = :expiresAt, settledAt = :now,"
                                + " eventId = :eventId, connectionId = :connectionId")
                        .expressionAttributeNames(
                            Map.of("#state", OutboxItems.STATE, "#expiresAt", EXPIRES_AT))
                        .expressionAttributeValues(
                            Map.of(
                                ":state", Items.s(state.name()),
                                ":expiresAt", Items.n(Keys.ttlSeconds(now.plus(recordTtl))),
                                ":now", Items.s(now.toString()),
                                ":eventId", Items.s(s.eventId()),
                                ":connectionId", Items.s(s.connectionId()))))
            .build());
  }

  private TransactWriteItem counterWrite(String connectionId, long[] counts, Instant now) {
    ConnectionItem.Update update = ConnectionItem.deliveries(counts[0], counts[1], now);
    return TransactWriteItem.builder()
        .update(
            u ->
                u.tableName(table)
                    .key(ConnectionItem.key(connectionId))
                    .updateExpression(update.expression())
                    .conditionExpression(EXISTS)
                    .expressionAttributeNames(Map.of("#pk", PK))
                    .expressionAttributeValues(update.values()))
        .build();
  }

  private static SettleReport tally(List<Settlement> settled, int settledBefore) {
    int delivered = 0;
    int deadLettered = 0;
    int rescheduled = 0;
    for (Settlement s : settled) {
      switch (s.result()) {
        case DELIVERED -> delivered++;
        case DEAD_LETTERED -> deadLettered++;
        case RETRY_LATER -> rescheduled++;
      }
    }
    return new SettleReport(delivered, deadLettered, rescheduled, settledBefore);
  }

  /** The live records among distinct {@code ids} with their states, read 100 at a time. */
  private Map<String, DeliveryState> states(List<String> ids, Instant now) {
    Map<String, DeliveryState> states = new HashMap<>();
    for (int from = 0; from < ids.size(); from += BATCH_GET_LIMIT) {
      states.putAll(
          statesOfBatch(ids.subList(from, Math.min(ids.size(), from + BATCH_GET_LIMIT)), now));
    }
    return states;
  }

  private Map<String, DeliveryState> statesOfBatch(List<String> ids, Instant now) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    ids.forEach(id -> keys.add(OutboxItems.ledgerKey(id)));
    Map<String, KeysAndAttributes> pending =
        Map.of(
            table,
            KeysAndAttributes.builder()
                .keys(keys)
                .consistentRead(true)
                .projectionExpression("eventId, #expiresAt, #state")
                .expressionAttributeNames(
                    Map.of("#expiresAt", EXPIRES_AT, "#state", OutboxItems.STATE))
                .build());
    Map<String, DeliveryState> live = new HashMap<>();
    // BatchGetItem may hand back unprocessed keys under load; ask again for those only, a few
    // times. A key still unprocessed then counts as not live: the read only filters, and a claim
    // (the conditional put) decides, so that costs a cancelled transaction, never a duplicate.
    for (int round = 0; !pending.isEmpty() && round < MAX_ROUNDS; round++) {
      Map<String, KeysAndAttributes> request = pending;
      BatchGetItemResponse response =
          StoreCalls.call(
              "read the records of " + ids.size() + " events",
              () ->
                  client.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build()));
      for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
        if (OutboxItems.isLive(item, now)) {
          live.put(Items.string(item, "eventId"), OutboxItems.state(item));
        }
      }
      pending = response.unprocessedKeys();
    }
    return live;
  }

  private static StoreUnavailableException unavailable(
      String what, TransactionCanceledException e) {
    StoreCalls.Failure failure = StoreCalls.describe(what, e);
    return new StoreUnavailableException(failure.message(), failure.retryable(), e);
  }
}
