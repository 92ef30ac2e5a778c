package dev.errorbridge.server.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runflow's run API on loopback (Javalin), one organization per path prefix: {@code GET
 * /<org>/v1/runs} lists the organization's failed runs, oldest first on one page, for the {@code
 * status_code:failed} query (nothing for the other statuses); {@code GET /<org>/v1/runs/<id>}
 * answers 404, so the poller builds each failure from its list row. Connections reach it when the
 * server allow-lists 127.0.0.1.
 */
final class RunflowApi implements AutoCloseable {
  static final String API_KEY = "rf_live_crash_harness_0123456789";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, List<String>> failedRuns = new ConcurrentHashMap<>();
  private final Instant created = Instant.now().minusSeconds(120);
  private final Javalin app;

  private RunflowApi() {
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.routes.get(
                  "/{org}/v1/runs",
                  ctx -> {
                    String q = ctx.queryParam("q");
                    boolean failed = q != null && q.contains("status_code:failed");
                    ctx.contentType("application/json")
                        .result(
                            page(failed
                                    ? failedRuns.getOrDefault(ctx.pathParam("org"), List.of())
                                    : List.of())
                                .toString());
                  });
              config.routes.get(
                  "/{org}/v1/runs/{id}",
                  ctx ->
                      ctx.status(404)
                          .contentType("application/json")
                          .result("{\"code\":\"NOT_FOUND\",\"message\":\"no such run\"}"));
            });
  }

  static RunflowApi start() {
    RunflowApi api = new RunflowApi();
    api.app.start("127.0.0.1", 0);
    return api;
  }

  /** From now on {@code org} lists these failed runs. */
  void failedRuns(String org, List<String> runIds) {
    failedRuns.put(org, List.copyOf(runIds));
  }

  /** The base URL of {@code org}, as a connection's {@code source.baseUrl}. */
  String baseUrl(String org) {
    return "http://127.0.0.1:" + app.port() + "/" + org;
  }

  private ObjectNode page(List<String> runIds) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode items = body.putArray("items");
    for (int i = 0; i < runIds.size(); i++) {
      Instant at = created.plusSeconds(i);
      items
          .addObject()
          .put("id", runIds.get(i))
          .put("status_code", "failed")
          .put("failure_code", "NODE_FAILED")
          .put("failure_message", "Node 'Upscale' failed: " + runIds.get(i))
          .put("flow_id", "0193f0aa-1c2d-7e3f-8a9b-0c1d2e3f4a5b")
          .put("source_code", "api")
          .put("created_at", at.toString())
          .put("started_at", at.plusSeconds(1).toString())
          .put("completed_at", at.plusSeconds(30).toString())
          .put("duration_ms", 29000)
          .put("has_node_runs", false);
    }
    body.putNull("next_pq");
    return body;
  }

  @Override
  public void close() {
    app.stop();
  }
}
