package dev.errorbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.errorbridge.server.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Secrets never appear in the server's JSON logs (at DEBUG), its responses or the alerts, whatever
 * route they pass through; the operator token never appears in the logs either.
 */
class SecretCanaryTest {
  static final String WEBHOOK_SECRET = "CANARY-webhook-secret-0001";
  static final String AWS_SECRET = "CANARYaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";

  @TempDir Path data;

  @Test
  void everyRoute_whenSecretsPassThrough_neverLogsOrReturnsThem() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level previous = root.getLevel();
    PrintStream originalOut = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<String> bodies = new ArrayList<>();
    String token;
    root.setLevel(Level.DEBUG);
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (TestServers.Running server = TestServers.start(data)) {
      token = server.token();
      // One connection whose webhook secret is a canary (it delivers with the demo keys), one
      // whose AWS secret is (its test and webhooks fail: local-aws rejects the signature).
      var created =
          server.send(
              "POST", "/connections", TestServers.runflowConnection("canary", WEBHOOK_SECRET));
      bodies.add(created.body());
      String id = server.json(created).path("id").asText();
      var badKeys =
          server.send(
              "POST",
              "/connections",
              TestServers.runflowConnection("canary-keys", "whsec-canary-keys-0001")
                  .replace(TestServers.DEMO_SECRET, AWS_SECRET));
      bodies.add(badKeys.body());
      String badId = server.json(badKeys).path("id").asText();
      bodies.add(server.send("POST", "/connections/" + badId + "/test", null).body());
      bodies.add(
          server
              .runflowWebhook(
                  badId, TestServers.runflowFailed("canary-keys"), "whsec-canary-keys-0001")
              .body());
      bodies.add(server.send("GET", "/connections/" + badId + "/dead-letters", null).body());
      bodies.add(server.send("GET", "/connections/" + id, null).body());
      bodies.add(server.send("GET", "/connections", null).body());
      bodies.add(server.send("POST", "/connections/" + id + "/test", null).body());
      bodies.add(
          server
              .runflowWebhook(id, TestServers.runflowFailed("canary-run"), WEBHOOK_SECRET)
              .body());
      bodies.add(
          server
              .runflowWebhook(id, TestServers.runflowFailed("canary-2"), "wrong-secret-000000000")
              .body());
      bodies.add(server.send("GET", "/connections/" + id + "/dead-letters", null).body());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> server.send("GET", "/alerts", null).body().contains(id));
      bodies.add(server.send("GET", "/alerts", null).body());
      bodies.add(server.send("GET", "/metrics", null).body());
      bodies.add(server.send("GET", "/health", null).body());
      bodies.add(server.send("DELETE", "/connections/" + id, null).body());
    } finally {
      System.setOut(originalOut);
      root.setLevel(previous);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).contains("\"level\":\"DEBUG\"").contains("http request");
    for (String text : concat(bodies, logs)) {
      assertThat(text).doesNotContain("CANARY").doesNotContain(token);
    }
    // The only file that holds the token is the owner-only token file.
    try (Stream<Path> files = Files.walk(data.resolve("dynamodb"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
            .doesNotContain("CANARY");
      }
    }
  }

  private static List<String> concat(List<String> bodies, String logs) {
    List<String> all = new ArrayList<>(bodies);
    all.add(logs);
    return all;
  }
}
