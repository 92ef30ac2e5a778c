package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.publish.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Polls a list of connections concurrently on a small fixed pool, all within one deadline: what the
 * standalone server runs on each scheduler tick (and the benchmark). Connections whose turn comes
 * after the deadline are reported {@link PollStatus#SKIPPED}; cycles in flight stop at the deadline
 * by themselves (each ends within one platform request of it). Close it to stop the pool.
 *
 * <pre>{@code
 * try (PollRunner runner = new PollRunner(engine, 4, Clock.systemUTC())) {
 *   PollRunReport report = runner.run(scheduler.due(0, ConnectionStore.SHARDS), deadline);
 * }
 * }</pre>
 */
public final class PollRunner implements AutoCloseable {
  private final PollEngine engine;
  private final ExecutorService pool;
  private final Clock clock;

  /**
   * @param parallelism cycles run at once: each spends most of its time waiting on the platform,
   *     DynamoDB and EventBridge, so a few per core
   */
  public PollRunner(PollEngine engine, int parallelism, Clock clock) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }
    this.engine = Objects.requireNonNull(engine, "engine");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pool = Executors.newFixedThreadPool(parallelism, daemonThreads());
  }

  /**
   * Polls every connection once, at most {@code parallelism} at a time, and waits for all of them.
   * An unexpected exception from a cycle is reported as {@link PollStatus#FAILED}, never thrown.
   */
  public PollRunReport run(List<Connection> connections, Deadline deadline) {
    Instant started = clock.instant();
    List<Future<PollCycleReport>> futures = new ArrayList<>(connections.size());
    for (Connection connection : connections) {
      futures.add(pool.submit(() -> cycle(connection, deadline)));
    }
    List<PollCycleReport> reports = new ArrayList<>(connections.size());
    for (int i = 0; i < futures.size(); i++) {
      reports.add(await(futures.get(i), connections.get(i), futures));
    }
    return new PollRunReport(reports, Duration.between(started, clock.instant()));
  }

  private PollCycleReport cycle(Connection connection, Deadline deadline) {
    Instant started = clock.instant();
    if (deadline.passed(clock)) {
      return PollCycleReport.notStarted(
          connection.id(),
          PollStatus.SKIPPED,
          "the run's deadline passed before this connection's turn; it is due on the next tick",
          null,
          Duration.ZERO);
    }
    try {
      return engine.poll(connection, deadline);
    } catch (RuntimeException e) {
      return PollCycleReport.notStarted(
          connection.id(),
          PollStatus.FAILED,
          "the cycle failed unexpectedly: " + e,
          null,
          Duration.between(started, clock.instant()));
    }
  }

  private static PollCycleReport await(
      Future<PollCycleReport> future, Connection connection, List<Future<PollCycleReport>> all) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      all.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      return interrupted(connection);
    } catch (CancellationException e) {
      return interrupted(connection);
    } catch (ExecutionException e) {
      return PollCycleReport.notStarted(
          connection.id(),
          PollStatus.FAILED,
          "the cycle failed unexpectedly: " + e.getCause(),
          null,
          Duration.ZERO);
    }
  }

  private static PollCycleReport interrupted(Connection connection) {
    return PollCycleReport.notStarted(
        connection.id(), PollStatus.SKIPPED, "the run was interrupted", null, Duration.ZERO);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "poll-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
