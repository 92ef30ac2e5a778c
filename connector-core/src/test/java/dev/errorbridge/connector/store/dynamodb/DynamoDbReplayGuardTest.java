package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

@ExtendWith(LocalServices.class)
class DynamoDbReplayGuardTest {
  private static final Duration TOLERANCE = Duration.ofMinutes(5);
  private static LocalDynamoDb dynamoDb;
  private final MutableClock clock = new MutableClock(T0);
  private ErrorbridgeTable table;
  private DynamoDbReplayGuard guard;

  @BeforeAll
  static void startDynamoDb(LocalDynamoDb shared) {
    dynamoDb = shared;
  }

  @BeforeEach
  void freshTable() {
    table = dynamoDb.newTable();
    guard = new DynamoDbReplayGuard(table, clock);
  }

  @Test
  void firstSeen_whenNew_isTrueThenFalseForTheReplay() {
    assertThat(guard.firstSeen("c-1", "sig-1", window())).isTrue();

    assertThat(guard.firstSeen("c-1", "sig-1", window())).isFalse();
  }

  @Test
  void firstSeen_sameKeyOnAnotherConnection_isTrue() {
    guard.firstSeen("c-1", "sig-1", window());

    assertThat(guard.firstSeen("c-2", "sig-1", window())).isTrue();
    assertThat(guard.firstSeen("c-1", "sig-2", window())).isTrue();
  }

  @Test
  void firstSeen_afterTheWindowButBeforeTtlDeletion_isTrue() {
    guard.firstSeen("c-1", "sig-1", window());

    clock.advance(TOLERANCE.plusSeconds(1));

    assertThat(guard.firstSeen("c-1", "sig-1", window())).isTrue();
  }

  @Test
  void firstSeen_fromEightThreadsAtOnce_isTrueOnce() throws Exception {
    List<Boolean> firsts = Concurrently.run(8, thread -> guard.firstSeen("c-1", "sig", window()));

    assertThat(firsts).containsOnlyOnce(true);
  }

  @Test
  void firstSeen_storesTheKeyOnlyHashed() {
    guard.firstSeen("c-1", "static-shared-token", window());

    String items =
        dynamoDb
            .client()
            .scan(ScanRequest.builder().tableName(table.name()).build())
            .items()
            .toString();
    assertThat(items).doesNotContain("static-shared-token").contains("REPLAY#c-1#");
  }

  @Test
  void firstSeen_whenExpiryAlreadyPassedOnItsClock_stillRecordsTheKeyBriefly() {
    assertThat(guard.firstSeen("c-1", "sig", T0.minusMillis(1))).isTrue();
    assertThat(guard.firstSeen("c-1", "sig", T0.minusMillis(1))).isFalse();

    clock.advance(Duration.ofSeconds(2));

    assertThat(guard.firstSeen("c-1", "sig", T0)).isTrue();
  }

  private Instant window() {
    return clock.instant().plus(TOLERANCE);
  }
}
