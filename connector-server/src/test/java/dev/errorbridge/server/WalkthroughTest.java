package dev.errorbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README walkthrough, end to end through HTTP against a server on embedded defaults: create a
 * connection, post a signed Runflow webhook, see the alert; switch it off and see nothing; switch
 * it on; health and metrics; restart on the same data directory.
 */
class WalkthroughTest {
  static final String SECRET = "whsec-walkthrough-0123456789";

  @TempDir Path data;

  @Test
  void walkthrough_whenFollowedOnEmbeddedDefaults_alertArrivesOnlyWhileEnabledAndSurvivesRestart() {
    String id;
    try (TestServers.Running server = TestServers.start(data)) {
      assertThat(server.console.toString()).contains("operator token").contains("ebop_");
      HttpResponse<String> created =
          server.send("POST", "/connections", TestServers.runflowConnection("demo", SECRET));
      assertThat(created.statusCode()).isEqualTo(201);
      JsonNode connection = server.json(created);
      id = connection.path("id").asText();
      // Secrets are write-only: only a hint comes back.
      assertThat(created.body()).doesNotContain(SECRET).doesNotContain(TestServers.DEMO_SECRET);
      assertThat(connection.path("webhook").path("path").asText()).isEqualTo("/webhooks/" + id);
      // Bound to loopback without a public URL: webhooks are reached where the server listens.
      assertThat(connection.path("webhook").path("url").asText())
          .isEqualTo(server.baseUri() + "/webhooks/" + id);

      HttpResponse<String> posted =
          server.runflowWebhook(
              id, TestServers.runflowFailed(UUID.randomUUID().toString()), SECRET);
      assertThat(posted.statusCode()).isEqualTo(202);
      assertThat(server.json(posted).path("status").asText()).isEqualTo("accepted");
      JsonNode alert = awaitAlerts(server, 1).get(0);
      // The id the webhook answered is the alert's: consumers deduplicate on it.
      assertThat(alert.path("eventId").asText())
          .isEqualTo(server.json(posted).path("eventId").asText())
          .isEqualTo(alert.path("detail").path("eventId").asText());
      assertThat(alert.path("awsEventId").asText())
          .isNotBlank()
          .isNotEqualTo(alert.path("eventId").asText());
      assertThat(alert.path("detailType").asText()).isEqualTo("Workflow Execution Failed");
      assertThat(alert.path("source").asText()).isEqualTo("errorbridge.runflow");
      assertThat(alert.path("detail").path("connectionId").asText()).isEqualTo(id);
      assertThat(alert.path("summary").asText()).contains("worker out of memory");
      assertThat(alert.path("rules").toString()).contains("workflow-execution-failed");
      assertThat(server.console.toString())
          .contains("ALERT Workflow Execution Failed | runflow workflow unknown execution ");

      assertThat(server.send("POST", "/connections/" + id + "/disable", null).statusCode())
          .isEqualTo(200);
      HttpResponse<String> ignored =
          server.runflowWebhook(
              id, TestServers.runflowFailed(UUID.randomUUID().toString()), SECRET);
      assertThat(ignored.statusCode()).isEqualTo(202);
      assertThat(server.json(ignored).path("status").asText()).isEqualTo("ignored");
      String metricsOff = server.send("GET", "/metrics", null).body();
      assertThat(metricsOff)
          .contains("errorbridge_connection_enabled{connection=\"" + id + "\"")
          .containsPattern(
              "errorbridge_connection_health\\{connection=\"" + id + "\"[^}]*state=\"PAUSED\"} 1");
      // The demo bus delivers asynchronously: give a stray event time to show up.
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(3))
          .until(() -> alerts(server).size() == 1);

      assertThat(server.send("POST", "/connections/" + id + "/enable", null).statusCode())
          .isEqualTo(200);
      HttpResponse<String> health = server.send("GET", "/health", null);
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(server.json(health).path("status").asText()).isEqualTo("UP");
      assertThat(server.json(health).path("components").path("kms").path("status").asText())
          .isEqualTo("UP");
      // Health counters are written just after the webhook is answered (background bookkeeping).
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(server.send("GET", "/metrics", null).body())
                      .containsPattern(
                          "errorbridge_connection_health\\{connection=\""
                              + id
                              + "\"[^}]*state=\"ACTIVE\"} 1")
                      .containsPattern(
                          "errorbridge_delivered_total\\{connection=\"" + id + "\"[^}]*} 1")
                      .containsPattern(
                          "errorbridge_connection_enabled\\{connection=\"" + id + "\"[^}]*} 1"));
    }

    assertThat(Files.exists(data.resolve("kms-key.json"))).isTrue();
    try (TestServers.Running restarted = TestServers.start(data)) {
      assertThat(restarted.console.toString()).doesNotContain("operator token");
      HttpResponse<String> read = restarted.send("GET", "/connections/" + id, null);
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(restarted.json(read).path("enabled").asBoolean()).isTrue();
      // The webhook secret decrypts: the KMS key was re-created from ./data.
      HttpResponse<String> posted =
          restarted.runflowWebhook(
              id, TestServers.runflowFailed(UUID.randomUUID().toString()), SECRET);
      assertThat(posted.statusCode()).isEqualTo(202);
      assertThat(restarted.json(posted).path("status").asText()).isEqualTo("accepted");
      awaitAlerts(restarted, 1);
    }
  }

  static JsonNode awaitAlerts(TestServers.Running server, int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> alerts(server).size() >= count);
    return alerts(server);
  }

  static JsonNode alerts(TestServers.Running server) {
    return server.json(server.send("GET", "/alerts", null)).path("alerts");
  }
}
