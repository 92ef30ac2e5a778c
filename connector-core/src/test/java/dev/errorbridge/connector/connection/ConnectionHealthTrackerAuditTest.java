package dev.errorbridge.connector.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.audit.AuditAction;
import dev.errorbridge.connector.audit.AuditRecord;
import dev.errorbridge.connector.store.dynamodb.DynamoDbAuditLog;
import dev.errorbridge.connector.store.dynamodb.DynamoDbConnectionStore;
import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.testing.TestConnections;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An automatic suspension leaves its entry in the connection's audit trail. */
@ExtendWith(LocalServices.class)
class ConnectionHealthTrackerAuditTest {
  private static LocalDynamoDb dynamoDb;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private DynamoDbConnectionStore store;
  private DynamoDbAuditLog audit;
  private ConnectionHealthTracker tracker;

  @BeforeAll
  static void start(LocalDynamoDb shared) {
    dynamoDb = shared;
  }

  @BeforeEach
  void freshTable() {
    ErrorbridgeTable table = dynamoDb.newTable();
    store = new DynamoDbConnectionStore(table);
    audit = new DynamoDbAuditLog(table, clock);
    tracker = new ConnectionHealthTracker(store, clock, 2, audit);
  }

  @Test
  void destinationFailed_whenTheStreakReachesTheLimit_recordsTheSuspension() {
    Connection connection = store.create(TestConnections.dify("tenant-a", "c-1"));

    tracker.destinationFailed(connection, "the bus errorbridge-demo does not exist");
    assertThat(audit.list("c-1", 10)).isEmpty();
    ConnectionHealth health =
        tracker.destinationFailed(connection, "the bus errorbridge-demo does not exist");

    assertThat(health.state()).isEqualTo(HealthState.SUSPENDED);
    List<AuditRecord> trail = audit.list("c-1", 10);
    assertThat(trail).hasSize(1);
    AuditRecord record = trail.get(0);
    assertThat(record.action()).isEqualTo(AuditAction.SUSPEND);
    assertThat(record.actor()).isEqualTo(ConnectionHealthTracker.SERVICE_ACTOR);
    assertThat(record.tenantId()).isEqualTo("tenant-a");
    assertThat(record.at()).isEqualTo(clock.instant());
    assertThat(record.note()).contains("the bus errorbridge-demo does not exist");
  }

  @Test
  void suspend_whenTheAccountRefusesErrorbridge_recordsItOnceOnly() {
    Connection connection = store.create(TestConnections.dify("tenant-a", "c-1"));

    tracker.suspend(connection, "the role does not trust Errorbridge " + "x".repeat(300));
    Connection suspended = store.find("c-1").orElseThrow();
    tracker.suspend(suspended, "the role does not trust Errorbridge");

    List<AuditRecord> trail = audit.list("c-1", 10);
    assertThat(trail)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.action()).isEqualTo(AuditAction.SUSPEND);
              assertThat(r.note()).startsWith("the role does not trust Errorbridge").hasSize(200);
            });
  }

  @Test
  void error_whenAnErrorIsRecorded_writesNoSuspension() {
    Connection connection = store.create(TestConnections.dify("tenant-a", "c-1"));

    tracker.error(connection, "the KMS key is disabled");

    assertThat(audit.list("c-1", 10)).isEmpty();
  }
}
