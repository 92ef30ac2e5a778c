package dev.errorbridge.server;

import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.poll.Backfill;
import dev.errorbridge.connector.poll.DefaultFailureSourceFactory;
import dev.errorbridge.connector.poll.DefaultPollEngine;
import dev.errorbridge.connector.poll.FailureDelivery;
import dev.errorbridge.connector.poll.PollConfig;
import dev.errorbridge.connector.poll.PollRunReport;
import dev.errorbridge.connector.poll.PollRunner;
import dev.errorbridge.connector.poll.PollScheduler;
import dev.errorbridge.connector.poll.PollSources;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.connector.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
  /** Cycles run at once: each mostly waits on a platform, DynamoDB and EventBridge. */
  static final int PARALLELISM = 4;

  private static final Logger LOG = LoggerFactory.getLogger(PollPipeline.class);

  private final PollScheduler scheduler;
  private final PollRunner runner;
  private final Backfill backfill;
  private final PollConfig config;
  private final Clock clock;

  /**
   * @param interval the schedule's period: a cycle's budget is that long (a minute at least), so
   *     that a connection whose cycle died with the process is polled again a tick later
   */
  PollPipeline(ConnectorComponents components, Clock clock, Duration interval) {
    this.clock = clock;
    PollConfig config = config(interval);
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
    this.runner = new PollRunner(engine, PARALLELISM, config, clock);
    this.config = config;
    this.scheduler =
        new PollScheduler(components.connections(), components.checkpoints(), config, clock);
    this.backfill = new Backfill(sources, delivery, components.connections(), config, clock);
  }

  /** The default config with each cycle's budget the schedule's period, a minute at least. */
  static PollConfig config(Duration interval) {
    Duration budget =
        interval.compareTo(PollConfig.DEFAULT_INTERVAL) < 0
            ? PollConfig.DEFAULT_INTERVAL
            : interval;
    return PollConfig.builder().maxCycleDuration(budget).build();
  }

  Backfill backfill() {
    return backfill;
  }

  /**
   * One tick of the schedule: polls every due connection once. Cycles start within {@code interval}
   * (a connection whose turn comes later waits for the next tick), and each gets its own budget
   * from its start ({@link PollConfig#maxCycleDuration()}), so a connection that starts late still
   * has the time to publish what it reads; the next tick waits for this one.
   */
  void pollDue(Duration interval) {
    List<dev.errorbridge.connector.connection.Connection> due =
        scheduler.due(0, ConnectionStore.SHARDS);
    if (due.isEmpty()) {
      return;
    }
    Instant startBy = clock.instant().plus(interval);
    PollRunReport report =
        runner.run(due, startBy, Deadline.after(interval.plus(config.maxCycleDuration()), clock));
    LOG.info(
        "poll run connections={} statuses={} found={} delivered={} parked={} rowsSkipped={}"
            + " rowsFailed={} elapsedMs={}",
        due.size(),
        report.statuses(),
        report.counts().found(),
        report.counts().delivered(),
        report.counts().parked(),
        report.counts().rowsSkipped(),
        report.counts().rowsFailed(),
        report.elapsed().toMillis());
  }

  @Override
  public void close() {
    runner.close();
  }
}
