package dev.errorbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dify and Runflow for a thousand connections at once, answered by one WireMock transformer from
 * the request path, so that WireMock matches one stub instead of thousands. Connection {@code i}
 * lives under {@code /c<i>}; its failed runs are a pure function of {@code i} and the cycles so
 * far: cycle {@code c} adds {@code 1 + (i + c) % 3} failures (1–3), and every earlier cycle's
 * failures stay in the window (the lookback overlap, which delivery deduplicates).
 *
 * <ul>
 *   <li>Dify: {@code GET /c<i>/v1/workflows/logs?status=failed&page&limit} newest first with {@code
 *       has_more}; {@code GET /c<i>/v1/workflows/run/<id>} the run detail.
 *   <li>Runflow: {@code GET /c<i>/v1/runs?q&limit&pq} oldest first with cursor {@code next_pq};
 *       {@code GET /c<i>/v1/runs/<id>} the detail with {@code node_runs} embedded.
 * </ul>
 */
final class BenchPlatforms implements ResponseDefinitionTransformerV2 {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DIFY_LOGS = Pattern.compile("/c(\\d+)/v1/workflows/logs");
  private static final Pattern DIFY_RUN = Pattern.compile("/c(\\d+)/v1/workflows/run/([^/]+)");
  private static final Pattern RUNFLOW_RUNS = Pattern.compile("/c(\\d+)/v1/runs");
  private static final Pattern RUNFLOW_RUN = Pattern.compile("/c(\\d+)/v1/runs/([^/]+)");

  private final Instant base;
  private final AtomicInteger cycle = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();

  /**
   * @param base failures of cycle {@code c} start at {@code base + c minutes}
   */
  BenchPlatforms(Instant base) {
    this.base = base;
  }

  /** Moves to the next cycle: each connection gets new failures. */
  void nextCycle() {
    cycle.incrementAndGet();
  }

  /** Requests answered since the last call. */
  long takeRequests() {
    return requests.getAndSet(0);
  }

  /** The failures of connection {@code i} new in cycle {@code c}. */
  static int newFailures(int i, int c) {
    return 1 + (i + c) % 3;
  }

  @Override
  public String getName() {
    return "bench-platforms";
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    requests.incrementAndGet();
    Request request = serveEvent.getRequest();
    String path = request.getUrl().split("\\?", 2)[0];
    Matcher m;
    if ((m = DIFY_LOGS.matcher(path)).matches()) {
      return difyLogs(Integer.parseInt(m.group(1)), request);
    }
    if ((m = DIFY_RUN.matcher(path)).matches()) {
      return ok(difyRun(m.group(2)));
    }
    if ((m = RUNFLOW_RUN.matcher(path)).matches()) {
      return ok(runflowRun(m.group(2)));
    }
    if ((m = RUNFLOW_RUNS.matcher(path)).matches()) {
      return runflowRuns(Integer.parseInt(m.group(1)), request);
    }
    return new ResponseDefinitionBuilder().withStatus(404).withBody("{}").build();
  }

  /** Run ids {@code c<i>-k<cycle>-<j>} with their list times, oldest first. */
  private List<Run> runs(int i) {
    List<Run> runs = new ArrayList<>();
    for (int c = 1; c <= cycle.get(); c++) {
      for (int j = 0; j < newFailures(i, c); j++) {
        runs.add(new Run("c" + i + "-k" + c + "-" + j, base.plusSeconds(60L * c + j)));
      }
    }
    return runs;
  }

  private record Run(String id, Instant created) {}

  private ResponseDefinition difyLogs(int i, Request request) {
    int page = Integer.parseInt(request.queryParameter("page").firstValue());
    int limit = Integer.parseInt(request.queryParameter("limit").firstValue());
    List<Run> runs = runs(i);
    runs.sort(Comparator.comparing(Run::created).reversed());
    int from = Math.min((page - 1) * limit, runs.size());
    int to = Math.min(from + limit, runs.size());
    ObjectNode body = JSON.createObjectNode();
    body.put("page", page).put("limit", limit).put("total", runs.size());
    body.put("has_more", to < runs.size());
    ArrayNode data = body.putArray("data");
    for (Run run : runs.subList(from, to)) {
      ObjectNode row = data.addObject();
      row.put("id", "log-" + run.id());
      row.putObject("workflow_run")
          .put("id", run.id())
          .put("version", "2026-02-01 17:40:03.554201")
          .put("status", "failed")
          .put("triggered_from", "app-run")
          .put("error", "Node 'LLM' run failed: upstream 502")
          .put("elapsed_time", 1.5)
          .put("created_at", run.created().getEpochSecond())
          .put("finished_at", run.created().getEpochSecond() + 2);
      row.put("created_from", "service-api").put("created_at", run.created().getEpochSecond());
    }
    return ok(body.toString());
  }

  private static String difyRun(String id) {
    return "{\"id\":\""
        + id
        + "\",\"workflow_id\":\"wf-bench\",\"status\":\"failed\",\"inputs\":{\"q\":\"x\"},"
        + "\"error\":\"Node 'LLM' run failed: upstream 502\",\"total_steps\":3,"
        + "\"created_at\":1770109352,\"finished_at\":1770109354,\"elapsed_time\":1.5}";
  }

  private ResponseDefinition runflowRuns(int i, Request request) {
    int limit = Integer.parseInt(request.queryParameter("limit").firstValue());
    String cursor =
        request.queryParameter("pq").isPresent() ? request.queryParameter("pq").firstValue() : null;
    int from = cursor == null ? 0 : Integer.parseInt(cursor.substring(1));
    List<Run> runs = runs(i);
    int to = Math.min(from + limit, runs.size());
    ObjectNode body = JSON.createObjectNode();
    ArrayNode items = body.putArray("items");
    for (Run run : runs.subList(Math.min(from, runs.size()), to)) {
      items.add(runflowRow(run.id(), run.created()));
    }
    body.put("next_pq", to < runs.size() ? "p" + to : null);
    return ok(body.toString());
  }

  private static ObjectNode runflowRow(String id, Instant created) {
    ObjectNode row = JSON.createObjectNode();
    row.put("id", id)
        .put("status_code", "failed")
        .put("failure_code", "NODE_FAILED")
        .put("failure_message", "Node 'Upscale' failed: worker out of memory")
        .put("flow_id", "0193f0aa-1c2d-7e3f-8a9b-0c1d2e3f4a5b")
        .put("source_code", "api")
        .put("created_at", created.toString())
        .put("started_at", created.plusSeconds(1).toString())
        .put("completed_at", created.plusSeconds(30).toString())
        .put("duration_ms", 29000)
        .put("has_node_runs", true);
    return row;
  }

  private String runflowRun(String id) {
    ObjectNode run = runflowRow(id, base);
    ArrayNode nodes = run.putArray("node_runs");
    nodes
        .addObject()
        .put("id", id + "-n1")
        .put("node_id", "upscale")
        .put("node_name", "Upscale")
        .put("status_code", "failed")
        .put("error_message", "CUDA out of memory");
    return run.toString();
  }

  private static ResponseDefinition ok(String json) {
    return new ResponseDefinitionBuilder()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(json)
        .build();
  }
}
