package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.time.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls connections concurrently on a small fixed pool: the Lambda poll worker runs each batch
 * ({@link #run}), and the standalone server offers its due connections on each scheduler tick
 * ({@link #offer}). Each connection's cycle gets its own budget, set when its turn comes ({@link
 * PollConfig#maxCycleDuration()} from its start, never past the run's deadline), and starts only
 * with at least {@link PollConfig#minCycleTime()} of it: a cycle that started late on a shared
 * deadline would read a page it has no time left to publish whole, and a {@code PutEvents} cut
 * short may still be accepted, then sent again by the retry worker. A connection whose turn comes
 * too late is reported {@link PollStatus#SKIPPED}: it is still due, and the next tick polls it.
 * Close the runner to stop the pool.
 *
 * <pre>{@code
 * try (PollRunner runner = new PollRunner(engine, 4, config, Clock.systemUTC())) {
 *   PollRunReport report = runner.run(scheduler.due(0, ConnectionStore.SHARDS), startBy, deadline);
 * }
 * }</pre>
 */
public final class PollRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PollRunner.class);

  private final PollEngine engine;
  private final ExecutorService pool;
  private final Set<String> offered = ConcurrentHashMap.newKeySet();
  private final AtomicInteger running = new AtomicInteger();
  private final PollConfig config;
  private final Clock clock;

  /** A runner with the default {@link PollConfig}. */
  public PollRunner(PollEngine engine, int parallelism, Clock clock) {
    this(engine, parallelism, PollConfig.defaults(), clock);
  }

  /**
   * @param parallelism cycles run at once: each spends most of its time waiting on the platform,
   *     DynamoDB and EventBridge, so a few per core
   * @param config the cycles' budget ({@link PollConfig#maxCycleDuration()}) and the least time a
   *     cycle starts with ({@link PollConfig#minCycleTime()}); the engine's own config, in practice
   */
  public PollRunner(PollEngine engine, int parallelism, PollConfig config, Clock clock) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }
    this.engine = Objects.requireNonNull(engine, "engine");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pool = Executors.newFixedThreadPool(parallelism, daemonThreads());
  }

  /** {@link #run(List, Instant, Deadline)} starting cycles up to the deadline itself. */
  public PollRunReport run(List<Connection> connections, Deadline deadline) {
    return run(connections, deadline.instant(), deadline);
  }

  /**
   * Polls every connection once, at most {@code parallelism} at a time, and waits for all of them.
   * An unexpected exception from a cycle is reported as {@link PollStatus#FAILED}, never thrown.
   *
   * @param startBy no cycle starts at or after this instant (a scheduler tick's end)
   * @param deadline no cycle runs past this instant (a Lambda's end)
   */
  public PollRunReport run(List<Connection> connections, Instant startBy, Deadline deadline) {
    Instant started = clock.instant();
    List<Future<PollCycleReport>> futures = new ArrayList<>(connections.size());
    for (Connection connection : connections) {
      futures.add(pool.submit(() -> cycle(connection, startBy, deadline)));
    }
    List<PollCycleReport> reports = new ArrayList<>(connections.size());
    for (int i = 0; i < futures.size(); i++) {
      reports.add(await(futures.get(i), connections.get(i), futures));
    }
    return new PollRunReport(reports, Duration.between(started, clock.instant()));
  }

  /**
   * Queues one cycle of {@code connection} on the pool and returns at once, unless a cycle of it
   * that this method queued is still queued or running. The cycle gets its budget when its turn
   * comes ({@link PollConfig#maxCycleDuration()} from its start) and {@code done} its report. A
   * long-running scheduler offers its due connections on every tick: a connection that falls due
   * while earlier cycles still run waits only for a free thread, not for the slowest of them.
   *
   * @return whether it was queued
   */
  public boolean offer(Connection connection, Consumer<PollCycleReport> done) {
    Objects.requireNonNull(done, "done");
    if (!offered.add(connection.id())) {
      return false;
    }
    try {
      pool.execute(
          () -> {
            PollCycleReport report;
            running.incrementAndGet();
            try {
              report = cycle(connection, Instant.MAX, new Deadline(Instant.MAX));
            } finally {
              running.decrementAndGet();
              offered.remove(connection.id()); // ended: the next tick may offer it again
            }
            done.accept(report);
          });
      return true;
    } catch (RejectedExecutionException closed) {
      offered.remove(connection.id());
      return false;
    }
  }

  /** Connections {@link #offer}ed whose cycle is queued or running. */
  public int offered() {
    return offered.size();
  }

  /** Cycles {@link #offer}ed that are running now. */
  public int running() {
    return running.get();
  }

  /**
   * Stops taking cycles and waits up to {@code timeout} for the queued and running ones to end;
   * {@link #close} then interrupts what is left.
   *
   * @return whether every cycle ended
   */
  public boolean drain(Duration timeout) throws InterruptedException {
    pool.shutdown();
    return pool.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private PollCycleReport cycle(Connection connection, Instant startBy, Deadline deadline) {
    Instant started = clock.instant();
    if (deadline.passed(clock)) {
      return skipped(
          connection,
          "the run's deadline passed before this connection's turn; it is due on the next tick");
    }
    if (!started.isBefore(startBy)) {
      return skipped(
          connection,
          "its turn came after the tick's end (" + startBy + "); it is due on the next tick");
    }
    Instant budget = started.plus(config.maxCycleDuration());
    Deadline own = budget.isBefore(deadline.instant()) ? new Deadline(budget) : deadline;
    Duration left = own.remaining(clock);
    if (left.compareTo(config.minCycleTime()) < 0) {
      return skipped(
          connection,
          "its turn came with "
              + left.toMillis()
              + " ms left, less than the "
              + config.minCycleTime().toSeconds()
              + " s a cycle needs to read a page and publish it whole; it is due on the next"
              + " tick");
    }
    try {
      return engine.poll(connection, own);
    } catch (RuntimeException e) {
      LOG.warn(
          "poll cycle connection={} status=FAILED: the cycle failed unexpectedly: {}",
          connection.id(),
          e.toString());
      return PollCycleReport.notStarted(
          connection.id(),
          PollStatus.FAILED,
          "the cycle failed unexpectedly: " + e,
          null,
          Duration.between(started, clock.instant()));
    }
  }

  private static PollCycleReport skipped(Connection connection, String why) {
    return PollCycleReport.notStarted(
        connection.id(), PollStatus.SKIPPED, why, null, Duration.ZERO);
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
