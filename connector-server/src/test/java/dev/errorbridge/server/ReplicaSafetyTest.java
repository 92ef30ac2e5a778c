package dev.errorbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.store.dynamodb.OperationLeases;
import dev.errorbridge.connector.store.dynamodb.OperationLeases.Acquisition;
import dev.errorbridge.connector.store.dynamodb.OperationLeases.Operation;
import dev.errorbridge.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a replica shows of itself and how it shares backfills and replays with the others: another
 * replica on the same table is played by an {@link OperationLeases} of its own holding the lease.
 */
class ReplicaSafetyTest {
  @TempDir Path data;
  private TestServers.Running server;
  private OperationLeases otherReplica;
  private String connectionId;

  @BeforeEach
  void start() throws Exception {
    server =
        TestServers.start(
            data,
            Map.of("ERRORBRIDGE_REPLICA_ID", "replica-a", "ERRORBRIDGE_OPERATION_LEASE", "PT30S"));
    otherReplica =
        new OperationLeases(
            server.server.components().table(),
            "replica-b",
            Duration.ofMinutes(1),
            Clock.systemUTC());
    HttpResponse<String> created =
        server.send(
            "POST",
            "/connections",
            TestServers.runflowConnection("replicas", "whsec-replicas-0123456789"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    connectionId = TestServers.JSON.readTree(created.body()).path("id").asText();
  }

  @AfterEach
  void stop() {
    otherReplica.close();
    server.close();
  }

  @Test
  void health_namesTheReplica() throws Exception {
    HttpResponse<String> health = server.send("GET", "/health", null);

    assertThat(TestServers.JSON.readTree(health.body()).path("replica").asText())
        .isEqualTo("replica-a");
  }

  @Test
  void metrics_carryTheReplicaInfo() {
    HttpResponse<String> metrics = server.send("GET", "/metrics", null);

    assertThat(metrics.body()).contains("errorbridge_replica_info{replica=\"replica-a\"} 1");
  }

  @Test
  void backfill_whileAnotherReplicaRunsOne_answers409NamingItAndWhenItsLeaseEnds()
      throws Exception {
    Acquisition held = otherReplica.acquire(connectionId, Operation.BACKFILL);
    assertThat(held).isInstanceOf(Acquisition.Acquired.class);

    HttpResponse<String> answer =
        server.send("POST", "/connections/" + connectionId + "/backfill", "{\"since\":\"PT1H\"}");

    JsonNode body = TestServers.JSON.readTree(answer.body());
    assertThat(answer.statusCode()).isEqualTo(409);
    assertThat(body.path("error").asText()).isEqualTo("BackfillRunning");
    assertThat(body.path("holder").asText()).isEqualTo("replica-b");
    assertThat(body.path("message").asText()).contains("replica-b", "ERRORBRIDGE_OPERATION_LEASE");
    assertThat(answer.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void replay_whileAnotherReplicaRunsOne_answers409ButADryRunStillAnswers() throws Exception {
    otherReplica.acquire(connectionId, Operation.REPLAY);

    HttpResponse<String> answer =
        server.send(
            "POST", "/connections/" + connectionId + "/dead-letters/replay", "{\"limit\":10}");
    HttpResponse<String> dryRun =
        server.send(
            "POST",
            "/connections/" + connectionId + "/dead-letters/replay",
            "{\"limit\":10,\"dryRun\":true}");

    assertThat(answer.statusCode()).isEqualTo(409);
    assertThat(TestServers.JSON.readTree(answer.body()).path("error").asText())
        .isEqualTo("ReplayRunning");
    assertThat(dryRun.statusCode()).isEqualTo(200);
  }

  @Test
  void replay_afterTheOtherReplicaFinished_runsAndGivesTheLeaseBack() {
    Acquisition.Acquired held =
        (Acquisition.Acquired) otherReplica.acquire(connectionId, Operation.REPLAY);
    held.lease().close();

    HttpResponse<String> answer =
        server.send(
            "POST", "/connections/" + connectionId + "/dead-letters/replay", "{\"limit\":10}");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("\"summary\"");
    assertThat(otherReplica.acquire(connectionId, Operation.REPLAY))
        .isInstanceOf(Acquisition.Acquired.class);
  }
}
