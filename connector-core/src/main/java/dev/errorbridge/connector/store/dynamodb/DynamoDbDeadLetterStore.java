package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.PK;

import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.deadletter.DeadLetterStoreException;
import dev.errorbridge.connector.deadletter.InMemoryDeadLetterStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link DeadLetterStore} on the Errorbridge table, with the semantics of {@link
 * InMemoryDeadLetterStore}: letters are kept per tenant and connection, listed in the order they
 * were first parked, and parking an event again replaces it in place.
 *
 * <p>In the connection's partition (see {@code docs/storage.md}):
 *
 * <ul>
 *   <li>{@code DLQ#<seq>}: the letter, {@code seq} a zero-padded 19-digit number from the
 *       connection's counter, so that a {@code Query} reads letters in parking order;
 *   <li>{@code DLQ#<seq>#<n>}: parts of a large entry (see {@code EntryCodec});
 *   <li>{@code DLQID#<tenant length>#<tenantId>#<eventId>}: which {@code seq} an event has, so that
 *       parking it again keeps its place and removing it needs no scan;
 *   <li>{@code DLQSEQ}: the counter.
 * </ul>
 *
 * Letter, parts and pointer are written and deleted in one transaction, conditional on the
 * pointer's revision, so concurrent parks and removes of one event never leave them inconsistent.
 */
public final class DynamoDbDeadLetterStore implements DeadLetterStore {
  private static final int MAX_TRIES = 5;

  private final TableItems items;
  private final DynamoDbClient client;

  public DynamoDbDeadLetterStore(ErrorbridgeTable table) {
    this.items =
        new TableItems(
            table,
            (what, e) -> new DeadLetterStoreException(StoreCalls.describe(what, e).message(), e));
    this.client = table.client();
  }

  @Override
  public void park(DeadLetter letter) {
    Objects.requireNonNull(letter.tenantId(), "tenantId");
    Objects.requireNonNull(letter.eventId(), "eventId");
    String c = Objects.requireNonNull(letter.connectionId(), "connectionId");
    String what = "park dead letter " + letter.eventId() + " of connection " + c;
    EntryCodec.Encoded entry = letter.entry() == null ? null : EntryCodec.encode(letter.entry());
    int extraParts = entry == null ? 0 : entry.extraParts();
    Map<String, AttributeValue> pointerKey =
        DeadLetterItems.pointerKey(letter.tenantId(), c, letter.eventId());
    for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
      Optional<Map<String, AttributeValue>> pointer = items.get(pointerKey, what);
      long seq = pointer.isPresent() ? Items.number(pointer.get(), "seq") : nextSeq(c, what);
      long rev = pointer.isPresent() ? Items.number(pointer.get(), "rev") : 0;
      long staleParts = pointer.isPresent() ? Items.number(pointer.get(), "parts") : 0;
      List<TransactWriteItem> writes = new ArrayList<>();
      DeadLetterItems.letterItems(letter, entry, seq).forEach(item -> writes.add(put(item, null)));
      for (long part = extraParts + 1; part <= staleParts; part++) {
        writes.add(delete(DeadLetterItems.letterKey(c, seq, (int) part), null));
      }
      Map<String, AttributeValue> newPointer = new HashMap<>(pointerKey);
      newPointer.put("eventId", Items.s(letter.eventId()));
      newPointer.put("seq", Items.n(seq));
      newPointer.put("parts", Items.n(extraParts));
      newPointer.put("rev", Items.n(rev + 1));
      writes.add(put(newPointer, rev));
      if (transact(writes, what)) {
        return;
      }
    }
    throw new DeadLetterStoreException(
        "cannot " + what + ": it changed concurrently " + MAX_TRIES + " times; park it again",
        null);
  }

  @Override
  public List<DeadLetter> list(String tenantId, String connectionId, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    String what = "list the dead letters of connection " + connectionId;
    DeadLetterItems.Reader reader = new DeadLetterItems.Reader(tenantId, limit);
    Map<String, AttributeValue> start = null;
    while (!reader.full()) {
      QueryRequest query =
          items.underPrefix(connectionId, DeadLetterItems.LETTER_PREFIX, start).build();
      QueryResponse page = items.call(what, () -> client.query(query));
      for (Map<String, AttributeValue> item : page.items()) {
        reader.accept(item);
        if (reader.full()) {
          break;
        }
      }
      start = TableItems.nextStart(page);
      if (start == null) {
        break;
      }
    }
    return reader.letters();
  }

  @Override
  public void remove(String tenantId, String connectionId, String eventId) {
    String what = "remove dead letter " + eventId + " of connection " + connectionId;
    Map<String, AttributeValue> pointerKey =
        DeadLetterItems.pointerKey(tenantId, connectionId, eventId);
    for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
      Optional<Map<String, AttributeValue>> pointer = items.get(pointerKey, what);
      if (pointer.isEmpty()) {
        return;
      }
      long seq = Items.number(pointer.get(), "seq");
      long parts = Items.number(pointer.get(), "parts");
      List<TransactWriteItem> writes = new ArrayList<>();
      writes.add(delete(pointerKey, Items.number(pointer.get(), "rev")));
      for (long part = 0; part <= parts; part++) {
        writes.add(delete(DeadLetterItems.letterKey(connectionId, seq, (int) part), null));
      }
      if (transact(writes, what)) {
        return;
      }
    }
    throw new DeadLetterStoreException(
        "cannot " + what + ": it changed concurrently " + MAX_TRIES + " times; remove it again",
        null);
  }

  /** Reads only the small pointer items. */
  @Override
  public long count(String tenantId, String connectionId) {
    return items.count(
        connectionId,
        DeadLetterItems.pointerPrefix(tenantId),
        "count the dead letters of connection " + connectionId);
  }

  private long nextSeq(String connectionId, String what) {
    return Items.number(
        items
            .call(
                what,
                () ->
                    client.updateItem(
                        UpdateItemRequest.builder()
                            .tableName(items.table())
                            .key(DeadLetterItems.counterKey(connectionId))
                            .updateExpression("ADD #next :one")
                            .expressionAttributeNames(Map.of("#next", "next"))
                            .expressionAttributeValues(Map.of(":one", Items.n(1)))
                            .returnValues(ReturnValue.UPDATED_NEW)
                            .build()))
            .attributes(),
        "next");
  }

  // True when written; false when another writer changed the pointer first (read it again).
  private boolean transact(List<TransactWriteItem> writes, String what) {
    try {
      items.transact(writes, what);
      return true;
    } catch (TransactionCanceledException e) {
      if (StoreCalls.lostRace(e)) {
        return false;
      }
      throw new DeadLetterStoreException(StoreCalls.describe(what, e).message(), e);
    }
  }

  // A put (or delete) that, when rev is given, only happens if the item is still at that
  // revision (0: absent).
  private TransactWriteItem put(Map<String, AttributeValue> item, Long rev) {
    Put.Builder put = Put.builder().item(item);
    if (rev != null) {
      put.conditionExpression(rev == 0 ? "attribute_not_exists(#pk)" : "#rev = :rev")
          .expressionAttributeNames(rev == 0 ? Map.of("#pk", PK) : Map.of("#rev", "rev"));
      if (rev != 0) {
        put.expressionAttributeValues(Map.of(":rev", Items.n(rev)));
      }
    }
    return items.put(put);
  }

  private TransactWriteItem delete(Map<String, AttributeValue> key, Long rev) {
    Delete.Builder delete = Delete.builder().key(key);
    if (rev != null) {
      delete
          .conditionExpression("#rev = :rev")
          .expressionAttributeNames(Map.of("#rev", "rev"))
          .expressionAttributeValues(Map.of(":rev", Items.n(rev)));
    }
    return items.delete(delete);
  }
}
