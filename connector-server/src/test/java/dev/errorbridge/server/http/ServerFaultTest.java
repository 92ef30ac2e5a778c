package dev.errorbridge.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.server.testing.LogCapture;
import dev.errorbridge.server.testing.RawHttp;
import dev.errorbridge.server.testing.TestServers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fault of the server itself (here: its table is gone) is a 500 whose body carries an incident
 * id, and the log has exactly one ERROR line for it, with the id and the stack trace.
 */
class ServerFaultTest {
  @TempDir static Path data;
  static TestServers.Running server;
  static RawHttp http;
  static String connectionId;

  @BeforeAll
  static void startAndBreak() {
    server = TestServers.start(data);
    http = new RawHttp(server.baseUri().getPort());
    connectionId = server.createRunflowConnection("doomed", "whsec-doomed-0123456789");
    var table = server.server.components().table();
    table.client().deleteTable(r -> r.tableName(table.name()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/connections", "/connections/ID/dead-letters"})
  void anyRoute_whenTheStoreIsGone_answers500WithAnIncidentLoggedOnce(String path)
      throws Exception {
    try (LogCapture log = LogCapture.open()) {
      RawHttp.Response response =
          http.send(
              "GET",
              path.replace("ID", connectionId),
              List.of("Authorization: Bearer " + server.token()),
              null);

      assertThat(response.status()).isEqualTo(500);
      JsonNode body = TestServers.JSON.readTree(response.body());
      String incident = body.path("incident").asText();
      assertThat(incident).matches("[0-9a-f-]{36}");
      assertThat(body.path("message").asText()).contains(incident);
      // Filtered by the id: the background workers may log their own failures meanwhile.
      assertThat(log.errors()).filteredOn(line -> line.contains(incident)).hasSize(1);
      assertThat(log.withStackTraces()).filteredOn(line -> line.contains(incident)).hasSize(1);
      assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.");
    }
  }
}
