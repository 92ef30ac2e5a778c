package dev.errorbridge.server.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.time.Instant;
import java.util.List;

/**
 * A Dify app's service API on loopback (Javalin): two failed runs an hour old in the failed-runs
 * log, and their details. Connections reach it when the server allow-lists 127.0.0.1.
 */
public final class DifyApi implements AutoCloseable {
  private final Instant created = Instant.now().minusSeconds(3_600);
  private final Javalin app;

  private DifyApi() {
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.routes.get("/v1/workflows/logs", ctx -> ctx.result(logs().toString()));
              config.routes.get(
                  "/v1/workflows/run/{id}",
                  ctx -> ctx.result(detail(ctx.pathParam("id")).toString()));
            });
  }

  public static DifyApi start() {
    DifyApi api = new DifyApi();
    api.app.start("127.0.0.1", 0);
    return api;
  }

  /** A Dify connection (enabled) to this API publishing to the demo bus. */
  public String connection(String name) {
    return """
        {"name": "%s", "enabled": true,
         "source": {"platform": "dify", "baseUrl": "http://127.0.0.1:%d/v1",
                    "apiKey": "app-dify-test-key-0001", "options": {"appId": "app-77"}},
         "destination": {"region": "us-east-1", "eventBus": "errorbridge-demo",
           "auth": {"mode": "ACCESS_KEYS", "accessKeyId": "%s", "secretAccessKey": "%s"}}}
        """
        .formatted(name, app.port(), TestServers.DEMO_KEY_ID, TestServers.DEMO_SECRET);
  }

  private ObjectNode logs() {
    ObjectNode body = TestServers.JSON.createObjectNode();
    body.put("page", 1).put("limit", 20).put("has_more", false);
    ArrayNode rows = body.putArray("data");
    for (String run : List.of("run-a", "run-b")) {
      ObjectNode row = rows.addObject();
      row.put("id", "log-" + run)
          .put("created_from", "service-api")
          .put("created_at", created.getEpochSecond());
      row.putObject("workflow_run")
          .put("id", run)
          .put("version", "2026-02-01 17:40:03.554201")
          .put("status", "failed")
          .put("triggered_from", "app-run")
          .put("error", "Node 'LLM' run failed: " + run)
          .put("elapsed_time", 1.5)
          .put("created_at", created.getEpochSecond())
          .put("finished_at", created.getEpochSecond() + 2);
    }
    return body;
  }

  private ObjectNode detail(String run) {
    return TestServers.JSON
        .createObjectNode()
        .put("id", run)
        .put("workflow_id", "wf-" + run)
        .put("status", "failed")
        .put("error", "Node 'LLM' run failed: " + run)
        .put("created_at", created.getEpochSecond())
        .put("finished_at", created.getEpochSecond() + 2)
        .put("elapsed_time", 1.5);
  }

  @Override
  public void close() {
    app.stop();
  }
}
