package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.compressibleDetail;
import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.deadLetter;
import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.entryWithDetail;
import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.incompressibleDetail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.deadletter.DeadLetterStoreContract;
import dev.errorbridge.connector.deadletter.DeadLetterStoreException;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.LocalServices;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

@ExtendWith(LocalServices.class)
class DynamoDbDeadLetterStoreTest extends DeadLetterStoreContract {
  private static LocalDynamoDb dynamoDb;
  private ErrorbridgeTable table;

  @BeforeAll
  static void startDynamoDb(LocalDynamoDb shared) {
    dynamoDb = shared;
  }

  @Override
  protected DynamoDbDeadLetterStore store() {
    table = dynamoDb.newTable();
    return new DynamoDbDeadLetterStore(table);
  }

  @Test
  void list_whenDetailIs900KbOfText_returnsItWhole() {
    DynamoDbDeadLetterStore store = store();
    DeadLetter large =
        withDetail(deadLetter("tenant-a", "c-1", "e-1"), compressibleDetail(900_000));

    store.park(large);

    assertThat(store.list("tenant-a", "c-1", 10)).containsExactly(large);
    assertThat(sortKeys("c-1")).noneMatch(sk -> sk.matches("DLQ#\\d+#\\d+")); // one item
  }

  @Test
  void list_whenDetailIs900KbThatDoesNotCompress_returnsItWholeFromSeveralItems() {
    DynamoDbDeadLetterStore store = store();
    DeadLetter large =
        withDetail(deadLetter("tenant-a", "c-1", "e-1"), incompressibleDetail(900_000));
    store.park(deadLetter("tenant-a", "c-1", "e-0"));

    store.park(large);
    store.park(deadLetter("tenant-a", "c-1", "e-2"));

    assertThat(store.list("tenant-a", "c-1", 10))
        .containsExactly(
            deadLetter("tenant-a", "c-1", "e-0"), large, deadLetter("tenant-a", "c-1", "e-2"));
    assertThat(store.list("tenant-a", "c-1", 2)).endsWith(large);
    assertThat(sortKeys("c-1")).filteredOn(sk -> sk.matches("DLQ#\\d+#\\d+")).hasSize(2);
  }

  @Test
  void park_whenLargeLetterReplacedBySmallOne_leavesNoParts() {
    DynamoDbDeadLetterStore store = store();
    store.park(withDetail(deadLetter("tenant-a", "c-1", "e-1"), incompressibleDetail(900_000)));

    store.park(deadLetter("tenant-a", "c-1", "e-1"));

    assertThat(store.list("tenant-a", "c-1", 10))
        .containsExactly(deadLetter("tenant-a", "c-1", "e-1"));
    assertThat(sortKeys("c-1")).noneMatch(sk -> sk.matches("DLQ#\\d+#\\d+"));
  }

  @Test
  void remove_whenLetterHasParts_removesEveryItemButTheCounter() {
    DynamoDbDeadLetterStore store = store();
    store.park(withDetail(deadLetter("tenant-a", "c-1", "e-1"), incompressibleDetail(900_000)));

    store.remove("tenant-a", "c-1", "e-1");

    assertThat(store.list("tenant-a", "c-1", 10)).isEmpty();
    assertThat(sortKeys("c-1")).containsExactly("DLQSEQ");
  }

  @Test
  void count_countsOnlyTheTenantsLetters() {
    DynamoDbDeadLetterStore store = store();
    IntStream.range(0, 3).forEach(i -> store.park(deadLetter("tenant-a", "c-1", "e-" + i)));
    store.park(deadLetter("tenant-a", "c-1", "e-0")); // again: still one letter
    store.park(deadLetter("tenant-ab", "c-1", "e-9"));

    assertThat(store.count("tenant-a", "c-1")).isEqualTo(3);
    assertThat(store.count("tenant-ab", "c-1")).isEqualTo(1);
    assertThat(store.count("tenant-a", "c-2")).isZero();
  }

  @Test
  void removeAll_removesTheTenantsLettersOnly() {
    DynamoDbDeadLetterStore store = store();
    IntStream.range(0, 3).forEach(i -> store.park(deadLetter("tenant-a", "c-1", "e-" + i)));
    store.park(deadLetter("tenant-b", "c-1", "e-9"));

    int removed = removeAll(store, "tenant-a", "c-1");

    assertThat(removed).isEqualTo(3);
    assertThat(store.list("tenant-a", "c-1", 10)).isEmpty();
    assertThat(store.count("tenant-b", "c-1")).isEqualTo(1);
  }

  /**
   * Removes every letter of the tenant's connection through the store's own list and remove, as a
   * purge would (Errorbridge offers none yet, so the store has no bulk removal).
   */
  private static int removeAll(DeadLetterStore store, String tenantId, String connectionId) {
    int removed = 0;
    for (List<DeadLetter> page = store.list(tenantId, connectionId, 25);
        !page.isEmpty();
        page = store.list(tenantId, connectionId, 25)) {
      for (DeadLetter letter : page) {
        store.remove(tenantId, connectionId, letter.eventId());
        removed++;
      }
    }
    return removed;
  }

  @Test
  void park_fromEightThreadsAtOnce_keepsEveryLetterOnce() throws Exception {
    DynamoDbDeadLetterStore store = store();
    // Half the threads park the same event, half their own.
    List<String> parked =
        Concurrently.run(
            8,
            i -> {
              String eventId = i % 2 == 0 ? "e-shared" : "e-" + i;
              store.park(deadLetter("tenant-a", "c-1", eventId));
              return eventId;
            });

    assertThat(eventIds(store.list("tenant-a", "c-1", 100)))
        .containsExactlyInAnyOrderElementsOf(parked.stream().distinct().toList());
    assertThat(store.count("tenant-a", "c-1")).isEqualTo(5);
  }

  @Test
  void list_withNegativeLimit_throws() {
    assertThatThrownBy(() -> store().list("tenant-a", "c-1", -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void park_whenTableMissing_throwsDeadLetterStoreExceptionNamingTheConnection() {
    DynamoDbDeadLetterStore store =
        new DynamoDbDeadLetterStore(new ErrorbridgeTable(dynamoDb.client(), "no-such-table"));

    assertThatThrownBy(() -> store.park(deadLetter("tenant-a", "c-1", "e-1")))
        .isInstanceOf(DeadLetterStoreException.class)
        .hasMessageContaining("connection c-1")
        .hasMessageContaining("table does not exist");
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

  private static DeadLetter withDetail(DeadLetter letter, String detail) {
    return new DeadLetter(
        letter.tenantId(),
        letter.connectionId(),
        letter.eventId(),
        letter.reason(),
        letter.errorCode(),
        letter.errorMessage(),
        letter.attempts(),
        letter.parkedAt(),
        entryWithDetail(letter.eventId(), detail));
  }
}
