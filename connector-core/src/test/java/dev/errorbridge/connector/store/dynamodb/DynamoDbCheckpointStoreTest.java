package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.poll.Checkpoint;
import dev.errorbridge.connector.poll.CheckpointConflictException;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.LocalServices;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServices.class)
class DynamoDbCheckpointStoreTest {
  private static LocalDynamoDb dynamoDb;
  private DynamoDbCheckpointStore store;

  @BeforeAll
  static void startDynamoDb(LocalDynamoDb shared) {
    dynamoDb = shared;
  }

  @BeforeEach
  void freshTable() {
    store = new DynamoDbCheckpointStore(dynamoDb.newTable());
  }

  @Test
  void load_whenNeverSaved_isEmpty() {
    assertThat(store.load("c-1")).isEmpty();
  }

  @Test
  void load_afterSave_returnsEveryFieldAtTheNextVersion() {
    Checkpoint checkpoint =
        new Checkpoint(
            "c-1",
            T0.plusNanos(1),
            List.of(
                new Checkpoint.PendingRun("run-1", T0, T0.plusSeconds(30)),
                new Checkpoint.PendingRun("run-2", T0.plusMillis(5), T0.plusSeconds(31), "wf-9")),
            new Checkpoint.ScanOutcome(T0.plusSeconds(32), false, "Dify answered 503"),
            T0.plusSeconds(90),
            T0.plusSeconds(40),
            0);

    Checkpoint saved = store.save(checkpoint, 0);

    assertThat(saved.version()).isEqualTo(1);
    assertThat(store.load("c-1")).contains(saved);
    assertThat(saved).usingRecursiveComparison().ignoringFields("version").isEqualTo(checkpoint);
  }

  @Test
  void save_withAStreakOfFailedCycles_roundTripsItAndACompleteScanClearsIt() {
    Checkpoint failing =
        new Checkpoint(
            "c-1", T0, List.of(), new Checkpoint.ScanOutcome(T0, false, "HTTP 404", 4), 0);
    Checkpoint saved = store.save(failing, 0);
    Checkpoint complete =
        new Checkpoint(
            "c-1", T0.plusSeconds(60), List.of(), new Checkpoint.ScanOutcome(T0, true, null), 1);

    Checkpoint read = store.load("c-1").orElseThrow();
    store.save(complete, saved.version());

    assertThat(read.lastScan().failedCycles()).isEqualTo(4);
    assertThat(store.load("c-1").orElseThrow().lastScan().failedCycles()).isZero();
  }

  @Test
  void save_withoutScanOrPendingRuns_roundTrips() {
    Checkpoint saved = store.save(Checkpoint.start("c-1", T0), 0);

    assertThat(store.load("c-1")).contains(saved);
  }

  @Test
  void loadAll_of250ConnectionsWith120Stored_returnsExactlyTheStoredOnes() {
    List<String> ids = IntStream.range(0, 250).mapToObj(i -> "c-" + i).toList();
    for (int i = 0; i < 250; i += 2) {
      if (i < 240) {
        store.save(Checkpoint.start("c-" + i, T0.plusSeconds(i)), 0);
      }
    }

    Map<String, Checkpoint> loaded = store.loadAll(ids);

    assertThat(loaded).hasSize(120);
    assertThat(loaded.get("c-238")).isEqualTo(store.load("c-238").orElseThrow());
    assertThat(loaded.get("c-238").watermark()).isEqualTo(T0.plusSeconds(238));
    assertThat(loaded).doesNotContainKeys("c-1", "c-240");
  }

  @Test
  void loadAll_withRepeatedIdsOrNone_readsEachOnce() {
    store.save(Checkpoint.start("c-1", T0), 0);

    assertThat(store.loadAll(List.of("c-1", "c-1", "c-2"))).containsOnlyKeys("c-1");
    assertThat(store.loadAll(List.of())).isEmpty();
  }

  @Test
  void save_withCurrentVersion_replacesIt() {
    Checkpoint first = store.save(Checkpoint.start("c-1", T0), 0);
    Checkpoint moved =
        new Checkpoint(
            "c-1", T0.plusSeconds(60), List.of(), new Checkpoint.ScanOutcome(T0, true, null), 0);

    Checkpoint second = store.save(moved, first.version());

    assertThat(second.version()).isEqualTo(2);
    assertThat(store.load("c-1")).contains(second);
  }

  @Test
  void save_withStaleVersion_throwsConflictAndKeepsTheStoredOne() {
    Checkpoint first = store.save(Checkpoint.start("c-1", T0), 0);
    Checkpoint second = store.save(Checkpoint.start("c-1", T0.plusSeconds(1)), first.version());

    assertThatThrownBy(() -> store.save(Checkpoint.start("c-1", T0.plusSeconds(2)), 1))
        .isInstanceOfSatisfying(
            CheckpointConflictException.class,
            e -> {
              assertThat(e.connectionId()).isEqualTo("c-1");
              assertThat(e.expectedVersion()).isEqualTo(1);
              assertThat(e.actualVersion()).isEqualTo(2);
            })
        .hasMessageContaining("connection c-1 is at version 2, not 1")
        .hasMessageContaining("reload it");
    assertThat(store.load("c-1")).contains(second);
  }

  @Test
  void save_firstWhenOneExists_throwsConflict() {
    store.save(Checkpoint.start("c-1", T0), 0);

    assertThatThrownBy(() -> store.save(Checkpoint.start("c-1", T0), 0))
        .isInstanceOf(CheckpointConflictException.class);
  }

  @Test
  void save_withVersionWhenNoneExists_throwsConflict() {
    assertThatThrownBy(() -> store.save(Checkpoint.start("c-1", T0), 3))
        .isInstanceOf(CheckpointConflictException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void save_fromEightPollersOnTheSameVersion_exactlyOneWins() throws Exception {
    Checkpoint base = store.save(Checkpoint.start("c-1", T0), 0);

    List<Boolean> wins =
        Concurrently.run(
            8,
            thread -> {
              try {
                store.save(Checkpoint.start("c-1", T0.plusSeconds(thread)), base.version());
                return true;
              } catch (CheckpointConflictException e) {
                return false;
              }
            });

    assertThat(wins).containsOnlyOnce(true);
    assertThat(store.load("c-1")).get().extracting(Checkpoint::version).isEqualTo(2L);
  }

  @Test
  void save_withTheMostPendingRunsOfLongestIdsAndWorkflowIds_fitsInOneItem() {
    String workflowId = "w".repeat(100);
    String longId = "r".repeat(Checkpoint.PendingRun.MAX_EXECUTION_ID_BYTES - 104);
    List<Checkpoint.PendingRun> runs =
        IntStream.range(0, Checkpoint.MAX_PENDING_RUNS)
            .mapToObj(
                i ->
                    new Checkpoint.PendingRun(
                        longId + String.format("%04d", i),
                        T0.plusNanos(i + 1),
                        T0.plusNanos(i + 1),
                        workflowId))
            .toList();
    Checkpoint.ScanOutcome longestError = new Checkpoint.ScanOutcome(T0, false, "x".repeat(5_000));
    Checkpoint checkpoint =
        new Checkpoint("c-1", T0, runs, longestError, T0.plusNanos(7), T0.plusNanos(9), 0);

    Checkpoint saved = store.save(checkpoint, 0);

    assertThat(store.load("c-1")).contains(saved);
  }

  @Test
  void save_withTheMostPendingRunsOfLongestIds_fitsInOneItem() {
    String longId = "r".repeat(Checkpoint.PendingRun.MAX_EXECUTION_ID_BYTES - 4);
    List<Checkpoint.PendingRun> runs =
        IntStream.range(0, Checkpoint.MAX_PENDING_RUNS)
            .mapToObj(
                i ->
                    new Checkpoint.PendingRun(
                        longId + String.format("%04d", i),
                        T0.plusNanos(i + 1),
                        T0.plusNanos(i + 1)))
            .toList();
    Checkpoint.ScanOutcome longestError = new Checkpoint.ScanOutcome(T0, false, "x".repeat(5_000));

    Checkpoint saved = store.save(new Checkpoint("c-1", T0, runs, longestError, 0), 0);

    assertThat(store.load("c-1")).contains(saved);
  }
}
