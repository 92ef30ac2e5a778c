package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.EXPIRES_AT;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.PK;
import static dev.errorbridge.connector.store.dynamodb.OutboxRecords.CONDITION_FAILED;
import static dev.errorbridge.connector.store.dynamodb.OutboxRecords.EXISTS;
import static dev.errorbridge.connector.store.dynamodb.OutboxRecords.MAX_ROUNDS;
import static dev.errorbridge.connector.store.dynamodb.OutboxRecords.MAX_TRANSACTION_ITEMS;
import static dev.errorbridge.connector.store.dynamodb.OutboxRecords.NONE;

import dev.errorbridge.connector.store.Outbox.ClaimReport;
import dev.errorbridge.connector.store.Outbox.DeliveryState;
import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.store.StoreUnavailableException;
import dev.errorbridge.connector.webhook.spi.ReplayRecord;
import dev.errorbridge.connector.webhook.spi.ReplayRefusedException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * {@link DynamoDbOutbox}'s claims: for each event the ledger record and the outbox head (with its
 * parts), one {@code TransactWriteItems} per group of at most 100 items and ~3.5 MB (DynamoDB's
 * limits being 100 and 4 MB), a cancelled group tried again at once without the events it names as
 * claimed before.
 */
final class OutboxClaims {
  private static final int MAX_TRANSACTION_BYTES = 3_500_000;

  private final String table;
  private final TableItems tableItems;
  private final OutboxRecords records;
  private final Clock clock;

  OutboxClaims(TableItems tableItems, OutboxRecords records, Clock clock) {
    this.table = tableItems.table();
    this.tableItems = tableItems;
    this.records = records;
    this.clock = clock;
  }

  ClaimReport claim(List<ParkedEvent> events, ReplayRecord replay) {
    Instant now = clock.instant();
    Map<String, ParkedEvent> byId = new LinkedHashMap<>();
    events.forEach(e -> byId.putIfAbsent(e.eventId(), e));
    Map<String, DeliveryState> known = new LinkedHashMap<>();
    // Most of a poll page was claimed by the previous poll (lookbacks overlap): one batch read
    // saves
    // a cancelled transaction per known event. The read only filters; the conditions decide. A
    // single event (a webhook) gains nothing from it.
    if (byId.size() > 1) {
      known.putAll(records.states(List.copyOf(byId.keySet()), now));
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

  private List<TransactWriteItem> claimWrites(Claimable c, Instant now) {
    ParkedEvent event = c.event();
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(
        TransactWriteItem.builder()
            .put(records.claim(event.connectionId(), event.eventId(), DeliveryState.PENDING, now))
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
    Instant partsExpire = now.plus(DynamoDbOutbox.PART_TTL);
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
      throw OutboxRecords.unavailable("claim " + pending.size() + " events", e);
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
      Map<String, DeliveryState> read = records.states(toRead, now);
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
      throw OutboxRecords.unavailable(
          "claim " + pending.size() + " events", e); // not a race: a failure
    }
    return again;
  }
}
