package dev.errorbridge.connector.poll;

import static dev.errorbridge.connector.poll.DifyFake.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.publish.Deadline;
import dev.errorbridge.connector.store.ConnectionStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The scheduler's due connections polled on a bounded pool within one deadline. */
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
