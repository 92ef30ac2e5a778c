package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.store.dynamodb.OperationLeases.Acquisition;
import dev.errorbridge.connector.store.dynamodb.OperationLeases.Operation;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas' {@link OperationLeases} on one DynamoDB Local table, with a clock the test moves (a
 * lease of an hour, so that the renewal thread never runs while a test does).
 */
class OperationLeasesTest {
  private static final Duration LEASE = Duration.ofHours(1);
  private static LocalDynamoDb dynamoDb;
  private final MutableClock clock = new MutableClock(T0);
  private OperationLeases replicaA;
  private OperationLeases replicaB;

  @BeforeAll
  static void startDynamoDb() {
    dynamoDb = LocalDynamoDb.start();
  }

  @AfterAll
  static void stopDynamoDb() {
    dynamoDb.close();
  }

  private ErrorbridgeTable table;

  private ErrorbridgeTable dynamoDbTable() {
    return table;
  }

  @BeforeEach
  void twoReplicas() {
    table = dynamoDb.newTable();
    replicaA = new OperationLeases(table, "replica-a", LEASE, clock);
    replicaB = new OperationLeases(table, "replica-b", LEASE, clock);
  }

  @AfterEach
  void close() {
    replicaA.close();
    replicaB.close();
  }

  @Test
  void acquire_whileAnotherReplicaHoldsIt_isHeldNamingTheHolderAndWhenItLapses() {
    assertThat(replicaA.acquire("c-1", Operation.BACKFILL))
        .isInstanceOf(Acquisition.Acquired.class);

    Acquisition second = replicaB.acquire("c-1", Operation.BACKFILL);

    assertThat(second).isEqualTo(new Acquisition.Held("replica-a", T0.plus(LEASE)));
  }

  @Test
  void acquire_ofAnotherOperationOrConnection_isIndependent() {
    replicaA.acquire("c-1", Operation.BACKFILL);

    assertThat(replicaB.acquire("c-1", Operation.REPLAY)).isInstanceOf(Acquisition.Acquired.class);
    assertThat(replicaB.acquire("c-2", Operation.BACKFILL))
        .isInstanceOf(Acquisition.Acquired.class);
  }

  @Test
  void acquire_afterTheHolderReleasedIt_succeedsAtOnce() {
    Acquisition.Acquired first = (Acquisition.Acquired) replicaA.acquire("c-1", Operation.REPLAY);
    first.lease().close();

    assertThat(replicaB.acquire("c-1", Operation.REPLAY)).isInstanceOf(Acquisition.Acquired.class);
  }

  @Test
  void acquire_afterTheHolderDiedAndItLapsed_takesItOver() {
    replicaA.acquire("c-1", Operation.BACKFILL); // never released: replica A was killed

    clock.advance(LEASE.minusSeconds(1));
    Acquisition early = replicaB.acquire("c-1", Operation.BACKFILL);
    clock.advance(Duration.ofSeconds(2));
    Acquisition late = replicaB.acquire("c-1", Operation.BACKFILL);

    assertThat(early).isInstanceOf(Acquisition.Held.class);
    assertThat(late).isInstanceOf(Acquisition.Acquired.class);
  }

  @Test
  void acquire_byARestartedProcessOfTheHoldingReplica_takesItOverAtOnce() {
    replicaA.acquire("c-1", Operation.REPLAY); // then replica A's process was killed
    OperationLeases restartedA = new OperationLeases(dynamoDbTable(), "replica-a", LEASE, clock);

    assertThat(restartedA.acquire("c-1", Operation.REPLAY))
        .isInstanceOf(Acquisition.Acquired.class);
    assertThat(replicaB.acquire("c-1", Operation.REPLAY)).isInstanceOf(Acquisition.Held.class);
    restartedA.close();
  }

  @Test
  void close_ofALapsedLeaseAnotherTookOver_leavesTheNewHoldersLease() {
    Acquisition.Acquired stale = (Acquisition.Acquired) replicaA.acquire("c-1", Operation.BACKFILL);
    clock.advance(LEASE.plusSeconds(1));
    replicaB.acquire("c-1", Operation.BACKFILL);

    stale.lease().close();

    assertThat(replicaA.acquire("c-1", Operation.BACKFILL))
        .isEqualTo(new Acquisition.Held("replica-b", T0.plus(LEASE).plusSeconds(1).plus(LEASE)));
  }

  @Test
  void acquire_fromEightReplicasAtOnce_exactlyOneGetsIt() throws Exception {
    ErrorbridgeTable table = dynamoDb.newTable();
    List<Boolean> wins =
        Concurrently.run(
            8,
            thread -> {
              try (OperationLeases leases =
                  new OperationLeases(table, "replica-" + thread, LEASE, clock)) {
                return leases.acquire("c-1", Operation.REPLAY) instanceof Acquisition.Acquired;
              }
            });

    assertThat(wins).containsOnlyOnce(true);
  }

  @Test
  void constructor_withALeaseShorterThanThreeSeconds_isRefused() {
    ErrorbridgeTable table = dynamoDb.newTable();
    assertThatThrownBy(() -> new OperationLeases(table, "r", Duration.ofSeconds(2), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least PT3S");
  }
}
