package dev.errorbridge.connector.poll;

import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTest {

  @Test
  void new_withTooManyPendingRuns_throwsNamingTheConnection() {
    List<Checkpoint.PendingRun> runs =
        Collections.nCopies(
            Checkpoint.MAX_PENDING_RUNS + 1, new Checkpoint.PendingRun("run", T0, T0));

    assertThatThrownBy(() -> new Checkpoint("c-1", T0, runs, null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connection c-1 has 1001 pending runs")
        .hasMessageContaining("drop the oldest");
  }

  @Test
  void pendingRun_withTooLongExecutionId_throws() {
    String id = "é".repeat(129); // 258 bytes of UTF-8

    assertThatThrownBy(() -> new Checkpoint.PendingRun(id, T0, T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pendingRun_whenIdsTogetherTooLong_throws() {
    String id = "r".repeat(200);
    String workflowId = "w".repeat(57);

    assertThat(Checkpoint.PendingRun.fits(id, "w".repeat(56))).isTrue();
    assertThat(Checkpoint.PendingRun.fits(id, workflowId)).isFalse();
    assertThatThrownBy(() -> new Checkpoint.PendingRun(id, T0, T0, workflowId))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("and workflowId");
  }

  @Test
  void scanOutcome_withLongError_cutsIt() {
    Checkpoint.ScanOutcome outcome = new Checkpoint.ScanOutcome(T0, false, "x".repeat(5_000));

    assertThat(outcome.error()).hasSize(Checkpoint.ScanOutcome.MAX_ERROR_LENGTH).endsWith("…");
  }

  @Test
  void new_withNegativeVersionOrBlankId_throws() {
    assertThatThrownBy(() -> new Checkpoint("c-1", T0, null, null, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint(" ", T0, null, null, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
