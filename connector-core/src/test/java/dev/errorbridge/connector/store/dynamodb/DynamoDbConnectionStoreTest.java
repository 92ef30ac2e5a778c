package dev.errorbridge.connector.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionAlreadyExistsException;
import dev.errorbridge.connector.connection.ConnectionConflictException;
import dev.errorbridge.connector.connection.ConnectionDestination;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionNotFoundException;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.store.PageCursorInvalidException;
import dev.errorbridge.connector.store.StoreUnavailableException;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.testing.TestConnections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

@ExtendWith(LocalServices.class)
class DynamoDbConnectionStoreTest {
  private static LocalDynamoDb dynamoDb;
  private ErrorbridgeTable table;
  private DynamoDbConnectionStore store;

  @BeforeAll
  static void startDynamoDb(LocalDynamoDb shared) {
    dynamoDb = shared;
  }

  @BeforeEach
  void freshTable() {
    table = dynamoDb.newTable();
    store = new DynamoDbConnectionStore(table);
  }

  @Test
  void find_afterCreate_returnsEveryField() {
    Connection created = store.create(TestConnections.dify("tenant-a", "c-1"));

    assertThat(store.find("c-1")).contains(created);
  }

  @Test
  void create_whenIdTaken_throwsAlreadyExists() {
    store.create(TestConnections.dify("tenant-a", "c-1"));

    assertThatThrownBy(() -> store.create(TestConnections.dify("tenant-b", "c-1")))
        .isInstanceOf(ConnectionAlreadyExistsException.class)
        .hasMessageContaining("c-1");
  }

  @Test
  void find_whenMissing_isEmpty() {
    assertThat(store.find("nope")).isEmpty();
  }

  @Test
  void update_withCurrentVersion_storesSettingsAndBumpsVersion() {
    Connection created = store.create(TestConnections.dify("tenant-a", "c-1"));
    Connection changed =
        withDestination(
            created,
            new ConnectionDestination(
                "us-west-2",
                "other-bus",
                new DestinationAuth.AssumeRole("arn:aws:iam::123456789012:role/eb", "eb-x")));

    Connection updated = store.update(changed, 1);

    assertThat(updated.version()).isEqualTo(2);
    assertThat(store.find("c-1")).contains(updated);
  }

  @Test
  void settingsStamp_movesOnEveryCreateUpdateAndDeleteButNotOnHealthOrCounters() {
    long fresh = store.settingsStamp();
    Connection created = store.create(TestConnections.dify("tenant-a", "c-1"));
    long afterCreate = store.settingsStamp();
    store.saveHealth("c-1", created.health().withState(HealthState.ERROR, "denied", Instant.now()));
    store.addDeliveries("c-1", 3, 1, Instant.now());
    store.addFailure("c-1");
    long afterHealth = store.settingsStamp();
    store.update(withDestination(created, created.destination()), 1);
    long afterUpdate = store.settingsStamp();
    store.delete("c-1");
    long afterDelete = store.settingsStamp();
    store.delete("c-1");

    assertThat(fresh).isZero();
    assertThat(afterCreate).isGreaterThan(fresh);
    assertThat(afterHealth).isEqualTo(afterCreate);
    assertThat(afterUpdate).isGreaterThan(afterHealth);
    assertThat(afterDelete).isGreaterThan(afterUpdate);
    assertThat(store.settingsStamp()).as("deleting nothing").isEqualTo(afterDelete);
  }

  @Test
  void create_whenTheStampCannotMove_stillAnswersTheStoredConnection() {
    // Every write to the stamp item fails, as in an outage that begins between the two writes.
    ExecutionInterceptor stampDown =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes a) {
            if (context.request() instanceof UpdateItemRequest update
                && update.key().equals(SettingsStamp.KEY)) {
              throw SdkClientException.create("the stamp's partition is unavailable");
            }
          }
        };
    try (DynamoDbClient failing =
        DynamoDbClient.builder()
            .endpointOverride(dynamoDb.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                // DynamoDB Local keeps tables per access key: the shared client's.
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .overrideConfiguration(o -> o.addExecutionInterceptor(stampDown))
            .build()) {
      DynamoDbConnectionStore stampless =
          new DynamoDbConnectionStore(new ErrorbridgeTable(failing, table.name()));

      Connection created = stampless.create(TestConnections.dify("tenant-a", "c-1"));

      assertThat(store.find("c-1")).contains(created);
      assertThat(store.settingsStamp()).as("the move was lost, not the write").isZero();
    }
  }

  @Test
  void settingsStamp_whenAnUpdateLosesItsRace_staysPut() {
    Connection created = store.create(TestConnections.dify("tenant-a", "c-1"));
    long before = store.settingsStamp();

    assertThatThrownBy(() -> store.update(created, 7))
        .isInstanceOf(ConnectionConflictException.class);

    assertThat(store.settingsStamp()).isEqualTo(before);
  }

  @Test
  void update_withStaleVersion_throwsConflictNamingBothVersions() {
    Connection created = store.create(TestConnections.dify("tenant-a", "c-1"));
    store.update(created, 1);

    assertThatThrownBy(() -> store.update(created, 1))
        .isInstanceOf(ConnectionConflictException.class)
        .hasMessageContaining("version 2, not 1");
  }

  @Test
  void update_whenDeleted_throwsNotFound() {
    Connection created = store.create(TestConnections.dify("tenant-a", "c-1"));
    store.delete("c-1");

    assertThatThrownBy(() -> store.update(created, 1))
        .isInstanceOf(ConnectionNotFoundException.class);
  }

  @Test
  void update_fromEightThreadsAtOnce_exactlyOneWins() throws Exception {
    Connection created = store.create(TestConnections.dify("tenant-a", "c-1"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> attempts = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        attempts.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    store.update(created, 1);
                    return true;
                  } catch (ConnectionConflictException conflict) {
                    return false;
                  }
                }));
      }
      start.countDown();
      int wins = 0;
      for (Future<Boolean> attempt : attempts) {
        wins += attempt.get() ? 1 : 0;
      }
      assertThat(wins).isEqualTo(1);
      assertThat(store.find("c-1").orElseThrow().version()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void saveHealth_leavesSettingsVersionAlone() {
    store.create(TestConnections.dify("tenant-a", "c-1"));
    ConnectionHealth suspended =
        new ConnectionHealth(
            HealthState.SUSPENDED,
            "AccessDenied on PutEvents 3 times in a row",
            Instant.parse("2026-11-21T10:00:00Z"),
            3,
            Instant.parse("2026-11-21T09:00:00Z"),
            42,
            3);

    store.saveHealth("c-1", suspended);

    Connection read = store.find("c-1").orElseThrow();
    assertThat(read.health().state()).isEqualTo(HealthState.SUSPENDED);
    assertThat(read.health().reason()).isEqualTo(suspended.reason());
    assertThat(read.health().since()).isEqualTo(suspended.since());
    assertThat(read.health().consecutiveFailures()).isEqualTo(3);
    assertThat(read.version()).isEqualTo(1);
  }

  @Test
  void saveHealth_whenAFixIsGivenThenCleared_storesAndRemovesIt() {
    Instant now = Instant.parse("2026-11-21T10:00:00Z");
    store.create(TestConnections.dify("tenant-a", "c-1"));
    ConnectionHealth active = store.find("c-1").orElseThrow().health();

    store.saveHealth(
        "c-1",
        active.withState(HealthState.ERROR, "Polling failing: 3 cycles", "Check the URL", now));
    ConnectionHealth failing = store.find("c-1").orElseThrow().health();
    store.saveHealth("c-1", failing.withState(HealthState.ACTIVE, null, now.plusSeconds(60)));

    assertThat(failing.fix()).isEqualTo("Check the URL");
    assertThat(failing.reason()).isEqualTo("Polling failing: 3 cycles");
    assertThat(store.find("c-1").orElseThrow().health().fix()).isNull();
  }

  @Test
  void saveHealth_whenTheSnapshotsCountersAreOlder_keepsTheStoredCounters() {
    Instant now = Instant.parse("2026-11-21T10:00:00Z");
    store.create(TestConnections.dify("tenant-a", "c-1"));
    ConnectionHealth snapshot = store.find("c-1").orElseThrow().health();
    store.addDeliveries("c-1", 5, 1, now);

    store.saveHealth("c-1", snapshot.withState(HealthState.ERROR, "KMS key disabled", now));

    ConnectionHealth read = store.find("c-1").orElseThrow().health();
    assertThat(read.state()).isEqualTo(HealthState.ERROR);
    assertThat(read.delivered()).isEqualTo(5);
    assertThat(read.deadLettered()).isEqualTo(1);
    assertThat(read.lastDeliveryAt()).isEqualTo(now);
  }

  @Test
  void addDeliveries_whenWritersRecordAtOnce_losesNoIncrement() throws Exception {
    store.create(TestConnections.dify("tenant-a", "c-1"));
    Instant now = Instant.parse("2026-11-21T10:00:00Z");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        writes.add(pool.submit(() -> store.addDeliveries("c-1", 2, 1, now)));
      }
      for (Future<?> write : writes) {
        write.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    ConnectionHealth read = store.find("c-1").orElseThrow().health();
    assertThat(read.delivered()).isEqualTo(80);
    assertThat(read.deadLettered()).isEqualTo(40);
    assertThat(read.consecutiveFailures()).isZero();
    assertThat(read.lastDeliveryAt()).isEqualTo(now);
  }

  @Test
  void addDeliveries_whenOnlyDeadLettered_keepsTheFailureStreakAndLastDelivery() {
    Instant now = Instant.parse("2026-11-21T10:00:00Z");
    store.create(TestConnections.dify("tenant-a", "c-1"));
    ConnectionHealth h = store.find("c-1").orElseThrow().health();
    store.saveHealth(
        "c-1",
        new ConnectionHealth(h.state(), null, h.since(), 2, null, h.delivered(), h.deadLettered()));

    store.addDeliveries("c-1", 0, 3, now);

    ConnectionHealth read = store.find("c-1").orElseThrow().health();
    assertThat(read.deadLettered()).isEqualTo(3);
    assertThat(read.consecutiveFailures()).isEqualTo(2);
    assertThat(read.lastDeliveryAt()).isNull();
  }

  @Test
  void addFailure_whenWritersRecordAtOnce_countsEveryFailure() throws Exception {
    store.create(TestConnections.dify("tenant-a", "c-1"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Integer> streaks;
    try {
      List<Future<Integer>> writes = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        writes.add(pool.submit(() -> store.addFailure("c-1")));
      }
      streaks = new ArrayList<>();
      for (Future<Integer> write : writes) {
        streaks.add(write.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(streaks)
        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
    assertThat(store.find("c-1").orElseThrow().health().consecutiveFailures()).isEqualTo(20);
  }

  @Test
  void addDeliveries_whenConnectionDeleted_throwsNotFound() {
    assertThatThrownBy(() -> store.addDeliveries("gone", 1, 0, Instant.EPOCH))
        .isInstanceOf(ConnectionNotFoundException.class);
  }

  @Test
  void saveHealth_clearingReason_removesIt() {
    store.create(TestConnections.dify("tenant-a", "c-1"));
    Instant now = Instant.parse("2026-11-21T10:00:00Z");
    store.saveHealth(
        "c-1",
        ConnectionHealth.initial(true, now).withState(HealthState.ERROR, "KMS key disabled", now));

    store.saveHealth("c-1", ConnectionHealth.initial(true, now));

    assertThat(store.find("c-1").orElseThrow().health().reason()).isNull();
  }

  @Test
  void listByTenant_pagesThroughOnlyThatTenantsConnections() {
    IntStream.range(0, 5).forEach(i -> store.create(TestConnections.dify("tenant-a", "a-" + i)));
    store.create(TestConnections.dify("tenant-b", "b-0"));

    ConnectionStore.ConnectionPage first = store.listByTenant("tenant-a", 3, null);
    ConnectionStore.ConnectionPage second = store.listByTenant("tenant-a", 3, first.nextCursor());

    assertThat(first.connections()).extracting(Connection::id).hasSize(3);
    assertThat(second.connections()).extracting(Connection::id).hasSize(2);
    assertThat(second.nextCursor()).isNull();
    assertThat(first.connections().stream().map(Connection::tenantId)).containsOnly("tenant-a");
  }

  @Test
  void listByTenant_withForgedCursor_throwsCursorInvalid() {
    assertThatThrownBy(() -> store.listByTenant("tenant-a", 3, "not-a-cursor!"))
        .isInstanceOf(PageCursorInvalidException.class)
        .hasMessageContaining("nextCursor");
  }

  @Test
  void listEnabled_acrossAllShards_returnsOnlyEnabledConnections() {
    IntStream.range(0, 40).forEach(i -> store.create(TestConnections.dify("tenant-a", "c-" + i)));
    Connection off = store.find("c-7").orElseThrow();
    store.update(withEnabled(off, false), 1);

    List<String> enabled = new ArrayList<>();
    for (int shard = 0; shard < ConnectionStore.SHARDS; shard++) {
      store.listEnabled(shard).forEach(c -> enabled.add(c.id()));
    }

    assertThat(enabled).hasSize(39).doesNotContain("c-7");
  }

  @Test
  void delete_removesConnectionItemsButKeepsAuditRecords() {
    store.create(TestConnections.dify("tenant-a", "c-1"));
    putItem("CONN#c-1", "CHECKPOINT");
    putItem("CONN#c-1", "DLQ#e-1");
    putItem("CONN#c-1", "AUDIT#2026-11-21T10:00:00Z#1");

    assertThat(store.delete("c-1")).isTrue();

    assertThat(store.find("c-1")).isEmpty();
    assertThat(sortKeys("CONN#c-1")).containsExactly("AUDIT#2026-11-21T10:00:00Z#1");
    assertThat(store.delete("c-1")).isFalse();
  }

  @Test
  void find_whenTableMissing_throwsNonRetryableStoreErrorNamingTheFix() {
    DynamoDbConnectionStore missing =
        new DynamoDbConnectionStore(new ErrorbridgeTable(dynamoDb.client(), "no-such-table"));

    assertThatThrownBy(() -> missing.find("c-1"))
        .isInstanceOfSatisfying(
            StoreUnavailableException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("table does not exist");
  }

  @Test
  void storedItem_holdsOnlyCiphertextsAndHints() {
    store.create(TestConnections.dify("tenant-a", "c-1"));

    String settings =
        dynamoDb
            .client()
            .getItem(r -> r.tableName(table.name()).key(ConnectionItem.key("c-1")))
            .item()
            .get("settings")
            .s();

    assertThat(settings).contains("\"ciphertext\"", "****EKEY").doesNotContain("aws-secret");
  }

  private void putItem(String pk, String sk) {
    dynamoDb
        .client()
        .putItem(
            PutItemRequest.builder()
                .tableName(table.name())
                .item(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
                .build());
  }

  private List<String> sortKeys(String pk) {
    return dynamoDb
        .client()
        .query(
            QueryRequest.builder()
                .tableName(table.name())
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                .build())
        .items()
        .stream()
        .map(item -> item.get("sk").s())
        .toList();
  }

  private static Connection withDestination(Connection c, ConnectionDestination destination) {
    return new Connection(
        c.id(),
        c.tenantId(),
        c.name(),
        c.enabled(),
        c.source(),
        c.webhook(),
        destination,
        c.mapping(),
        c.health(),
        c.createdAt(),
        c.updatedAt(),
        c.version());
  }

  private static Connection withEnabled(Connection c, boolean enabled) {
    return new Connection(
        c.id(),
        c.tenantId(),
        c.name(),
        enabled,
        c.source(),
        c.webhook(),
        c.destination(),
        c.mapping(),
        c.health(),
        c.createdAt(),
        c.updatedAt(),
        c.version());
  }
}
