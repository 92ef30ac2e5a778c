package dev.errorbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errorbridge.server.testing.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shutdown lets a webhook that is being published finish, and turns new requests away. */
class GracefulShutdownTest {
  static final String SECRET = "whsec-shutdown-0123456789";

  @TempDir Path data;

  @Test
  void close_whenAWebhookIsInFlight_finishesItAndRefusesNewRequests() throws Exception {
    TestServers.Running server = TestServers.start(data);
    String id = server.createRunflowConnection("shutdown", SECRET);
    // Make the next PutEvents take 1.5 s, so the webhook is still in flight when shutdown starts.
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.embeddedAws() + "/_localaws/faults"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"operation\":\"PutEvents\",\"kind\":\"LATENCY\",\"latencyMs\":1500,"
                            + "\"times\":1}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    CompletableFuture<HttpResponse<String>> inFlight =
        CompletableFuture.supplyAsync(
            () -> server.runflowWebhook(id, TestServers.runflowFailed("in-flight"), SECRET));
    await().atMost(Duration.ofSeconds(5)).until(() -> server.server.requestsInFlight() == 1);
    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
    await().atMost(Duration.ofSeconds(5)).until(() -> !server.server.acceptingRequests());
    HttpResponse<String> refused = server.send("GET", "/connections", null);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).contains("ShuttingDown");

    HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(finished.statusCode()).isEqualTo(202);
    assertThat(finished.body()).contains("accepted");
    closing.get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
  }
}
