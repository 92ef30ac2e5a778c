package dev.errorbridge.connector.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.connector.source.SourceTestKit;
import java.time.Instant;
import java.util.List;

/**
 * A Dify app's service API on WireMock under {@code /<connection>/v1}: log pages (newest first,
 * offset pages) and run details, built from rows in the documented shape. Later stubs replace
 * earlier ones, so a test changes what the platform answers between polls.
 */
final class DifyFake {
  static final String APP = "3c9f5a1e-8d42-4b7e-a6f0-1e2d3c4b5a69";

  private final WireMockExtension server;
  private final String prefix;

  DifyFake(WireMockExtension server, String connectionId) {
    this.server = server;
    this.prefix = "/" + connectionId + "/v1";
  }

  /** A log row of a run {@code status}, created (started) at {@code created}. */
  static ObjectNode row(String runId, String status, Instant created) {
    ObjectNode row = SourceTestKit.json().createObjectNode();
    row.put("id", "log-" + runId);
    ObjectNode run = row.putObject("workflow_run");
    run.put("id", runId)
        .put("version", "2026-02-01 17:40:03.554201")
        .put("status", status)
        .put("triggered_from", "app-run")
        .put("error", "failed".equals(status) ? "Node 'LLM' run failed: " + runId : null)
        .put("elapsed_time", 1.5)
        .put("created_at", created.getEpochSecond());
    if ("running".equals(status) || "paused".equals(status)) {
      run.putNull("finished_at");
    } else {
      run.put("finished_at", created.getEpochSecond() + 2);
    }
    row.put("created_from", "service-api").put("created_at", created.getEpochSecond());
    return row;
  }

  /** The failed-runs list ({@code status=failed}) as these pages, the last one without more. */
  void failedPages(List<List<ObjectNode>> pages) {
    for (int i = 0; i < pages.size(); i++) {
      page("failed", i + 1, pages.get(i), i < pages.size() - 1);
    }
  }

  /** The unfiltered list (every status; what a connection streaming PARTIAL reads), one page. */
  void allRuns(List<ObjectNode> rows) {
    server.stubFor(
        get(urlPathEqualTo(prefix + "/workflows/logs"))
            .withQueryParam("status", absent())
            .willReturn(okJson(body(1, rows, false))));
  }

  void page(String status, int page, List<ObjectNode> rows, boolean hasMore) {
    server.stubFor(logs(status, page).willReturn(okJson(body(page, rows, hasMore))));
  }

  /** Answers {@code page} of {@code status} with {@code response}. */
  void page(
      String status,
      int page,
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
    server.stubFor(logs(status, page).willReturn(response));
  }

  /** The run detail of {@code runId} (status and error from its row), or 404 when gone. */
  void detail(String runId, String status, Instant created) {
    ObjectNode detail = SourceTestKit.json().createObjectNode();
    detail
        .put("id", runId)
        .put("workflow_id", "wf-" + runId)
        .put("status", status)
        .put("error", "failed".equals(status) ? "Node 'LLM' run failed: " + runId : null)
        .put("created_at", created.getEpochSecond())
        .put("elapsed_time", 1.5);
    if ("running".equals(status)) {
      detail.putNull("finished_at");
    } else {
      detail.put("finished_at", created.getEpochSecond() + 90);
    }
    server.stubFor(
        get(urlPathEqualTo(prefix + "/workflows/run/" + runId))
            .willReturn(okJson(detail.toString())));
  }

  void detailGone(String runId) {
    server.stubFor(
        get(urlPathEqualTo(prefix + "/workflows/run/" + runId))
            .willReturn(notFound().withBody("{\"code\":\"not_found\",\"status\":404}")));
  }

  /** The detail request of {@code runId}, for asserting which details a poll read. */
  String runPath(String runId) {
    return prefix + "/workflows/run/" + runId;
  }

  /** Every list request, for asserting the frozen bounds. */
  String logsPath() {
    return prefix + "/workflows/logs";
  }

  private MappingBuilder logs(String status, int page) {
    return get(urlPathEqualTo(prefix + "/workflows/logs"))
        .withQueryParam("status", equalTo(status))
        .withQueryParam("page", equalTo(String.valueOf(page)));
  }

  private static String body(int page, List<ObjectNode> rows, boolean hasMore) {
    ObjectNode body = SourceTestKit.json().createObjectNode();
    body.put("page", page).put("limit", 2).put("has_more", hasMore);
    ArrayNode data = body.putArray("data");
    rows.forEach(data::add);
    return body.toString();
  }
}
