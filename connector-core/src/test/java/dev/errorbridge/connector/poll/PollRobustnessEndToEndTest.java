package dev.errorbridge.connector.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.errorbridge.connector.poll.DifyFake.row;
import static dev.errorbridge.connector.poll.PollWorld.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.publish.PublisherConfig;
import dev.errorbridge.connector.source.SourceTestKit;
import dev.errorbridge.connector.source.http.SourceHttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * WireMock Dify → scheduler → runner → engine → ConnectionDelivery → local-aws bus → rule →
 * recording target, through a window that holds everything that used to stop a poll for good: a
 * page larger than the body limit (two runs carrying 17 MiB errors each), a log row whose run
 * retention removed, and a failed run without a start time. Every failure is published exactly
 * once, and the connection stays ACTIVE.
 */
class PollRobustnessEndToEndTest extends PollTestBase {
  private static final String ID = "dify-1";
  private static final int BIG_ERROR = 17 << 20;

  @Override
  PollWorld newWorld(PollInfra infra) {
    return new PollWorld(
        infra,
        PollConfig.builder().initialLookback(Duration.ofMinutes(30)).build(),
        PublisherConfig.builder());
  }

  @Test
  void poll_whenTheWindowHoldsAnOversizedPageANullRunRowAndAStartlessRun_publishesEachOnce() {
    world.create(
        ID,
        Platform.DIFY,
        platform,
        Set.of(Outcome.FAILED),
        Map.of("appId", DifyFake.APP, "pageSize", "4"));
    DifyFake dify = new DifyFake(platform, ID);
    ObjectNode big1 = bigError(row("run-big-1", "failed", at("09:50")));
    ObjectNode withoutRun = row("run-removed", "failed", at("09:45"));
    withoutRun.putNull("workflow_run");
    ObjectNode startless = startless("run-startless", at("09:40"));
    ObjectNode big2 = bigError(row("run-big-2", "failed", at("09:30")));
    // newest first: a page of 4 carries both large errors (34 MiB); pages of 2 carry one each
    stubLogs(4, 1, false, big1, withoutRun, startless, big2);
    stubLogs(2, 1, true, big1, withoutRun);
    stubLogs(2, 2, false, startless, big2);
    List.of("run-big-1", "run-big-2").forEach(dify::detailGone);
    dify.detail("run-startless", "failed", at("09:39")); // replaced below: no start time
    platform.stubFor(
        get(urlPathEqualTo(dify.runPath("run-startless")))
            .willReturn(okJson(startlessDetail("run-startless", at("09:40")).toString())));

    PollRunReport first = pollDue();
    world.clock.advance(Duration.ofMinutes(1));
    PollRunReport second = pollDue();

    PollCycleReport cycle = first.cycles().get(0);
    assertThat(cycle.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(cycle.counts()).isEqualTo(new DeliveryCounts(3, 3, 0, 0, 0, 0, 1, 0));
    assertThat(cycle.watermarkAfter()).isEqualTo(NOW);
    assertThat(second.cycles().get(0).status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(second.cycles().get(0).counts().delivered()).isZero();
    List<JsonNode> events = world.events();
    assertThat(world.deliveredExecutionIds())
        .containsExactlyInAnyOrder("run-big-1", "run-startless", "run-big-2");
    JsonNode startlessEvent = event(events, "run-startless");
    assertThat(startlessEvent.at("/detail/execution").has("startedAt")).isFalse();
    assertThat(startlessEvent.at("/detail/execution/finishedAt").asText())
        .isEqualTo("2026-02-03T09:40:00.000Z");
    assertThat(event(events, "run-big-1").at("/detail/truncated").asBoolean()).isTrue();
    assertThat(event(events, "run-big-1").at("/detail/error/message").asText())
        .startsWith("Node 'LLM' run failed: ")
        .endsWith("…[truncated]");
    ConnectionHealth health = world.connection(ID).health();
    assertThat(health.state()).isEqualTo(HealthState.ACTIVE);
    assertThat(health.reason()).isNull();
    assertThat(health.delivered()).isEqualTo(3);
    // one oversized answer, then pages of 2; the next cycle starts from the smaller size
    platform.verify(
        1, getRequestedFor(urlPathEqualTo(dify.logsPath())).withQueryParam("limit", equalTo("4")));
  }

  private PollRunReport pollDue() {
    try (PollRunner runner = new PollRunner(world.engine(), 2, world.config, world.clock)) {
      return runner.run(
          world.scheduler().due(0, ConnectionStore.SHARDS), world.deadline(Duration.ofMinutes(1)));
    }
  }

  private static JsonNode event(List<JsonNode> events, String executionId) {
    return events.stream()
        .filter(e -> e.at("/detail/execution/id").asText().equals(executionId))
        .findFirst()
        .orElseThrow();
  }

  private static ObjectNode bigError(ObjectNode row) {
    ObjectNode run = (ObjectNode) row.get("workflow_run");
    run.put("error", run.get("error").asText() + " " + "x".repeat(BIG_ERROR));
    return row;
  }

  /** A failed run that failed before it started: no time on its row or run but its end. */
  private static ObjectNode startless(String runId, java.time.Instant finished) {
    ObjectNode row = row(runId, "failed", finished);
    row.remove("created_at");
    ObjectNode run = (ObjectNode) row.get("workflow_run");
    run.remove("created_at");
    run.put("finished_at", finished.getEpochSecond());
    return row;
  }

  private static ObjectNode startlessDetail(String runId, java.time.Instant finished) {
    return SourceTestKit.json()
        .createObjectNode()
        .put("id", runId)
        .put("status", "failed")
        .put("error", "Node 'Start' run failed: quota exhausted before the run started")
        .put("finished_at", finished.getEpochSecond());
  }

  private void stubLogs(int limit, int page, boolean hasMore, ObjectNode... rows) {
    ObjectNode body = SourceTestKit.json().createObjectNode();
    body.put("page", page).put("limit", limit).put("has_more", hasMore);
    ArrayNode data = body.putArray("data");
    for (ObjectNode row : rows) {
      data.add(row);
    }
    String json = body.toString();
    assertThat(json.length() > SourceHttpClient.MAX_BODY_BYTES).isEqualTo(limit == 4);
    platform.stubFor(
        get(urlPathEqualTo("/" + ID + "/v1/workflows/logs"))
            .withQueryParam("status", equalTo("failed"))
            .withQueryParam("limit", equalTo(String.valueOf(limit)))
            .withQueryParam("page", equalTo(String.valueOf(page)))
            .willReturn(okJson(json)));
  }
}
