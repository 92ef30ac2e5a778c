package dev.errorbridge.connector.platform.dify;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.errorbridge.connector.source.SourceTestKit.KEY;
import static dev.errorbridge.connector.source.SourceTestKit.NOW;
import static dev.errorbridge.connector.source.SourceTestKit.TENANT;
import static dev.errorbridge.connector.source.SourceTestKit.compact;
import static dev.errorbridge.connector.source.SourceTestKit.farDeadline;
import static dev.errorbridge.connector.source.SourceTestKit.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.Delivery;
import dev.errorbridge.connector.FailedExecution.Execution;
import dev.errorbridge.connector.FailedExecution.RunError;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.RecheckResult;
import dev.errorbridge.connector.source.RecordingListener;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.ScanResult;
import dev.errorbridge.connector.source.SourceTestKit;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.time.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DifyFailureSourceTest {
  private static final String APP = "3c9f5a1e-8d42-4b7e-a6f0-1e2d3c4b5a69";
  private static final Instant AFTER = Instant.parse("2026-02-03T07:00:00Z");

  @RegisterExtension static WireMockExtension dify = SourceTestKit.wireMock();

  private final MutableClock clock = new MutableClock(NOW);

  @Test
  void scan_whenFailuresSpanTwoPages_deliversEachPageWithExactFailures() {
    stubFailedPages();
    RecordingListener listener = new RecordingListener();

    ScanResult result = source().scan(failures(AFTER), listener);

    assertThat(result)
        .isEqualTo(new ScanResult(true, 2, 5, 3, 0, Instant.parse("2026-02-03T09:02:32Z")));
    assertThat(listener.failurePages).extracting(List::size).containsExactly(2, 1);
    String console = SourceTestKit.origin(dify) + "/app/" + APP + "/logs";
    assertThat(listener.failures().get(0))
        .isEqualTo(
            new FailedExecution(
                Platform.DIFY,
                TENANT,
                "conn_dify",
                new Workflow(APP, "CRM enrichment", "2026-02-01 17:40:03.554201"),
                new Execution(
                    "b1f4e6a2-0c3d-4e58-9a71-2f6d8c4b3e95",
                    "failed",
                    Outcome.FAILED,
                    "app-run",
                    Instant.parse("2026-02-03T09:02:32Z"),
                    Instant.parse("2026-02-03T09:02:44Z"),
                    12070L,
                    console),
                new RunError("Node 'Fetch CRM record' run failed: HTTP 502 from upstream", null),
                List.of(),
                new Delivery(DeliveryPath.POLL, NOW),
                compact("dify/run-b1f4.json", "")));
    // RFC 822 times, inputs as an object and a Unicode error from the detail
    assertThat(listener.failures().get(1))
        .isEqualTo(
            new FailedExecution(
                Platform.DIFY,
                TENANT,
                "conn_dify",
                new Workflow(APP, "CRM enrichment", "2026-02-01 17:40:03.554201"),
                new Execution(
                    "0f2c8d4e-6a1b-47c3-8e95-d3b7a0c1f642",
                    "failed",
                    Outcome.FAILED,
                    "debugging",
                    Instant.parse("2026-02-03T08:40:01Z"),
                    Instant.parse("2026-02-03T08:40:02Z"),
                    80L,
                    console),
                new RunError("节点 'Übersetzung' 失败: ✗ quota exceeded 🚫", null),
                List.of(),
                new Delivery(DeliveryPath.POLL, NOW),
                compact("dify/run-0f2c.json", "")));
    // a late finisher (started before the last watermark, failed after it); its detail is gone
    FailedExecution late = listener.failures().get(2);
    assertThat(late.execution())
        .isEqualTo(
            new Execution(
                "7a3e5c1d-9f0b-4e2a-8c6d-1b3f5a7c9e02",
                "failed",
                Outcome.FAILED,
                "app-run",
                Instant.parse("2026-02-03T07:59:59Z"),
                Instant.parse("2026-02-03T09:30:00Z"),
                65500L,
                console));
    assertThat(late.rawPayload())
        .isEqualTo(compact("dify/logs-failed-page2.json", "/data/0/workflow_run"));
    dify.verify(
        getRequestedFor(urlPathEqualTo("/v1/workflows/logs"))
            .withQueryParam("status", equalTo("failed"))
            .withQueryParam("created_at__after", equalTo("2026-02-03T07:00:00Z"))
            .withQueryParam("created_at__before", equalTo("2026-02-03T10:00:00Z"))
            .withQueryParam("limit", equalTo("2"))
            .withQueryParam("page", equalTo("2"))
            .withHeader("Authorization", equalTo("Bearer " + KEY.reveal())));
  }

  @Test
  void scan_whenRowShiftsToNextPageWhilePaging_reportsItOnce() {
    stubFailedPages();
    // a run that failed mid-scan pushed the second row of page 1 onto page 2
    ObjectNode page2 = (ObjectNode) parse(fixture("dify/logs-failed-page2.json"));
    page2.withArray("data").insert(0, parse(fixture("dify/logs-failed-page1.json")).at("/data/1"));
    dify.stubFor(logs("failed", 2).willReturn(okJson(page2.toString())));
    RecordingListener listener = new RecordingListener();

    ScanResult result = source().scan(failures(AFTER), listener);

    assertThat(listener.ids())
        .containsExactly(
            "b1f4e6a2-0c3d-4e58-9a71-2f6d8c4b3e95",
            "0f2c8d4e-6a1b-47c3-8e95-d3b7a0c1f642",
            "7a3e5c1d-9f0b-4e2a-8c6d-1b3f5a7c9e02");
    assertThat(result.failures()).isEqualTo(3);
    dify.verify(
        1,
        getRequestedFor(urlPathEqualTo("/v1/workflows/run/0f2c8d4e-6a1b-47c3-8e95-d3b7a0c1f642")));
  }

  @Test
  void scan_whenRowStartedBeforeWindow_skipsItWithoutReadingItsDetail() {
    stubFailedPages();
    RecordingListener listener = new RecordingListener();

    ScanResult result = source().scan(failures(Instant.parse("2026-02-03T08:00:00Z")), listener);

    assertThat(listener.ids()).hasSize(2).doesNotContain("7a3e5c1d-9f0b-4e2a-8c6d-1b3f5a7c9e02");
    assertThat(result.complete()).isTrue();
    dify.verify(
        0,
        getRequestedFor(urlPathEqualTo("/v1/workflows/run/7a3e5c1d-9f0b-4e2a-8c6d-1b3f5a7c9e02")));
  }

  @Test
  void scan_whenStoppedOptedIn_readsFailedThenStoppedRuns() {
    dify.stubFor(logs("failed", 1).willReturn(okJson(empty())));
    dify.stubFor(logs("stopped", 1).willReturn(okJson(rows("/data/3"))));
    dify.stubFor(get(urlPathEqualTo("/v1/workflows/run/run-stopped")).willReturn(notFound()));
    RecordingListener listener = new RecordingListener();

    source().scan(failures(AFTER).withOutcomes(Set.of(Outcome.FAILED, Outcome.STOPPED)), listener);

    assertThat(listener.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.execution().status()).isEqualTo("stopped");
              assertThat(f.execution().outcome()).isEqualTo(Outcome.STOPPED);
              assertThat(f.error()).isEqualTo(new RunError("Moderation: output flagged", null));
            });
  }

  @Test
  void scan_whenPartialOptedIn_readsUnfilteredAndClassifiesEveryStatus() {
    dify.stubFor(
        get(urlPathEqualTo("/v1/workflows/logs"))
            .withQueryParam("status", absent())
            .willReturn(okJson(fixture("dify/logs-all-statuses.json"))));
    dify.stubFor(get(urlPathEqualTo("/v1/workflows/run/run-stopped")).willReturn(notFound()));
    dify.stubFor(get(urlPathEqualTo("/v1/workflows/run/run-partial")).willReturn(notFound()));
    dify.stubFor(get(urlPathEqualTo("/v1/workflows/run/run-failed")).willReturn(notFound()));
    RecordingListener listener = new RecordingListener();

    ScanResult result =
        source()
            .scan(failures(AFTER).withOutcomes(Set.of(Outcome.FAILED, Outcome.PARTIAL)), listener);

    assertThat(listener.failures())
        .extracting(
            f -> f.execution().id(), f -> f.execution().status(), f -> f.execution().outcome())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "run-partial", "partial-succeeded", Outcome.PARTIAL),
            org.assertj.core.groups.Tuple.tuple("run-failed", "failed", Outcome.FAILED));
    assertThat(listener.pending)
        .containsExactly(
            new PendingRun(
                "run-running",
                APP,
                "CRM enrichment",
                "running",
                Instant.parse("2026-02-03T09:30:00Z"),
                NOW),
            new PendingRun(
                "run-paused",
                APP,
                "CRM enrichment",
                "paused",
                Instant.ofEpochSecond(1770110000),
                NOW));
    assertThat(result.pending()).isEqualTo(2);
    assertThat(result.latestSeen()).isEqualTo(Instant.parse("2026-02-03T09:30:00Z"));
  }

  @Test
  void scan_whenWorkflowFilterNamesAnotherApp_sendsNoRequest() {
    ScanResult result =
        source()
            .scan(failures(AFTER).withWorkflowIds(Set.of("another-app")), new RecordingListener());

    assertThat(result).isEqualTo(new ScanResult(true, 0, 0, 0, 0, null));
    assertThat(dify.getAllServeEvents()).isEmpty();
  }

  @Test
  void scan_whenDeadlinePassesAfterFirstPage_returnsIncompleteWithFirstPageDelivered() {
    stubFailedPages();
    Deadline deadline = Deadline.after(Duration.ofSeconds(30), clock);
    RecordingListener listener =
        new RecordingListener(page -> clock.advance(Duration.ofMinutes(1)));

    ScanResult result = source().scan(ScanRequest.failures(AFTER, NOW, deadline), listener);

    assertThat(result.complete()).isFalse();
    assertThat(result.pages()).isEqualTo(1);
    assertThat(listener.failures()).hasSize(2);
    dify.verify(
        0,
        getRequestedFor(urlPathEqualTo("/v1/workflows/logs")).withQueryParam("page", equalTo("2")));
  }

  @Test
  void scan_whenErrorIsVeryLong_keepsItWhole() {
    String error = "Node 'Code' run failed: " + "Traceback line ✗\n".repeat(20_000);
    ObjectNode page = (ObjectNode) parse(fixture("dify/logs-failed-page2.json"));
    ((ObjectNode) page.at("/data/0/workflow_run")).put("error", error);
    dify.stubFor(logs("failed", 1).willReturn(okJson(page.toString())));
    dify.stubFor(
        get(urlPathEqualTo("/v1/workflows/run/7a3e5c1d-9f0b-4e2a-8c6d-1b3f5a7c9e02"))
            .willReturn(notFound()));
    RecordingListener listener = new RecordingListener();

    source().scan(failures(AFTER), listener);

    assertThat(listener.failures())
        .singleElement()
        .extracting(FailedExecution::error)
        .isEqualTo(new RunError(error, null));
  }

  @Test
  void recheck_whenRunStillRunning_saysSo() {
    dify.stubFor(runDetail("run-running", "dify/run-running.json"));

    assertThat(source().recheck(pending(), Set.of(Outcome.FAILED), farDeadline(clock)))
        .isEqualTo(new RecheckResult.StillRunning("running"));
  }

  @Test
  void recheck_whenLateFinisherFailed_returnsTerminalFailure() {
    dify.stubFor(runDetail("run-running", "dify/run-running-failed.json"));

    RecheckResult result = source().recheck(pending(), Set.of(Outcome.FAILED), farDeadline(clock));

    assertThat(result)
        .isEqualTo(
            new RecheckResult.Terminal(
                new FailedExecution(
                    Platform.DIFY,
                    TENANT,
                    "conn_dify",
                    new Workflow(APP, "CRM enrichment", null),
                    new Execution(
                        "run-running",
                        "failed",
                        Outcome.FAILED,
                        null,
                        Instant.parse("2026-02-03T09:30:00Z"),
                        Instant.parse("2026-02-03T09:31:05Z"),
                        65000L,
                        SourceTestKit.origin(dify) + "/app/" + APP + "/logs"),
                    new RunError("Node 'Wait for approval' run failed: timeout", null),
                    List.of(),
                    new Delivery(DeliveryPath.POLL, NOW),
                    compact("dify/run-running-failed.json", ""))));
  }

  @Test
  void recheck_whenRunStoppedButStoppedNotStreamed_ignoresIt() {
    dify.stubFor(
        get(urlPathEqualTo("/v1/workflows/run/run-running"))
            .willReturn(okJson("{\"id\":\"run-running\",\"status\":\"stopped\"}")));

    assertThat(source().recheck(pending(), Set.of(Outcome.FAILED), farDeadline(clock)))
        .isEqualTo(new RecheckResult.SucceededOrIgnored("stopped"));
  }

  @Test
  void recheck_whenRunSucceeded_ignoresIt() {
    dify.stubFor(
        get(urlPathEqualTo("/v1/workflows/run/run-running"))
            .willReturn(okJson("{\"id\":\"run-running\",\"status\":\"succeeded\"}")));

    assertThat(source().recheck(pending(), Set.of(Outcome.FAILED), farDeadline(clock)))
        .isEqualTo(new RecheckResult.SucceededOrIgnored("succeeded"));
  }

  @Test
  void recheck_whenRunIsGone_returnsNotFound() {
    dify.stubFor(
        get(urlPathEqualTo("/v1/workflows/run/run-running"))
            .willReturn(
                notFound()
                    .withBody(
                        "{\"code\":\"not_found\",\"message\":\"Workflow run not found\",\"status\":404}")));

    assertThat(source().recheck(pending(), Set.of(Outcome.FAILED), farDeadline(clock)))
        .isEqualTo(new RecheckResult.NotFound());
  }

  @Test
  void appLogsUrl_whenCloudOrSelfHosted_pointsAtTheConsole() {
    assertThat(DifyRuns.appLogsUrl(java.net.URI.create("https://api.dify.ai/v1"), "app-1"))
        .isEqualTo("https://cloud.dify.ai/app/app-1/logs");
    assertThat(DifyRuns.appLogsUrl(java.net.URI.create("https://dify.example.test/v1"), "app-1"))
        .isEqualTo("https://dify.example.test/app/app-1/logs");
  }

  @Test
  void scan_whenTheListenerKnowsAFailurePublished_readsNoDetailForItAndStillNotesItsTime() {
    stubFailedPages();
    String known = "b1f4e6a2-0c3d-4e58-9a71-2f6d8c4b3e95";
    RecordingListener listener = new RecordingListener().publishedAlready(known);

    ScanResult result = source().scan(failures(AFTER), listener);

    // asked once per page, before the details; the known row still counts for latestSeen
    assertThat(listener.asked)
        .containsExactly(
            List.of(known, "0f2c8d4e-6a1b-47c3-8e95-d3b7a0c1f642"),
            List.of("7a3e5c1d-9f0b-4e2a-8c6d-1b3f5a7c9e02"));
    assertThat(listener.ids())
        .containsExactly(
            "0f2c8d4e-6a1b-47c3-8e95-d3b7a0c1f642", "7a3e5c1d-9f0b-4e2a-8c6d-1b3f5a7c9e02");
    assertThat(result)
        .isEqualTo(new ScanResult(true, 2, 4, 2, 0, Instant.parse("2026-02-03T09:02:32Z")));
    dify.verify(0, getRequestedFor(urlPathEqualTo("/v1/workflows/run/" + known)));
    dify.verify(
        1,
        getRequestedFor(urlPathEqualTo("/v1/workflows/run/0f2c8d4e-6a1b-47c3-8e95-d3b7a0c1f642")));
  }

  private void stubFailedPages() {
    dify.stubFor(logs("failed", 1).willReturn(okJson(fixture("dify/logs-failed-page1.json"))));
    dify.stubFor(logs("failed", 2).willReturn(okJson(fixture("dify/logs-failed-page2.json"))));
    dify.stubFor(runDetail("b1f4e6a2-0c3d-4e58-9a71-2f6d8c4b3e95", "dify/run-b1f4.json"));
    dify.stubFor(runDetail("0f2c8d4e-6a1b-47c3-8e95-d3b7a0c1f642", "dify/run-0f2c.json"));
    dify.stubFor(
        get(urlPathEqualTo("/v1/workflows/run/7a3e5c1d-9f0b-4e2a-8c6d-1b3f5a7c9e02"))
            .willReturn(notFound().withBody("{\"code\":\"not_found\",\"status\":404}")));
  }

  private static com.github.tomakehurst.wiremock.client.MappingBuilder logs(
      String status, int page) {
    return get(urlPathEqualTo("/v1/workflows/logs"))
        .withQueryParam("status", equalTo(status))
        .withQueryParam("page", equalTo(String.valueOf(page)));
  }

  private static com.github.tomakehurst.wiremock.client.MappingBuilder runDetail(
      String id, String fixture) {
    return get(urlPathEqualTo("/v1/workflows/run/" + id)).willReturn(okJson(fixture(fixture)));
  }

  private static String empty() {
    return "{\"page\":1,\"limit\":2,\"total\":0,\"has_more\":false,\"data\":[]}";
  }

  /** A page holding one row of the all-statuses fixture. */
  private static String rows(String pointer) {
    ObjectNode page = SourceTestKit.json().createObjectNode().put("has_more", false);
    page.putArray("data").add(parse(fixture("dify/logs-all-statuses.json")).at(pointer));
    return page.toString();
  }

  private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
    try {
      return SourceTestKit.json().readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private PendingRun pending() {
    return new PendingRun(
        "run-running",
        APP,
        "CRM enrichment",
        "running",
        Instant.parse("2026-02-03T09:30:00Z"),
        NOW);
  }

  private ScanRequest failures(Instant after) {
    return ScanRequest.failures(after, NOW, farDeadline(clock));
  }

  private DifyFailureSource source() {
    return new DifyFailureSource(
        SourceTestKit.connection(Platform.DIFY, dify, "/v1")
            .options(new DifyOptions(APP, "CRM enrichment", 2))
            .build(),
        SourceTestKit.http(),
        clock);
  }
}
