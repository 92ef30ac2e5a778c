package dev.errorbridge.connector.poll;

import static dev.errorbridge.connector.poll.DifyFake.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.time.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's due connections polled on a bounded pool, each cycle with its own budget and
 * started only with the time to finish it.
 */
class PollRunnerTest extends PollTestBase {

  @Test
  void run_whenSeveralConnectionsAreDue_pollsEachOnceConcurrently() {
    for (int i = 0; i < 5; i++) {
      String id = "dify-" + i;
      world.create(
          id, Platform.DIFY, platform, Set.of(Outcome.FAILED), Map.of("appId", DifyFake.APP));
      DifyFake dify = new DifyFake(platform, id);
      dify.failedPages(List.of(List.of(row(id + "-run", "failed", at("09:30")))));
      dify.detailGone(id + "-run");
    }
    world.create("runflow-1", Platform.RUNFLOW, platform, Set.of(Outcome.FAILED), Map.of());
    new RunflowFake(platform, "runflow-1")
        .failedPages(List.of(List.of(RunflowFake.run("rf-run", at("09:40")))));
    Set<String> threads = ConcurrentHashMap.newKeySet();
    world.deliveryHook =
        next ->
            (connection, page, deadline) -> {
              threads.add(Thread.currentThread().getName());
              return next.deliver(connection, page, deadline);
            };
    List<Connection> due = world.scheduler().due(0, ConnectionStore.SHARDS);

    PollRunReport report;
    try (PollRunner runner = new PollRunner(world.engine(), 3, world.clock)) {
      report = runner.run(due, world.deadline(Duration.ofMinutes(1)));
    }

    assertThat(report.cycles()).hasSize(6);
    assertThat(report.count(PollStatus.COMPLETE)).isEqualTo(6);
    assertThat(report.counts()).isEqualTo(new DeliveryCounts(6, 6, 0, 0, 0, 0));
    // 5 Dify × (list + detail, gone) + Runflow (list + detail, gone)
    assertThat(report.requests()).isEqualTo(12);
    assertThat(world.deliveredExecutionIds()).hasSize(6).doesNotHaveDuplicates();
    assertThat(threads).allSatisfy(t -> assertThat(t).startsWith("poll-"));
    assertThat(world.scheduler().due(0, ConnectionStore.SHARDS)).isEmpty();
  }

  @Test
  void run_whenAConnectionsTurnComesLate_givesItItsOwnBudgetNotWhatTheOthersLeft() {
    world.create("a", Platform.DIFY, platform, Set.of(Outcome.FAILED), Map.of("appId", "x"));
    world.create("b", Platform.DIFY, platform, Set.of(Outcome.FAILED), Map.of("appId", "x"));
    Map<String, Deadline> deadlines = new ConcurrentHashMap<>();
    Map<String, java.time.Instant> starts = new ConcurrentHashMap<>();
    PollEngine slow =
        (connection, deadline) -> {
          starts.put(connection.id(), world.clock.instant());
          deadlines.put(connection.id(), deadline);
          world.clock.advance(Duration.ofSeconds(50)); // the platform is slow
          return PollCycleReport.notStarted(
              connection.id(), PollStatus.COMPLETE, null, null, Duration.ofSeconds(50));
        };
    PollConfig config = PollConfig.builder().maxCycleDuration(Duration.ofMinutes(1)).build();
    java.time.Instant tick = world.clock.instant();

    PollRunReport report;
    try (PollRunner runner = new PollRunner(slow, 1, config, world.clock)) {
      report =
          runner.run(
              List.of(world.connection("a"), world.connection("b")),
              tick.plus(Duration.ofMinutes(1)),
              world.deadline(Duration.ofMinutes(2)));
    }

    assertThat(report.count(PollStatus.COMPLETE)).isEqualTo(2);
    // b starts 50 s into the tick and still gets a whole minute, not the 10 s left of it
    assertThat(deadlines.get("a").instant()).isEqualTo(tick.plus(Duration.ofMinutes(1)));
    assertThat(deadlines.get("b").instant())
        .isEqualTo(starts.get("b").plus(Duration.ofMinutes(1)))
        .isEqualTo(tick.plusSeconds(110));
  }

  @Test
  void run_whenTooLittleOfTheDeadlineIsLeftForACycle_skipsItSayingItIsDueNextTick() {
    world.create("a", Platform.DIFY, platform, Set.of(Outcome.FAILED), Map.of("appId", "x"));
    world.create("b", Platform.DIFY, platform, Set.of(Outcome.FAILED), Map.of("appId", "x"));
    List<String> polled = new java.util.concurrent.CopyOnWriteArrayList<>();
    PollEngine slow =
        (connection, deadline) -> {
          polled.add(connection.id());
          world.clock.advance(Duration.ofSeconds(45));
          return PollCycleReport.notStarted(
              connection.id(), PollStatus.COMPLETE, null, null, Duration.ofSeconds(45));
        };

    PollRunReport report;
    try (PollRunner runner = new PollRunner(slow, 1, PollConfig.defaults(), world.clock)) {
      // a Lambda batch with 55 s left: b's turn comes with 10 s, less than the 20 s a cycle needs
      report =
          runner.run(
              List.of(world.connection("a"), world.connection("b")),
              world.deadline(Duration.ofSeconds(55)));
    }

    assertThat(polled).containsExactly("a");
    assertThat(report.cycles().get(1).status()).isEqualTo(PollStatus.SKIPPED);
    assertThat(report.cycles().get(1).message())
        .isEqualTo(
            "its turn came with 10000 ms left, less than the 20 s a cycle needs to read a page"
                + " and publish it whole; it is due on the next tick");
    assertThat(report.statuses())
        .containsExactly(Map.entry(PollStatus.COMPLETE, 1L), Map.entry(PollStatus.SKIPPED, 1L));
  }

  @Test
  void run_whenATurnComesAfterTheTicksEnd_skipsItForTheNextTick() {
    world.create("a", Platform.DIFY, platform, Set.of(Outcome.FAILED), Map.of("appId", "x"));
    PollEngine never =
        (connection, deadline) -> {
          throw new AssertionError("not polled");
        };

    PollRunReport report;
    try (PollRunner runner = new PollRunner(never, 1, world.clock)) {
      report =
          runner.run(
              List.of(world.connection("a")),
              world.clock.instant(),
              world.deadline(Duration.ofMinutes(5)));
    }

    assertThat(report.cycles())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.status()).isEqualTo(PollStatus.SKIPPED);
              assertThat(c.message()).contains("after the tick's end", "due on the next tick");
            });
  }

  @Test
  void statuses_countsEveryStatusOfTheRun() {
    PollRunReport report =
        new PollRunReport(
            List.of(
                cycle(PollStatus.COMPLETE),
                cycle(PollStatus.RATE_LIMITED),
                cycle(PollStatus.COMPLETE),
                cycle(PollStatus.INCOMPLETE),
                cycle(PollStatus.BUSY),
                cycle(PollStatus.PLATFORM_ERROR)),
            Duration.ZERO);

    assertThat(report.statuses())
        .containsExactly(
            Map.entry(PollStatus.COMPLETE, 2L),
            Map.entry(PollStatus.INCOMPLETE, 1L),
            Map.entry(PollStatus.RATE_LIMITED, 1L),
            Map.entry(PollStatus.PLATFORM_ERROR, 1L),
            Map.entry(PollStatus.BUSY, 1L));
  }

  private static PollCycleReport cycle(PollStatus status) {
    return PollCycleReport.notStarted("c", status, null, null, Duration.ZERO);
  }

  @Test
  void run_whenTheDeadlinePassedOrACycleThrows_reportsThemWithoutThrowing() {
    world.create("a", Platform.DIFY, platform, Set.of(Outcome.FAILED), Map.of("appId", "x"));
    world.create("b", Platform.DIFY, platform, Set.of(Outcome.FAILED), Map.of("appId", "x"));
    PollEngine throwing =
        (connection, deadline) -> {
          throw new IllegalStateException("bug in " + connection.id());
        };
    List<Connection> connections = List.of(world.connection("a"), world.connection("b"));

    PollRunReport late;
    PollRunReport failing;
    try (PollRunner runner = new PollRunner(throwing, 2, world.clock)) {
      late = runner.run(connections, new Deadline(world.clock.instant().minusSeconds(1)));
      failing = runner.run(connections, world.deadline(Duration.ofMinutes(1)));
    }

    assertThat(late.count(PollStatus.SKIPPED)).isEqualTo(2);
    assertThat(late.cycles().get(0).message()).contains("deadline passed");
    assertThat(failing.cycles())
        .extracting(PollCycleReport::status)
        .containsExactly(PollStatus.FAILED, PollStatus.FAILED);
    assertThat(failing.cycles().get(1).message()).contains("bug in b");
  }
}
