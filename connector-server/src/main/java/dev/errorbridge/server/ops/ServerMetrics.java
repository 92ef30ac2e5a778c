package dev.errorbridge.server.ops;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.poll.CheckpointStore;
import dev.errorbridge.connector.store.ParkedEventStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: per connection, what was delivered and dead-lettered (the health record's
 * counters), dead letters and parked events waiting now, the poll lag (now minus the checkpoint's
 * watermark), the poll cycles in a row that failed, and the health state; plus the server's own
 * gauges. Read from the stores at scrape time, so every server instance reports the same numbers.
 */
public final class ServerMetrics {
  private final ConnectionDirectory directory;
  private final CheckpointStore checkpoints;
  private final DeadLetterStore deadLetters;
  private final ParkedEventStore parked;
  private final Clock clock;
  private final Map<String, Supplier<Number>> gauges;
  private final String replicaId;

  /**
   * @param gauges further server gauges by metric name (e.g. requests in flight)
   */
  public ServerMetrics(
      ConnectionDirectory directory,
      CheckpointStore checkpoints,
      DeadLetterStore deadLetters,
      ParkedEventStore parked,
      Clock clock,
      Map<String, Supplier<Number>> gauges) {
    this(directory, checkpoints, deadLetters, parked, clock, gauges, null);
  }

  /**
   * @param replicaId this replica's id, exposed as {@code errorbridge_replica_info{replica=…} 1}
   *     (its own gauges, such as requests in flight, are this replica's), or {@code null}
   */
  public ServerMetrics(
      ConnectionDirectory directory,
      CheckpointStore checkpoints,
      DeadLetterStore deadLetters,
      ParkedEventStore parked,
      Clock clock,
      Map<String, Supplier<Number>> gauges,
      String replicaId) {
    this.replicaId = replicaId;
    this.directory = directory;
    this.checkpoints = checkpoints;
    this.deadLetters = deadLetters;
    this.parked = parked;
    this.clock = clock;
    this.gauges = Map.copyOf(gauges);
  }

  /** The exposition's content type. */
  public static String contentType() {
    return PrometheusText.CONTENT_TYPE;
  }

  /** The metrics in Prometheus text format. */
  public String render() {
    return render(true);
  }

  /**
   * This replica's own figures only (its id and server gauges), without the per-connection ones:
   * those read every connection's state from the shared stores, which takes seconds at a few
   * hundred connections and is the same on every replica anyway.
   */
  public String renderReplica() {
    return render(false);
  }

  private String render(boolean withConnections) {
    PrometheusText text = new PrometheusText();
    if (withConnections) {
      text.declare("errorbridge_connections", "gauge", "Connections, enabled or not.");
      declareConnectionMetrics(text);
      List<Connection> connections = directory.all();
      text.sample("errorbridge_connections", connections.size(), List.of());
      for (Connection connection : connections) {
        connection(text, connection);
      }
    }
    if (replicaId != null) {
      text.declare(
              "errorbridge_replica_info",
              "gauge",
              "1, labelled with this replica's id (ERRORBRIDGE_REPLICA_ID). Connection figures come"
                  + " from the shared table and are the same on every replica; the server gauges"
                  + " below are this replica's.")
          .sample("errorbridge_replica_info", 1, List.of("replica", replicaId));
    }
    gauges.forEach(
        (name, value) ->
            text.declare(name, "gauge", "Server gauge.")
                .sample(name, value.get().doubleValue(), List.of()));
    return text.render();
  }

  private static void declareConnectionMetrics(PrometheusText text) {
    text.declare(
            "errorbridge_delivered_total",
            "counter",
            "Events the connection's bus accepted, ever (durable: counted in the write that settles"
                + " them, so restarts lose no count).")
        .declare(
            "errorbridge_dead_lettered_total",
            "counter",
            "Events that became dead letters, ever (durable; events waiting for a retry are not"
                + " counted).")
        .declare("errorbridge_dead_letters", "gauge", "Dead letters waiting for a replay.")
        .declare(
            "errorbridge_parked_events",
            "gauge",
            "Events in the outbox now: waiting for a retry, or being published.")
        .declare(
            "errorbridge_poll_lag_seconds",
            "gauge",
            "Now minus the poll watermark (polled connections that have a checkpoint).")
        .declare(
            "errorbridge_poll_consecutive_failures",
            "gauge",
            "Poll cycles in a row that did not read and settle their window (0 after a complete"
                + " one); from errorbridge's errorAfterFailedCycles (3) the connection is in ERROR.")
        .declare("errorbridge_connection_enabled", "gauge", "1 when the toggle is on.")
        .declare(
            "errorbridge_connection_health",
            "gauge",
            "1 for the connection's health state (ACTIVE, PAUSED, SUSPENDED, ERROR).");
  }

  private void connection(PrometheusText text, Connection connection) {
    List<String> labels =
        List.of(
            "connection",
            connection.id(),
            "tenant",
            connection.tenantId(),
            "platform",
            connection.source().platform().id());
    var health = connection.health();
    text.sample("errorbridge_delivered_total", health.delivered(), labels)
        .sample("errorbridge_dead_lettered_total", health.deadLettered(), labels)
        .sample(
            "errorbridge_dead_letters",
            deadLetters.count(connection.tenantId(), connection.id()),
            labels)
        .sample("errorbridge_parked_events", parked.count(connection.id()), labels)
        .sample("errorbridge_connection_enabled", connection.enabled() ? 1 : 0, labels);
    checkpoints
        .load(connection.id())
        .filter(checkpoint -> checkpoint.watermark() != null)
        .ifPresent(
            checkpoint -> {
              text.sample(
                  "errorbridge_poll_lag_seconds",
                  Math.max(
                      0, Duration.between(checkpoint.watermark(), clock.instant()).toSeconds()),
                  labels);
              text.sample(
                  "errorbridge_poll_consecutive_failures",
                  checkpoint.lastScan() == null ? 0 : checkpoint.lastScan().failedCycles(),
                  labels);
            });
    for (HealthState state : HealthState.values()) {
      List<String> stateLabels =
          List.of(
              "connection",
              connection.id(),
              "tenant",
              connection.tenantId(),
              "platform",
              connection.source().platform().id(),
              "state",
              state.name());
      text.sample("errorbridge_connection_health", state == health.state() ? 1 : 0, stateLabels);
    }
  }
}
