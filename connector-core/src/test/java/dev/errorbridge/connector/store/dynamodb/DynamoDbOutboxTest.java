package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.store.Outbox;
import dev.errorbridge.connector.store.Outbox.DeliveryState;
import dev.errorbridge.connector.store.Outbox.Settlement;
import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.store.StoreUnavailableException;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.testing.TestConnections;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** The ledger and outbox on DynamoDB Local: claims, settles, races and limits. */
@ExtendWith(LocalServices.class)
class DynamoDbOutboxTest {
  private static final Duration TTL = Duration.ofDays(7);
  private static final String CONNECTION = "c-1";
  private static LocalDynamoDb dynamoDb;
  private final MutableClock clock = new MutableClock(T0);
  private ErrorbridgeTable table;
  private DynamoDbOutbox outbox;
  private DynamoDbParkedEventStore parked;
  private DynamoDbConnectionStore connections;

  @BeforeAll
  static void startDynamoDb(LocalDynamoDb shared) {
    dynamoDb = shared;
  }

  @BeforeEach
  void freshTable() {
    table = dynamoDb.newTable();
    outbox = new DynamoDbOutbox(table, clock, TTL);
    parked = new DynamoDbParkedEventStore(table);
    connections = new DynamoDbConnectionStore(table);
    connections.create(TestConnections.dify("tenant-a", CONNECTION));
  }

  @Test
  void claim_whenFirst_storesThePendingRecordAndTheEntryDueAfterTheLease() {
    Outbox.ClaimReport report = outbox.claim(List.of(event("e-1")));

    assertThat(report.claimed()).containsExactly("e-1");
    assertThat(report.known()).isEmpty();
    assertThat(outbox.stateOf("e-1", T0)).contains(DeliveryState.PENDING);
    Map<String, AttributeValue> record = ledgerItem("e-1");
    assertThat(record.get("expiresAt").n()).isEqualTo(Long.toString(T0.plus(TTL).getEpochSecond()));
    assertThat(parked.find(CONNECTION, "e-1"))
        .hasValueSatisfying(
            e -> {
              assertThat(e.attempts()).isZero();
              assertThat(e.nextAttemptAt()).isEqualTo(due());
              assertThat(e.entry()).isEqualTo(StoreFixtures.entry("e-1"));
            });
    assertThat(parked.due(due().minusSeconds(1), 10)).isEmpty();
    assertThat(parked.due(due(), 10)).extracting(ParkedEvent::eventId).containsExactly("e-1");
  }

  @Test
  void claim_whenClaimedBefore_claimsNothingAndSaysWhereItStands() {
    outbox.claim(List.of(event("e-pending"), event("e-delivered"), event("e-dead")));
    outbox.settle(
        List.of(
            Settlement.delivered(CONNECTION, "e-delivered"),
            Settlement.deadLettered(CONNECTION, "e-dead")));

    Outbox.ClaimReport single = outbox.claim(List.of(event("e-pending")));
    Outbox.ClaimReport page =
        outbox.claim(List.of(event("e-new"), event("e-delivered"), event("e-dead")));

    assertThat(single.claimed()).isEmpty();
    assertThat(single.known()).containsExactly(Map.entry("e-pending", DeliveryState.PENDING));
    assertThat(page.claimed()).containsExactly("e-new");
    assertThat(page.known())
        .containsOnly(
            Map.entry("e-delivered", DeliveryState.DELIVERED),
            Map.entry("e-dead", DeliveryState.DEAD_LETTERED));
  }

  @Test
  void claim_whenTheRecordExpiredButIsNotYetDeleted_claimsAgain() {
    outbox.claim(List.of(event("e-1")));
    outbox.settle(List.of(Settlement.delivered(CONNECTION, "e-1")));
    clock.advance(TTL.plusSeconds(2));

    assertThat(outbox.claim(List.of(event("e-1"))).claimed()).containsExactly("e-1");
  }

  @Test
  void claim_whenARecordFromBeforeTheOutboxExists_readsItAsDelivered() {
    Map<String, AttributeValue> legacy = new java.util.HashMap<>(OutboxItems.ledgerKey("e-old"));
    legacy.put("eventId", AttributeValue.fromS("e-old"));
    legacy.put("claimedAt", AttributeValue.fromS(T0.toString()));
    legacy.put("expiresAt", AttributeValue.fromN(Long.toString(T0.plus(TTL).getEpochSecond())));
    dynamoDb
        .client()
        .putItem(PutItemRequest.builder().tableName(table.name()).item(legacy).build());

    assertThat(outbox.claim(List.of(event("e-old"))).known())
        .containsExactly(Map.entry("e-old", DeliveryState.DELIVERED));
  }

  @Test
  void claim_fromEightThreadsAtOnce_exactlyOneWinsAndTheOthersSeeItPending() throws Exception {
    List<Outbox.ClaimReport> reports =
        Concurrently.run(8, thread -> outbox.claim(List.of(event("e-race"))));

    assertThat(reports).filteredOn(r -> r.claimed().contains("e-race")).hasSize(1);
    assertThat(reports)
        .filteredOn(r -> r.claimed().isEmpty())
        .allSatisfy(r -> assertThat(r.known()).containsEntry("e-race", DeliveryState.PENDING));
  }

  @Test
  void claim_withMoreEventsThanOneTransactionHolds_claimsEachOnce() {
    List<ParkedEvent> events = IntStream.range(0, 130).mapToObj(i -> event("e-" + i)).toList();
    outbox.claim(List.of(event("e-77")));

    Outbox.ClaimReport report = outbox.claim(events);

    assertThat(report.claimed()).hasSize(129).doesNotContain("e-77");
    assertThat(report.known()).containsOnlyKeys("e-77");
    assertThat(parked.due(due(), 200)).hasSize(130);
  }

  @Test
  void claim_whenAnEntryNeedsParts_keepsThePartsWithATtlAndReadsItBackWhole() {
    ParkedEvent large =
        new ParkedEvent(
            "tenant-a",
            CONNECTION,
            "e-large",
            StoreFixtures.entryWithDetail("e-large", StoreFixtures.incompressibleDetail(700_000)),
            0,
            T0,
            due());

    assertThat(outbox.claim(List.of(large)).claimed()).containsExactly("e-large");

    assertThat(parked.find(CONNECTION, "e-large"))
        .hasValueSatisfying(e -> assertThat(e.entry()).isEqualTo(large.entry()));
    Map<String, AttributeValue> part = item(OutboxItems.partKey(CONNECTION, "e-large", 1));
    assertThat(part).containsKey("expiresAt");
  }

  @Test
  void settle_whenDelivered_removesTheEntryMarksTheRecordAndCountsOnTheConnection() {
    outbox.claim(List.of(event("e-1"), event("e-2"), event("e-3")));
    clock.advance(Duration.ofSeconds(5));

    Outbox.SettleReport report =
        outbox.settle(
            List.of(
                Settlement.delivered(CONNECTION, "e-1"),
                Settlement.delivered(CONNECTION, "e-2"),
                Settlement.deadLettered(CONNECTION, "e-3")));

    assertThat(report).isEqualTo(new Outbox.SettleReport(2, 1, 0, 0));
    assertThat(parked.due(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
    assertThat(outbox.stateOf("e-1", clock.instant())).contains(DeliveryState.DELIVERED);
    assertThat(outbox.stateOf("e-3", clock.instant())).contains(DeliveryState.DEAD_LETTERED);
    var health = connections.find(CONNECTION).orElseThrow().health();
    assertThat(health.delivered()).isEqualTo(2);
    assertThat(health.deadLettered()).isEqualTo(1);
    assertThat(health.lastDeliveryAt()).isEqualTo(clock.instant());
    // the record's life starts again at the settle
    assertThat(ledgerItem("e-1").get("expiresAt").n())
        .isEqualTo(Long.toString(clock.instant().plus(TTL).getEpochSecond()));
  }

  @Test
  void settle_whenTwoSettlersSettleTheSameEvent_countsItOnce() throws Exception {
    outbox.claim(List.of(event("e-1")));

    List<Outbox.SettleReport> reports =
        Concurrently.run(
            4, thread -> outbox.settle(List.of(Settlement.delivered(CONNECTION, "e-1"))));

    assertThat(reports.stream().mapToInt(Outbox.SettleReport::delivered).sum()).isEqualTo(1);
    assertThat(reports.stream().mapToInt(Outbox.SettleReport::settledBefore).sum()).isEqualTo(3);
    assertThat(connections.find(CONNECTION).orElseThrow().health().delivered()).isEqualTo(1);
  }

  @Test
  void settle_whenRetryLater_movesTheDueTimeAndCountsNothing() {
    outbox.claim(List.of(event("e-1")));
    Instant next = T0.plus(Duration.ofMinutes(3));

    outbox.settle(List.of(Settlement.retryLater(CONNECTION, "e-1", 1, next)));

    assertThat(parked.find(CONNECTION, "e-1"))
        .hasValueSatisfying(
            e -> {
              assertThat(e.attempts()).isEqualTo(1);
              assertThat(e.nextAttemptAt()).isEqualTo(next);
            });
    assertThat(parked.due(next.minusSeconds(1), 10)).isEmpty();
    assertThat(outbox.stateOf("e-1", T0)).contains(DeliveryState.PENDING);
    assertThat(connections.find(CONNECTION).orElseThrow().health().delivered()).isZero();
  }

  @Test
  void settle_withMoreEventsThanOneTransactionHolds_settlesAllOfThemAcrossConnections() {
    connections.create(TestConnections.dify("tenant-a", "c-2"));
    List<ParkedEvent> events =
        IntStream.range(0, 120)
            .mapToObj(i -> event(i % 2 == 0 ? CONNECTION : "c-2", "e-" + i))
            .toList();
    outbox.claim(events);

    Outbox.SettleReport report =
        outbox.settle(
            events.stream().map(e -> Settlement.delivered(e.connectionId(), e.eventId())).toList());

    assertThat(report.delivered()).isEqualTo(120);
    assertThat(connections.find(CONNECTION).orElseThrow().health().delivered()).isEqualTo(60);
    assertThat(connections.find("c-2").orElseThrow().health().delivered()).isEqualTo(60);
    assertThat(parked.due(T0.plus(Duration.ofDays(1)), 200)).isEmpty();
  }

  @Test
  void settle_whenTheConnectionWasDeleted_settlesNothingAndDoesNotFail() {
    outbox.claim(List.of(event("e-1")));
    connections.delete(CONNECTION);

    Outbox.SettleReport report = outbox.settle(List.of(Settlement.delivered(CONNECTION, "e-1")));

    assertThat(report).isEqualTo(new Outbox.SettleReport(0, 0, 0, 1));
  }

  @Test
  void recordDeadLettered_whenNew_recordsItWithoutAnOutboxEntry() {
    Outbox.ClaimReport first = outbox.recordDeadLettered(CONNECTION, List.of("e-big", "e-big"));
    Outbox.ClaimReport again = outbox.recordDeadLettered(CONNECTION, List.of("e-big"));

    assertThat(first.claimed()).containsExactly("e-big");
    assertThat(again.known()).containsExactly(Map.entry("e-big", DeliveryState.DEAD_LETTERED));
    assertThat(parked.find(CONNECTION, "e-big")).isEmpty();
  }

  @Test
  void liveAmong_withRecordsInEveryStateAndExpiredOrUnknownIds_answersTheLiveOnes() {
    outbox.claim(List.of(event("e-pending"), event("e-delivered")));
    outbox.settle(List.of(Settlement.delivered(CONNECTION, "e-delivered")));
    outbox.recordDeadLettered(CONNECTION, List.of("e-dead"));

    assertThat(
            outbox.liveAmong(
                List.of("e-pending", "e-delivered", "e-dead", "e-unknown", "e-pending"), T0))
        .containsExactlyInAnyOrder("e-pending", "e-delivered", "e-dead");
    assertThat(outbox.liveAmong(List.of("e-pending"), T0.plus(TTL).plusSeconds(2))).isEmpty();
  }

  @Test
  void liveAmong_withMoreThanOneBatch_readsEach() {
    List<String> ids = IntStream.range(0, 250).mapToObj(i -> "e-" + i).toList();
    outbox.claim(List.of(event("e-3"), event("e-149"), event("e-249")));

    assertThat(outbox.liveAmong(ids, T0)).containsExactlyInAnyOrder("e-3", "e-149", "e-249");
    assertThat(outbox.liveAmong(List.of(), T0)).isEmpty();
  }

  @Test
  void claim_whenTableMissing_throwsNonRetryableUnavailable() {
    DynamoDbOutbox missing =
        new DynamoDbOutbox(new ErrorbridgeTable(dynamoDb.client(), "no-such-table"), clock, TTL);

    assertThatThrownBy(() -> missing.claim(List.of(event("e-1"))))
        .isInstanceOfSatisfying(
            StoreUnavailableException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("claim 1 events")
        .hasMessageContaining("deploy the infra stack");
  }

  private static Instant due() {
    return T0.plus(Duration.ofMinutes(1));
  }

  private static ParkedEvent event(String eventId) {
    return event(CONNECTION, eventId);
  }

  private static ParkedEvent event(String connectionId, String eventId) {
    return new ParkedEvent(
        "tenant-a", connectionId, eventId, StoreFixtures.entry(eventId), 0, T0, due());
  }

  private Map<String, AttributeValue> ledgerItem(String eventId) {
    return item(OutboxItems.ledgerKey(eventId));
  }

  private Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
    return dynamoDb
        .client()
        .getItem(
            GetItemRequest.builder().tableName(table.name()).key(key).consistentRead(true).build())
        .item();
  }
}
