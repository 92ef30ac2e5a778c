package dev.errorbridge.connector.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.connector.source.SourceTestKit;
import java.time.Instant;
import java.util.List;

/**
 * A Runflow organization on WireMock under {@code /<connection>}: failed runs oldest first with
 * cursor pages ({@code next_pq}), and no run details (a run's failure is built from its list row).
 */
final class RunflowFake {
  private final WireMockExtension server;
  private final String prefix;

  RunflowFake(WireMockExtension server, String connectionId) {
    this.server = server;
    this.prefix = "/" + connectionId;
    server.stubFor(
        get(urlPathMatching(prefix + "/v1/runs/[^/]+"))
            .willReturn(notFound().withBody("{\"code\":\"NOT_FOUND\"}")));
  }

  /** A failed run's list row, created (dispatched) at {@code created}. */
  static ObjectNode run(String id, Instant created) {
    ObjectNode row = SourceTestKit.json().createObjectNode();
    row.put("id", id)
        .put("status_code", "failed")
        .put("failure_code", "NODE_FAILED")
        .put("failure_message", "Node 'Upscale' failed: " + id)
        .put("flow_id", "0193f0aa-1c2d-7e3f-8a9b-0c1d2e3f4a5b")
        .put("source_code", "api")
        .put("created_at", created.toString())
        .put("started_at", created.plusSeconds(1).toString())
        .put("completed_at", created.plusSeconds(30).toString())
        .put("duration_ms", 29000)
        .put("has_node_runs", false);
    return row;
  }

  /** The failed runs as these cursor pages. */
  void failedPages(List<List<ObjectNode>> pages) {
    for (int i = 0; i < pages.size(); i++) {
      MappingBuilder list =
          get(urlPathEqualTo(prefix + "/v1/runs"))
              .withQueryParam("q", containing("status_code:failed"))
              .withQueryParam("pq", i == 0 ? absent() : equalTo("cursor-" + i));
      server.stubFor(
          list.willReturn(
              okJson(body(pages.get(i), i < pages.size() - 1 ? "cursor-" + (i + 1) : null))));
    }
  }

  private static String body(List<ObjectNode> rows, String next) {
    ObjectNode body = SourceTestKit.json().createObjectNode();
    ArrayNode items = body.putArray("items");
    rows.forEach(items::add);
    body.put("next_pq", next);
    return body.toString();
  }
}
