package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.EXPIRES_AT;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.GSI2_SK;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.PK;
import static dev.errorbridge.connector.store.dynamodb.OutboxRecords.CONDITION_FAILED;
import static dev.errorbridge.connector.store.dynamodb.OutboxRecords.EXISTS;
import static dev.errorbridge.connector.store.dynamodb.OutboxRecords.MAX_ROUNDS;
import static dev.errorbridge.connector.store.dynamodb.OutboxRecords.MAX_TRANSACTION_ITEMS;
import static dev.errorbridge.connector.store.dynamodb.OutboxRecords.NONE;

import dev.errorbridge.connector.store.Outbox.DeliveryState;
import dev.errorbridge.connector.store.Outbox.SettleReport;
import dev.errorbridge.connector.store.Outbox.Settlement;
import dev.errorbridge.connector.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link DynamoDbOutbox}'s settles: one transaction per group that deletes delivered and
 * dead-lettered heads on {@code attribute_exists(pk)} (so that two settlers of one event count it
 * once), marks their records, reschedules the rest, and adds to each connection's counters once.
 */
final class OutboxSettlements {
  private final String table;
  private final TableItems tableItems;
  private final Clock clock;
  private final Duration recordTtl;

  OutboxSettlements(TableItems tableItems, Clock clock, Duration recordTtl) {
    this.table = tableItems.table();
    this.tableItems = tableItems;
    this.clock = clock;
    this.recordTtl = recordTtl;
  }

  SettleReport settle(List<Settlement> settlements) {
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
          throw OutboxRecords.unavailable("settle " + pending.size() + " events", e);
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
          throw OutboxRecords.unavailable("settle " + pending.size() + " events", e);
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
}
