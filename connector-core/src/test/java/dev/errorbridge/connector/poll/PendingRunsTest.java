package dev.errorbridge.connector.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.source.PendingRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PendingRunsTest {
  private static final Instant T0 = Instant.parse("2026-02-03T10:00:00Z");
  private static final Instant WATERMARK = T0.minus(Duration.ofMinutes(5));

  @Test
  void merge_whenNewRunsAreSeen_tracksThemWithTheirWorkflow() {
    PendingRuns.Merged merged =
        PendingRuns.merge(
            List.of(), List.of(seen("r-1", "wf-1", T0.minusSeconds(60))), Set.of(), Set.of(), T0);

    assertThat(merged.runs())
        .containsExactly(new Checkpoint.PendingRun("r-1", T0.minusSeconds(1), T0, "wf-1"));
    assertThat(merged.held()).isZero();
    assertThat(merged.watermark(WATERMARK, T0)).isEqualTo(T0);
  }

  @Test
  void merge_whenRunsEndedOrWereRechecked_forgetsOrTouchesThem() {
    List<Checkpoint.PendingRun> tracked =
        List.of(
            new Checkpoint.PendingRun("ended", WATERMARK, WATERMARK),
            new Checkpoint.PendingRun("running", WATERMARK, WATERMARK, "wf"),
            new Checkpoint.PendingRun("untouched", WATERMARK, WATERMARK));

    PendingRuns.Merged merged =
        PendingRuns.merge(
            tracked, List.of(seen("ended", null, null)), Set.of("ended"), Set.of("running"), T0);

    assertThat(merged.runs())
        .containsExactly(
            new Checkpoint.PendingRun("running", WATERMARK, T0, "wf"),
            new Checkpoint.PendingRun("untouched", WATERMARK, WATERMARK));
  }

  @Test
  void merge_whenTheCheckpointIsFull_keepsTheOldestAndHoldsTheWatermarkAtTheEarliestLeftOut() {
    List<Checkpoint.PendingRun> full =
        IntStream.range(0, Checkpoint.MAX_PENDING_RUNS)
            .mapToObj(i -> new Checkpoint.PendingRun("old-" + i, WATERMARK, WATERMARK))
            .toList();
    Instant earliest = T0.minus(Duration.ofMinutes(40));

    PendingRuns.Merged merged =
        PendingRuns.merge(
            full,
            List.of(
                seen("new-1", null, T0.minus(Duration.ofMinutes(10))),
                seen("new-2", null, earliest),
                seen("old-7", null, T0.minus(Duration.ofMinutes(50)))),
            Set.of(),
            Set.of(),
            T0);

    assertThat(merged.runs()).hasSize(Checkpoint.MAX_PENDING_RUNS);
    assertThat(merged.runs().get(7)).isEqualTo(new Checkpoint.PendingRun("old-7", WATERMARK, T0));
    assertThat(merged.held()).isEqualTo(2);
    assertThat(merged.holdAt()).isEqualTo(earliest);
    // held before the old watermark: it stays, and the next scan still reads the held runs
    assertThat(merged.watermark(WATERMARK, T0)).isEqualTo(WATERMARK);
    assertThat(merged.watermark(earliest.minusSeconds(1), T0)).isEqualTo(earliest);
  }

  @Test
  void merge_whenThereIsRoomForSome_addsTheOldestFirst() {
    List<Checkpoint.PendingRun> almostFull =
        IntStream.range(0, Checkpoint.MAX_PENDING_RUNS - 1)
            .mapToObj(i -> new Checkpoint.PendingRun("old-" + i, WATERMARK, WATERMARK))
            .toList();

    PendingRuns.Merged merged =
        PendingRuns.merge(
            almostFull,
            List.of(
                seen("younger", null, T0.minusSeconds(10)),
                seen("older", null, T0.minusSeconds(20))),
            Set.of(),
            Set.of(),
            T0);

    assertThat(merged.runs().get(Checkpoint.MAX_PENDING_RUNS - 1).executionId()).isEqualTo("older");
    assertThat(merged.holdAt()).isEqualTo(T0.minusSeconds(10));
    assertThat(merged.watermark(WATERMARK, T0)).isEqualTo(T0.minusSeconds(10));
  }

  @Test
  void merge_whenALeftOutRunHasNoStartOrTooLongIds_neverMovesTheWatermark() {
    PendingRuns.Merged merged =
        PendingRuns.merge(
            List.of(),
            List.of(seen("r".repeat(200), "w".repeat(100), T0.minusSeconds(5))),
            Set.of(),
            Set.of(),
            T0);
    PendingRuns.Merged unknownStart =
        PendingRuns.merge(
            List.of(),
            List.of(seen("r".repeat(300), null, null), seen("r-2", null, T0.minusSeconds(9))),
            Set.of(),
            Set.of(),
            T0);

    assertThat(merged.runs()).isEmpty();
    assertThat(merged.held()).isEqualTo(1);
    assertThat(merged.watermark(WATERMARK, T0)).isEqualTo(T0.minusSeconds(5));
    assertThat(unknownStart.holdAt()).isNull();
    assertThat(unknownStart.watermark(WATERMARK, T0)).isEqualTo(WATERMARK);
  }

  @Test
  void watermark_whenTheFrozenBoundIsBehindIt_neverGoesBack() {
    PendingRuns.Merged none = PendingRuns.merge(List.of(), List.of(), Set.of(), Set.of(), T0);

    assertThat(none.watermark(T0, T0.minusSeconds(30))).isEqualTo(T0);
  }

  private static PendingRun seen(String id, String workflowId, Instant startedAt) {
    return new PendingRun(id, workflowId, null, "running", startedAt, T0.minusSeconds(1));
  }
}
