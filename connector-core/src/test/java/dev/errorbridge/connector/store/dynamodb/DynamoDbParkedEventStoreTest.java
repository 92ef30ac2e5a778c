package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.T0;
import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.entry;
import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.entryWithDetail;
import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.incompressibleDetail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.LocalServices;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

@ExtendWith(LocalServices.class)
class DynamoDbParkedEventStoreTest {
  private static LocalDynamoDb dynamoDb;
  private ErrorbridgeTable table;
  private DynamoDbParkedEventStore store;

  @BeforeAll
  static void startDynamoDb(LocalDynamoDb shared) {
    dynamoDb = shared;
  }

  @BeforeEach
  void freshTable() {
    table = dynamoDb.newTable();
    store = new DynamoDbParkedEventStore(table);
  }

  @Test
  void find_afterPark_returnsEveryField() {
    ParkedEvent event = parked("c-1", "e-1", 10);

    store.park(event);

    assertThat(store.find("c-1", "e-1")).contains(event);
    assertThat(store.find("c-1", "e-2")).isEmpty();
  }

  @Test
  void due_acrossConnections_returnsOnlyDueEventsEarliestFirst() {
    store.park(parked("c-1", "e-late", 30));
    store.park(parked("c-2", "e-first", 10));
    store.park(parked("c-1", "e-future", 61));
    store.park(parked("c-3", "e-now", 60));
    store.park(parked("c-2", "e-second", 20));

    List<ParkedEvent> due = store.due(T0.plusSeconds(60), 10);

    assertThat(due)
        .extracting(ParkedEvent::eventId)
        .containsExactly("e-first", "e-second", "e-late", "e-now");
    assertThat(due.get(0)).isEqualTo(parked("c-2", "e-first", 10));
  }

  @Test
  void due_withLimit_returnsTheEarliestOverAllShards() {
    // 40 events of one connection, due in reverse order of parking: they spread over the shards.
    IntStream.range(0, 40).forEach(i -> store.park(parked("c-1", "e-" + i, 100 - i)));

    assertThat(store.due(T0.plusSeconds(1_000), 3))
        .extracting(ParkedEvent::eventId)
        .containsExactly("e-39", "e-38", "e-37");
    assertThat(store.due(T0.plusSeconds(1_000), 0)).isEmpty();
  }

  @Test
  void reschedule_whenCurrent_movesTheEventInTheDueOrder() {
    store.park(parked("c-1", "e-1", 10));
    store.park(parked("c-1", "e-2", 20));
    ParkedEvent first = store.due(T0.plusSeconds(30), 1).get(0);

    boolean taken = store.reschedule(first, 1, T0.plusSeconds(90));

    assertThat(taken).isTrue();
    assertThat(store.due(T0.plusSeconds(30), 10))
        .extracting(ParkedEvent::eventId)
        .containsExactly("e-2");
    assertThat(store.due(T0.plusSeconds(90), 10))
        .containsExactly(parked("c-1", "e-2", 20), first.rescheduled(1, T0.plusSeconds(90)));
  }

  @Test
  void reschedule_whenAnotherWorkerTookItFirst_returnsFalse() {
    store.park(parked("c-1", "e-1", 10));
    ParkedEvent seen = store.due(T0.plusSeconds(10), 1).get(0);
    store.reschedule(seen, 1, T0.plusSeconds(40));

    assertThat(store.reschedule(seen, 1, T0.plusSeconds(50))).isFalse();
    assertThat(store.find("c-1", "e-1"))
        .get()
        .extracting(ParkedEvent::nextAttemptAt)
        .isEqualTo(T0.plusSeconds(40));
  }

  @Test
  void reschedule_fromEightWorkersAtOnce_oneTakesIt() throws Exception {
    store.park(parked("c-1", "e-1", 10));
    ParkedEvent seen = store.due(T0.plusSeconds(10), 1).get(0);

    List<Boolean> taken =
        Concurrently.run(8, worker -> store.reschedule(seen, 1, T0.plusSeconds(40 + worker)));

    assertThat(taken).containsOnlyOnce(true);
  }

  @Test
  void reschedule_whenAnotherWorkerMovedOnlyTheDueTime_returnsFalse() {
    store.park(parked("c-1", "e-1", 10));
    ParkedEvent seen = store.due(T0.plusSeconds(10), 1).get(0);
    store.reschedule(seen, seen.attempts(), T0.plusSeconds(70)); // a lease: attempts unchanged

    assertThat(store.reschedule(seen, seen.attempts(), T0.plusSeconds(80))).isFalse();
  }

  @Test
  void count_countsTheConnectionsEventsOnceEachWhateverTheirSize() {
    store.park(parked("c-1", "e-1", 10));
    store.park(
        new ParkedEvent(
            "tenant-a",
            "c-1",
            "e-large",
            entryWithDetail("e-large", incompressibleDetail(900_000)),
            0,
            T0,
            T0.plusSeconds(20)));
    store.park(parked("c-2", "e-2", 10));

    assertThat(store.count("c-1")).isEqualTo(2);
    assertThat(store.count("c-2")).isEqualTo(1);
    assertThat(store.count("c-none")).isZero();
  }

  @Test
  void reschedule_whenRemoved_returnsFalse() {
    ParkedEvent event = parked("c-1", "e-1", 10);
    store.park(event);
    store.remove("c-1", "e-1");

    assertThat(store.reschedule(event, 1, T0.plusSeconds(40))).isFalse();
    assertThat(store.find("c-1", "e-1")).isEmpty();
  }

  @Test
  void remove_takesTheEventOutOfDueAndIsANoOpWhenAbsent() {
    store.park(parked("c-1", "e-1", 10));

    store.remove("c-1", "e-1");
    store.remove("c-1", "e-1");

    assertThat(store.due(T0.plusSeconds(60), 10)).isEmpty();
  }

  @Test
  void park_whenParkedAgain_replacesIt() {
    store.park(parked("c-1", "e-1", 10));
    ParkedEvent again = parked("c-1", "e-1", 50);

    store.park(again);

    assertThat(store.due(T0.plusSeconds(60), 10)).containsExactly(again);
  }

  @Test
  void due_whenEntryIs900KbThatDoesNotCompress_returnsItWhole() {
    ParkedEvent large =
        new ParkedEvent(
            "tenant-a",
            "c-1",
            "e-1",
            entryWithDetail("e-1", incompressibleDetail(900_000)),
            2,
            T0,
            T0.plusSeconds(10));

    store.park(large);

    assertThat(store.due(T0.plusSeconds(10), 10)).containsExactly(large);
    assertThat(store.find("c-1", "e-1")).contains(large);
  }

  @Test
  void park_whenLargeEventReplacedBySmallOne_thenRemoved_leavesNoItems() {
    store.park(
        new ParkedEvent(
            "tenant-a",
            "c-1",
            "e-1",
            entryWithDetail("e-1", incompressibleDetail(900_000)),
            0,
            T0,
            T0));
    ParkedEvent small = parked("c-1", "e-1", 5);

    store.park(small);

    assertThat(store.find("c-1", "e-1")).contains(small);
    assertThat(sortKeys("c-1")).containsExactly("RETRY#e-1");
    store.remove("c-1", "e-1");
    assertThat(sortKeys("c-1")).isEmpty();
  }

  private List<String> sortKeys(String connectionId) {
    return dynamoDb
        .client()
        .query(
            QueryRequest.builder()
                .tableName(table.name())
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(
                    Map.of(":pk", AttributeValue.fromS("CONN#" + connectionId)))
                .build())
        .items()
        .stream()
        .map(item -> item.get("sk").s())
        .toList();
  }

  private static ParkedEvent parked(String connectionId, String eventId, int dueSecond) {
    Instant due = T0.plusSeconds(dueSecond);
    return new ParkedEvent("tenant-a", connectionId, eventId, entry(eventId), 0, T0, due);
  }
}
