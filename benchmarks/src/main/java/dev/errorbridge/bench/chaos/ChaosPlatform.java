package dev.errorbridge.bench.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runflow's run API for every chaos connection, answered by one WireMock transformer: connection
 * {@code i} lives under {@code /c<i>}; {@code GET /c<i>/v1/runs} lists the failed runs revealed so
 * far (oldest first, one page, for the {@code status_code:failed} query; nothing for the other
 * statuses), and a run's detail is 404 so the poller builds it from its row. Runs are revealed as
 * the run goes on, so polls keep finding new failures around the kill.
 */
final class ChaosPlatform implements ResponseDefinitionTransformerV2 {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RUNS = Pattern.compile("/c(\\d+)/v1/runs");

  private record Run(String id, Instant created) {}

  private final Map<Integer, List<Run>> revealed = new ConcurrentHashMap<>();
  private final Map<Integer, List<Long>> failedListings = new ConcurrentHashMap<>();
  private volatile int delayMillis;

  /** Answers every listing this much later (a slow platform, so that cycles are in flight). */
  ChaosPlatform delay(int millis) {
    this.delayMillis = millis;
    return this;
  }

  /**
   * When each connection's failed runs were listed (one listing per poll cycle), in {@link
   * System#nanoTime()} nanoseconds, by connection index.
   */
  Map<Integer, List<Long>> failedListings() {
    return failedListings;
  }

  /** From now on connection {@code index}'s organization lists {@code runId}. */
  void reveal(int index, String runId) {
    revealed
        .computeIfAbsent(index, k -> new CopyOnWriteArrayList<>())
        .add(new Run(runId, Instant.now().minusSeconds(1)));
  }

  @Override
  public String getName() {
    return "chaos-runflow";
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    String path = request.getUrl().split("\\?", 2)[0];
    Matcher m = RUNS.matcher(path);
    if (!m.matches()) {
      return json(404, "{\"code\":\"NOT_FOUND\",\"message\":\"no such run\"}");
    }
    String q =
        request.queryParameter("q").isPresent() ? request.queryParameter("q").firstValue() : "";
    if (q.contains("status_code:failed")) {
      failedListings
          .computeIfAbsent(Integer.parseInt(m.group(1)), k -> new CopyOnWriteArrayList<>())
          .add(System.nanoTime());
    }
    List<Run> runs =
        q.contains("status_code:failed")
            ? revealed.getOrDefault(Integer.parseInt(m.group(1)), List.of())
            : List.of();
    ObjectNode body = JSON.createObjectNode();
    ArrayNode items = body.putArray("items");
    for (Run run : List.copyOf(runs)) {
      items
          .addObject()
          .put("id", run.id())
          .put("status_code", "failed")
          .put("failure_code", "NODE_FAILED")
          .put("failure_message", "Node 'Upscale' failed: out of memory")
          .put("flow_id", "0193f0aa-1c2d-7e3f-8a9b-0c1d2e3f4a5b")
          .put("source_code", "api")
          .put("created_at", run.created().toString())
          .put("started_at", run.created().toString())
          .put("completed_at", run.created().toString())
          .put("duration_ms", 1000)
          .put("has_node_runs", false);
    }
    body.putNull("next_pq");
    ResponseDefinition answer = json(200, body.toString());
    return delayMillis == 0
        ? answer
        : ResponseDefinitionBuilder.like(answer).withFixedDelay(delayMillis).build();
  }

  private static ResponseDefinition json(int status, String body) {
    return new ResponseDefinitionBuilder()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body)
        .build();
  }
}
