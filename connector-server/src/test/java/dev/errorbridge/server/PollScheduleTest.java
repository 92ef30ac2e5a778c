package dev.errorbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errorbridge.server.testing.DifyApi;
import dev.errorbridge.server.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process poll schedule polls an enabled connection without being asked. */
class PollScheduleTest {
  @TempDir Path data;

  @Test
  void schedule_whenAPolledConnectionIsEnabled_pollsItAndReportsItsLag() {
    try (DifyApi dify = DifyApi.start();
        TestServers.Running server =
            TestServers.start(
                data,
                Map.of(
                    "ERRORBRIDGE_ALLOWED_HOSTS", "127.0.0.1",
                    "ERRORBRIDGE_POLL_INTERVAL", "PT1S"))) {
      String id =
          server
              .json(server.send("POST", "/connections", dify.connection("polled")))
              .path("id")
              .asText();
      // The first cycle saves the checkpoint whose watermark the lag metric is measured from.
      await()
          .atMost(Duration.ofSeconds(45))
          .until(
              () ->
                  server
                      .send("GET", "/metrics", null)
                      .body()
                      .contains("errorbridge_poll_lag_seconds{connection=\"" + id + "\""));
      String health = server.send("GET", "/health", null).body();
      assertThat(health).contains("\"poll-schedule\":{\"status\":\"UP\"");
    }
  }
}
