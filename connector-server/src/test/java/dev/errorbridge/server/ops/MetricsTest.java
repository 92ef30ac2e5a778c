package dev.errorbridge.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errorbridge.connector.poll.Checkpoint;
import dev.errorbridge.server.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} against a running server: lag, tenants, dead letters. */
class MetricsTest {
  @TempDir Path data;

  @Test
  void metrics_whenConnectionsHaveCheckpointsAndDeadLetters_reportLagAndCountsPerConnection() {
    try (TestServers.Running server = TestServers.start(data)) {
      String polled = server.createRunflowConnection("polled", "whsec-metrics-0123456789");
      server
          .server
          .components()
          .stores()
          .checkpoints()
          .save(Checkpoint.start(polled, Instant.now().minusSeconds(600)), 0);
      String other =
          server
              .json(
                  server.send(
                      "POST",
                      "/connections",
                      TestServers.runflowConnection("other-tenant", "whsec-metrics-0123456789")
                          .replace("errorbridge-demo", "no-such-bus"),
                      Map.of("X-Errorbridge-Tenant", "acme")))
              .path("id")
              .asText();
      server.runflowWebhook(
          other, TestServers.runflowFailed("metrics-1"), "whsec-metrics-0123456789");

      // The health counters are written just after the webhook is answered.
      String deadLettered =
          "errorbridge_dead_lettered_total{connection=\""
              + other
              + "\",tenant=\"acme\",platform=\"runflow\"} 1";
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> assertThat(server.send("GET", "/metrics", null).body()).contains(deadLettered));
      String metrics = server.send("GET", "/metrics", null).body();

      Matcher lag =
          Pattern.compile(
                  "errorbridge_poll_lag_seconds\\{connection=\"" + polled + "\"[^}]*} (\\d+)")
              .matcher(metrics);
      assertThat(lag.find()).as(metrics).isTrue();
      assertThat(Long.parseLong(lag.group(1))).isBetween(600L, 700L);
      assertThat(metrics)
          .contains("errorbridge_connections 2")
          .contains(
              "errorbridge_dead_letters{connection=\""
                  + other
                  + "\",tenant=\"acme\",platform=\"runflow\"} 1")
          .contains(deadLettered)
          .contains("# TYPE errorbridge_delivered_total counter")
          .containsPattern("(?m)^errorbridge_poll_cycles_running \\d+$")
          .containsPattern("(?m)^errorbridge_poll_cycles_queued \\d+$");
      assertThat(server.send("GET", "/metrics?scope=replica", null).body())
          .as("this replica's gauges only, no connection read")
          .containsPattern("(?m)^errorbridge_poll_cycles_running \\d+$")
          .contains("errorbridge_http_requests_in_flight")
          .doesNotContain("errorbridge_connections")
          .doesNotContain(other);
    }
  }

  @Test
  void metrics_whenAPollFailsCyclesInARow_reportTheStreakAndTheErrorState() {
    try (TestServers.Running server = TestServers.start(data)) {
      String polled = server.createRunflowConnection("failing", "whsec-metrics-0123456789");
      var components = server.server.components();
      Instant now = Instant.now();
      components
          .stores()
          .checkpoints()
          .save(
              new Checkpoint(
                  polled,
                  now.minusSeconds(600),
                  java.util.List.of(),
                  new Checkpoint.ScanOutcome(now, false, "HTTP 404", 3),
                  0),
              0);
      var health = components.connections().find(polled).orElseThrow().health();
      components
          .connections()
          .saveHealth(
              polled,
              health.withState(
                  dev.errorbridge.connector.connection.HealthState.ERROR,
                  "Polling failing: the last 3 cycles did not complete",
                  "Check the connection's base URL",
                  now));

      String metrics = server.send("GET", "/metrics", null).body();

      String labels = "connection=\"" + polled + "\",tenant=\"";
      assertThat(metrics)
          .contains("# TYPE errorbridge_poll_consecutive_failures gauge")
          .containsPattern(
              Pattern.quote("errorbridge_poll_consecutive_failures{" + labels) + "[^}]*} 3")
          .containsPattern(
              Pattern.quote("errorbridge_connection_health{" + labels) + "[^}]*state=\"ERROR\"} 1");
    }
  }
}
