package dev.errorbridge.server;

import dev.errorbridge.connector.retry.DrainReport;
import dev.errorbridge.connector.retry.ProgressListener;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.store.dynamodb.OperationLeases;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.server.config.ServerConfig;
import dev.errorbridge.server.http.BackfillRoutes;
import dev.errorbridge.server.http.DeadLetterRoutes;
import dev.errorbridge.server.http.HttpApi;
import dev.errorbridge.server.http.OperatorAuth;
import dev.errorbridge.server.http.WebhookEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server runs on top of {@link ConnectorComponents}: the webhook route onto its intake,
 * the background workers (the poll schedule over the {@link PollPipeline}, the retry drain over the
 * components' drainer) and the operations routes (dead letters over the components' replayer,
 * backfill over the poll pipeline's).
 */
final class ServerWiring implements AutoCloseable {
  /**
   * A background task.
   *
   * @param name its name in logs and {@code /health}
   * @param interval the delay between runs
   * @param task one run
   */
  record Worker(String name, Duration interval, Runnable task) {}

  /** Parked events one drain run takes at most. */
  static final int DRAIN_BATCH = 200;

  private static final Logger LOG = LoggerFactory.getLogger(ServerWiring.class);

  /** The least time one retry-drain run gets, whatever its interval. */
  static final Duration MIN_DRAIN_BUDGET = Duration.ofSeconds(10);

  private final ConnectorComponents components;
  private final PollPipeline polls;
  private final List<Worker> workers;
  private final OperationLeases leases;
  private final Clock clock;

  private ServerWiring(
      ConnectorComponents components,
      PollPipeline polls,
      List<Worker> workers,
      OperationLeases leases,
      Clock clock) {
    this.components = components;
    this.polls = polls;
    this.workers = List.copyOf(workers);
    this.leases = leases;
    this.clock = clock;
  }

  static ServerWiring of(ConnectorComponents components, ServerConfig config, Clock clock) {
    Duration poll = config.pollInterval();
    PollPipeline polls =
        config.pollLease() == null
            ? new PollPipeline(components, clock, poll)
            : new PollPipeline(
                components, clock, PollPipeline.leased(config.pollLease()), new Random());
    // Backfills and replays, one at a time per connection across every replica on the table.
    OperationLeases leases =
        new OperationLeases(
            components.table(),
            config.replicaId() == null ? "errorbridge" : config.replicaId(),
            config.operationLease() == null
                ? OperationLeases.DEFAULT_DURATION
                : config.operationLease(),
            clock);
    List<Worker> workers = new ArrayList<>();
    // Each tick offers the due connections to the poll pool and returns: a slow platform holds one
    // of the pool's threads, not the schedule, and each cycle gets its own budget from its start.
    workers.add(new Worker("poll-schedule", poll, polls::pollDue));
    Duration drain = config.retryDrainInterval();
    // Runs never overlap (PeriodicWorker), so a run may take longer than the interval; it needs at
    // least time for whole PutEvents attempts, which do not start with less than a second left.
    Duration drainBudget = drain.compareTo(MIN_DRAIN_BUDGET) < 0 ? MIN_DRAIN_BUDGET : drain;
    workers.add(new Worker("retry-drain", drain, () -> drainOnce(components, drainBudget, clock)));
    return new ServerWiring(components, polls, workers, leases, clock);
  }

  /** One retry-drain run: the parked events now due, within {@code budget}. */
  private static void drainOnce(ConnectorComponents components, Duration budget, Clock clock) {
    DrainReport report =
        components
            .drainer()
            .drain(
                clock.instant(), DRAIN_BATCH, Deadline.after(budget, clock), ProgressListener.NONE);
    if (report.due() > 0) {
      LOG.info(
          "retry drain due={} delivered={} rescheduled={} maybeDelivered={} deadLettered={}"
              + " skipped={} leftForLater={}",
          report.due(),
          report.delivered(),
          report.rescheduled(),
          report.maybeDelivered(),
          report.deadLettered(),
          report.skipped(),
          report.leftForLater());
    }
  }

  WebhookEndpoint webhooks() {
    return components.webhooks()::handle;
  }

  List<Worker> workers() {
    return workers;
  }

  List<HttpApi.Route> routes(OperatorAuth auth) {
    List<HttpApi.Route> routes = new ArrayList<>();
    routes.addAll(
        new DeadLetterRoutes(
                components.connections(),
                components.deadLetters(),
                components.replayer(),
                auth,
                leases)
            .routes());
    routes.addAll(
        new BackfillRoutes(components.connections(), polls.backfill(), auth, clock, leases)
            .routes());
    return routes;
  }

  /** This replica's poll gauges by metric name: cycles running, and queued behind them. */
  Map<String, Supplier<Number>> pollGauges() {
    return Map.of(
        "errorbridge_poll_cycles_running",
        polls::cyclesRunning,
        "errorbridge_poll_cycles_queued",
        polls::cyclesQueued);
  }

  /**
   * Lets the poll cycles queued or running end, up to {@code timeout}, taking no new ones; {@link
   * #close} then interrupts the rest.
   *
   * @return whether every cycle ended
   */
  boolean drainPolls(Duration timeout) throws InterruptedException {
    return polls.drain(timeout);
  }

  @Override
  public void close() {
    polls.close();
    leases.close();
  }
}
