package dev.errorbridge.server;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.poll.Backfill;
import dev.errorbridge.connector.poll.DefaultFailureSourceFactory;
import dev.errorbridge.connector.poll.DefaultPollEngine;
import dev.errorbridge.connector.poll.FailureDelivery;
import dev.errorbridge.connector.poll.PollConfig;
import dev.errorbridge.connector.poll.PollCycleReport;
import dev.errorbridge.connector.poll.PollEngine;
import dev.errorbridge.connector.poll.PollRunner;
import dev.errorbridge.connector.poll.PollScheduler;
import dev.errorbridge.connector.poll.PollSources;
import dev.errorbridge.connector.poll.PollStatus;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll engine on top of {@link ConnectorComponents} (which does not build it): one source per
 * connection ({@link PollSources}, keys decrypted through the components' cipher), pages delivered
 * through the components' {@code ConnectionDelivery} (the toggle, filters, dedup and health the
 * webhooks use), the scheduler over the enabled-connections index, a bounded runner, and the
 * backfill sharing the same sources.
 */
final class PollPipeline implements AutoCloseable {
  /**
   * Cycles run at once: each mostly waits on a platform, DynamoDB and EventBridge. Eight, not four:
   * with two of three replicas left, four each fell behind 200 connections on a 30 s interval in
   * the replica benchmark (docs/benchmarks.md).
   */
  static final int PARALLELISM = 8;

  /** How far apart in the due list two replicas' first picks may be: two pool-fulls. */
  static final int ORDER_WINDOW = 2 * PARALLELISM;

  private static final Logger LOG = LoggerFactory.getLogger(PollPipeline.class);

  private final PollScheduler scheduler;
  private final PollRunner runner;
  private final AtomicInteger polling = new AtomicInteger();
  private final Backfill backfill;
  private final Clock clock;
  private final Random random;

  /**
   * @param interval the schedule's period: a cycle's budget is that long (a minute at least), so
   *     that a connection whose cycle died with the process is polled again a tick later
   */
  PollPipeline(ConnectorComponents components, Clock clock, Duration interval) {
    this(components, clock, config(interval), new Random());
  }

  /**
   * @param config the poll config; its {@link PollConfig#maxCycleDuration()} is the poll lease, how
   *     long a cycle holds its connection from every replica
   * @param random orders each tick's due connections within windows of {@link #ORDER_WINDOW}, so
   *     replicas on one table start on different connections rather than all racing for the same
   *     first ones
   */
  PollPipeline(ConnectorComponents components, Clock clock, PollConfig config, Random random) {
    this.clock = clock;
    this.random = random;
    PollSources sources =
        new PollSources(
            new DefaultFailureSourceFactory(components.platformHttpClient(), clock, Sleeper.SYSTEM),
            components.cipher());
    FailureDelivery delivery = FailureDelivery.of(components.delivery());
    DefaultPollEngine engine =
        DefaultPollEngine.builder()
            .checkpoints(components.checkpoints())
            .connections(components.connections())
            .sources(sources)
            .delivery(delivery)
            .health(components.health())
            .config(config)
            .clock(clock)
            .build();
    this.scheduler =
        new PollScheduler(components.connections(), components.checkpoints(), config, clock);
    this.runner =
        new PollRunner(dueOnly(engine, scheduler, clock, polling), PARALLELISM, config, clock);
    this.backfill = new Backfill(sources, delivery, components.connections(), config, clock);
  }

  /** The default config with each cycle's budget the schedule's period, a minute at least. */
  static PollConfig config(Duration interval) {
    Duration budget =
        interval.compareTo(PollConfig.DEFAULT_INTERVAL) < 0
            ? PollConfig.DEFAULT_INTERVAL
            : interval;
    return leased(budget);
  }

  /**
   * The default config with each cycle's budget, and so its hold on the connection, {@code lease}.
   * A cycle starts only with {@link PollConfig#minCycleTime()} of its budget left, which must stay
   * below the budget itself: under two minimums (40 s) it is half the lease, and the publish
   * reserve a quarter of that.
   */
  static PollConfig leased(Duration lease) {
    PollConfig.Builder config = PollConfig.builder().maxCycleDuration(lease);
    if (lease.compareTo(PollConfig.DEFAULT_MIN_CYCLE_TIME.multipliedBy(2)) < 0) {
      Duration minCycle = lease.dividedBy(2);
      Duration reserve = minCycle.dividedBy(4);
      config
          .minCycleTime(minCycle)
          .publishReserve(
              reserve.compareTo(PollConfig.DEFAULT_PUBLISH_RESERVE) < 0
                  ? reserve
                  : PollConfig.DEFAULT_PUBLISH_RESERVE);
    }
    return config.build();
  }

  /**
   * {@code engine}, polling a connection only if it is still due when its turn comes, as it is
   * stored then: with replicas, another one may have polled it since this tick read the due list,
   * and its settings, toggle or health may have changed since the scheduler listed it.
   */
  private static PollEngine dueOnly(
      PollEngine engine, PollScheduler scheduler, Clock clock, AtomicInteger polling) {
    return (listed, deadline) -> {
      Instant started = clock.instant();
      Optional<Connection> current = scheduler.dueNow(listed.id());
      if (current.isEmpty()) {
        return PollCycleReport.notStarted(
            listed.id(),
            PollStatus.SKIPPED,
            "no longer due: polled since this tick began (by another replica), held, switched off,"
                + " suspended or deleted",
            null,
            Duration.between(started, clock.instant()));
      }
      polling.incrementAndGet();
      try {
        return engine.poll(current.get(), deadline);
      } finally {
        polling.decrementAndGet();
      }
    };
  }

  /** This replica's poll cycles running now (past the due check: holding their connection). */
  int cyclesRunning() {
    return polling.get();
  }

  /** This replica's poll cycles queued behind the running ones. */
  int cyclesQueued() {
    return Math.max(0, runner.offered() - runner.running());
  }

  Backfill backfill() {
    return backfill;
  }

  /**
   * One tick of the schedule: offers every due connection to the runner's pool and returns. A
   * connection already queued or running in this replica is not offered twice; one queued behind
   * earlier cycles is re-checked when its turn comes ({@link PollScheduler#dueNow}), gets its own
   * budget from its start, and is left alone if another replica polled it meanwhile. So a
   * connection that falls due while a slow cycle runs waits for a free thread, not for that cycle
   * and the next tick.
   */
  void pollDue() {
    List<Connection> due = new ArrayList<>(scheduler.due(0, ConnectionStore.SHARDS));
    if (due.isEmpty()) {
      return;
    }
    // The scheduler lists the most overdue first, and replicas read the same list: each shuffles
    // it within windows of a few pool-fulls, so they start on different connections while the
    // longest-waiting still go first (a whole-list shuffle left some due connections unpicked for
    // tick after tick, past their interval). A connection another replica took answers "no longer
    // due" at the cost of two reads; the checkpoint's conditional hold keeps any two from polling
    // it at once.
    shuffleWithinWindows(due, ORDER_WINDOW, random);
    int queued = 0;
    for (Connection connection : due) {
      if (runner.offer(connection, PollPipeline::logged)) {
        queued++;
      }
    }
    LOG.debug(
        "poll tick due={} queued={} queuedOrRunning={}", due.size(), queued, runner.offered());
  }

  /**
   * Logs, at debug, a cycle that never reached the engine (which logs the others itself): with
   * replicas most are connections another replica polled first.
   */
  private static void logged(PollCycleReport report) {
    if (report.status() == PollStatus.SKIPPED) {
      LOG.debug(
          "poll cycle connection={} status=SKIPPED: {}", report.connectionId(), report.message());
    }
  }

  /**
   * Lets the queued and running cycles end, up to {@code timeout}, taking no new ones; {@link
   * #close} interrupts what is left (their connections' holds lapse with the poll lease).
   */
  boolean drain(Duration timeout) throws InterruptedException {
    return runner.drain(timeout);
  }

  /** Shuffles each run of {@code window} consecutive items in place, keeping the runs' order. */
  static <T> void shuffleWithinWindows(List<T> items, int window, Random random) {
    for (int from = 0; from < items.size(); from += window) {
      Collections.shuffle(items.subList(from, Math.min(from + window, items.size())), random);
    }
  }

  @Override
  public void close() {
    runner.close();
  }
}
