package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.audit.AuditAction;
import dev.errorbridge.connector.audit.AuditRecord;
import dev.errorbridge.connector.poll.Checkpoint;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.testing.TestConnections;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServices.class)
class DynamoDbAuditLogTest {
  private static LocalDynamoDb dynamoDb;
  private final MutableClock clock = new MutableClock(T0);
  private ErrorbridgeTable table;
  private DynamoDbAuditLog log;

  @BeforeAll
  static void startDynamoDb(LocalDynamoDb shared) {
    dynamoDb = shared;
  }

  @BeforeEach
  void freshTable() {
    table = dynamoDb.newTable();
    log = new DynamoDbAuditLog(table, clock);
  }

  @Test
  void list_afterAppends_returnsNewestFirstWithEveryField() {
    AuditRecord create = record(AuditAction.CREATE, 0, List.of(), null);
    AuditRecord update =
        record(
            AuditAction.UPDATE,
            60,
            List.of("destination.eventBusName", "destination.auth.secretAccessKey"),
            null);
    AuditRecord suspend =
        record(AuditAction.SUSPEND, 120, List.of(), "destination answered AccessDeniedException");
    log.append(update);
    log.append(suspend);
    log.append(create);

    assertThat(log.list("c-1", 10)).containsExactly(suspend, update, create);
    assertThat(log.list("c-1", 2)).containsExactly(suspend, update);
    assertThat(log.list("c-1", 0)).isEmpty();
    assertThat(log.list("c-2", 10)).isEmpty();
  }

  @Test
  void list_whenTimesDifferBelowOneSecond_ordersByTheFullInstant() {
    // Instant.toString would write "...00Z" and "...00.500Z", which sort the wrong way round.
    AuditRecord whole = record(AuditAction.ENABLE, 0, List.of(), null);
    AuditRecord half = recordAt(AuditAction.DISABLE, whole.at().plusMillis(500));
    log.append(half);
    log.append(whole);

    assertThat(log.list("c-1", 10)).containsExactly(half, whole);
  }

  @Test
  void list_withRecordsOfTheSameInstant_keepsThemAll() {
    for (int i = 0; i < 5; i++) {
      log.append(record(AuditAction.TEST, 0, List.of(), null));
    }

    assertThat(log.list("c-1", 10)).hasSize(5);
  }

  @Test
  void list_afterRetention_skipsExpiredRecordsNotYetDeleted() {
    DynamoDbAuditLog shortLog = new DynamoDbAuditLog(table, clock, Duration.ofDays(1));
    shortLog.append(record(AuditAction.CREATE, 0, List.of(), null));
    AuditRecord later = record(AuditAction.UPDATE, 3_600, List.of("name"), null);
    shortLog.append(later);

    clock.advance(Duration.ofDays(1).plusMinutes(1));

    assertThat(shortLog.list("c-1", 10)).containsExactly(later);
  }

  @Test
  void list_afterConnectionItemsDeleted_stillReturnsTheTrail() {
    DynamoDbCheckpointStore checkpoints = new DynamoDbCheckpointStore(table);
    checkpoints.save(Checkpoint.start("c-1", T0), 0);
    AuditRecord create = record(AuditAction.CREATE, 0, List.of(), null);
    AuditRecord delete = record(AuditAction.DELETE, 60, List.of(), null);
    log.append(create);
    log.append(delete);

    int deleted = new ConnectionItems(table).deleteAllExceptAudit("c-1");

    assertThat(deleted).isEqualTo(1);
    assertThat(checkpoints.load("c-1")).isEmpty();
    assertThat(log.list("c-1", 10)).containsExactly(delete, create);
  }

  @Test
  void list_afterConnectionStoreDelete_stillReturnsTheTrail() {
    DynamoDbConnectionStore connections = new DynamoDbConnectionStore(table);
    connections.create(TestConnections.dify("tenant-a", "c-1"));
    AuditRecord delete = record(AuditAction.DELETE, 60, List.of(), null);
    log.append(delete);

    assertThat(connections.delete("c-1")).isTrue();

    assertThat(connections.find("c-1")).isEmpty();
    assertThat(log.list("c-1", 10)).containsExactly(delete);
  }

  private static AuditRecord record(
      AuditAction action, int second, List<String> fields, String note) {
    return new AuditRecord(
        "tenant-a", "c-1", "user-42", action, fields, T0.plusSeconds(second), note);
  }

  private static AuditRecord recordAt(AuditAction action, Instant at) {
    return new AuditRecord("tenant-a", "c-1", "user-42", action, List.of(), at, null);
  }
}
