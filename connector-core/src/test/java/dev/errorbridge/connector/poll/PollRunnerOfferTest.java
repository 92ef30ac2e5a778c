package dev.errorbridge.connector.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.testing.TestConnections;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The long-running server's use of the runner: due connections offered on every tick, each queued
 * at most once while its cycle is queued or running, and the pool drained on shutdown.
 */
class PollRunnerOfferTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final CountDownLatch release = new CountDownLatch(1);
  private final BlockingQueue<String> started = new LinkedBlockingQueue<>();
  private final BlockingQueue<PollCycleReport> done = new LinkedBlockingQueue<>();
  private final PollEngine heldEngine =
      (connection, deadline) -> {
        started.add(connection.id());
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return PollCycleReport.notStarted(
            connection.id(), PollStatus.COMPLETE, "held, then let go", null, Duration.ZERO);
      };
  private final PollRunner runner = new PollRunner(heldEngine, 1, Clock.systemUTC());

  @AfterEach
  void closeRunner() {
    release.countDown();
    runner.close();
  }

  @Test
  void offer_whileTheConnectionsCycleIsQueuedOrRunning_refusesASecondOne() throws Exception {
    Connection running = TestConnections.dify("tenant-a", "running");
    Connection queued = TestConnections.dify("tenant-a", "queued");

    boolean first = runner.offer(running, done::add);
    String startedFirst = started.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    boolean queuedBehind = runner.offer(queued, done::add);
    boolean runningAgain = runner.offer(running, done::add);
    boolean queuedAgain = runner.offer(queued, done::add);

    assertThat(first).isTrue();
    assertThat(startedFirst).isEqualTo("running");
    assertThat(queuedBehind).isTrue();
    assertThat(runningAgain).as("its cycle is running").isFalse();
    assertThat(queuedAgain).as("its cycle is queued").isFalse();
    assertThat(runner.offered()).isEqualTo(2);
  }

  @Test
  void offer_afterTheCycleEnded_queuesTheConnectionAgainAndReportsEachCycle() throws Exception {
    Connection connection = TestConnections.dify("tenant-a", "again");
    release.countDown();

    runner.offer(connection, done::add);
    PollCycleReport firstReport = done.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    boolean again = runner.offer(connection, done::add);
    PollCycleReport secondReport = done.poll(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(firstReport).isNotNull();
    assertThat(firstReport.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(again).isTrue();
    assertThat(secondReport).isNotNull();
    assertThat(List.copyOf(started)).containsExactly("again", "again");
  }

  @Test
  void drain_whenCyclesAreQueued_letsThemEndAndTakesNoNewOnes() throws Exception {
    runner.offer(TestConnections.dify("tenant-a", "one"), done::add);
    runner.offer(TestConnections.dify("tenant-a", "two"), done::add);
    started.poll(WAIT.toSeconds(), TimeUnit.SECONDS);

    release.countDown();
    boolean drained = runner.drain(WAIT);
    boolean offeredAfter = runner.offer(TestConnections.dify("tenant-a", "late"), done::add);

    assertThat(drained).isTrue();
    assertThat(done).extracting(PollCycleReport::connectionId).containsExactly("one", "two");
    assertThat(offeredAfter).isFalse();
    assertThat(runner.offered()).isZero();
  }

  @Test
  void drain_whenACycleOutlastsTheTimeout_saysSo() throws Exception {
    runner.offer(TestConnections.dify("tenant-a", "stuck"), done::add);
    started.poll(WAIT.toSeconds(), TimeUnit.SECONDS);

    boolean drained = runner.drain(Duration.ZERO);

    assertThat(drained).isFalse();
    assertThat(done).isEmpty();
  }
}
