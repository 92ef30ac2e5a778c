package dev.errorbridge.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** The operator's HTTP calls to the server. */
final class Operator {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  Operator(URI base) {
    this.base = base;
  }

  String createConnection(int index, int runflowPort) throws IOException, InterruptedException {
    return createConnection(index, runflowPort, null);
  }

  /**
   * @param pollInterval the connection's {@code pollInterval} option, or {@code null} for the
   *     default
   */
  String createConnection(int index, int runflowPort, String pollInterval)
      throws IOException, InterruptedException {
    String options =
        pollInterval == null ? "" : ", \"options\": {\"pollInterval\": \"" + pollInterval + "\"}";
    String body =
        """
        {"name": "chaos %d", "enabled": true,
         "source": {"platform": "runflow", "baseUrl": "http://127.0.0.1:%d/c%d",
                    "apiKey": "rf_live_chaos_benchmark_0123456789"%s},
         "webhook": {"secret": "%s"},
         "destination": {"region": "%s", "eventBus": "%s",
           "auth": {"mode": "ACCESS_KEYS", "accessKeyId": "%s", "secretAccessKey": "%s"}}}
        """
            .formatted(
                index,
                runflowPort,
                index,
                options,
                WebhookSenders.SECRET,
                ChaosWorld.REGION,
                ChaosWorld.BUS,
                ChaosWorld.CUSTOMER_KEY.accessKeyId(),
                ChaosWorld.CUSTOMER_KEY.secretAccessKey());
    HttpResponse<String> created = send("POST", "/connections", body);
    if (created.statusCode() != 201) {
      throw new IllegalStateException("creating a connection failed: " + created.body());
    }
    return JSON.readTree(created.body()).path("id").asText();
  }

  Set<String> deadLetters(String connectionId) {
    try {
      HttpResponse<String> listed =
          send("GET", "/connections/" + connectionId + "/dead-letters?limit=1000", null);
      Set<String> ids = new HashSet<>();
      for (JsonNode letter : JSON.readTree(listed.body()).path("deadLetters")) {
        ids.add(letter.path("eventId").asText());
      }
      return ids;
    } catch (IOException e) {
      throw new IllegalStateException("listing dead letters failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The replica's {@code errorbridge_poll_cycles_running} gauge (its own poll cycles holding their
   * connections now), read from its replica-only metrics; -1 when it does not answer.
   */
  int pollCyclesRunning() {
    try {
      HttpResponse<String> metrics = send("GET", "/metrics?scope=replica", null);
      for (String line : metrics.body().split("\n")) {
        if (line.startsWith("errorbridge_poll_cycles_running ")) {
          return (int) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
        }
      }
      return -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private HttpResponse<String> send(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + ChaosRun.OPERATOR_TOKEN)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
