package dev.errorbridge.connector.platform.runflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.Delivery;
import dev.errorbridge.connector.FailedExecution.Execution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.FailedExecution.RunError;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.RecheckResult;
import dev.errorbridge.connector.source.RecordingListener;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.ScanResult;
import dev.errorbridge.connector.source.SourceAuthException;
import dev.errorbridge.connector.source.SourceResponseInvalidException;
import dev.errorbridge.connector.source.SourceTestKit;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.time.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RunflowFailureSourceTest {
  private static final Instant AFTER = Instant.parse("2026-02-03T07:00:00Z");
  private static final String FLOW = "0193f0aa-1c2d-7e3f-8a9b-0c1d2e3f4a5b";

  @RegisterExtension static WireMockExtension runflow = SourceTestKit.wireMock();

  private final MutableClock clock = new MutableClock(NOW);

  @Test
  void scan_whenFailuresSpanTwoCursorPages_deliversExactFailuresWithNodeErrors() {
    stubFailedPages();
    RecordingListener listener = new RecordingListener();

    ScanResult result = source(RunflowOptions.defaults()).scan(window(), listener);

    assertThat(listener.failures().get(0))
        .isEqualTo(
            new FailedExecution(
                Platform.RUNFLOW,
                TENANT,
                "conn_runflow",
                new Workflow(FLOW, null, "0193f0ab-9f8e-7d6c-8b5a-4c3d2e1f0a9b"),
                new Execution(
                    "0194c7a2-5b1e-7c3d-9a8f-2e6b4d1c0f97",
                    "failed",
                    Outcome.FAILED,
                    "api",
                    Instant.parse("2026-02-03T09:05:13Z"),
                    Instant.parse("2026-02-03T09:06:40Z"),
                    88012L,
                    null),
                new RunError("Node 'Upscale' failed: worker out of memory", "NODE_FAILED"),
                List.of(
                    new FailedStep(
                        "0193f0aa-0001-7000-8000-000000000002",
                        null,
                        null,
                        "CUDA out of memory (requested 6.1 GiB)",
                        null,
                        null,
                        "{\"scale\":4}",
                        "{}")),
                new Delivery(DeliveryPath.POLL, NOW),
                compact("runflow/run-0194c7a2.json", "")));
    // a model run whose detail has gone: built from the list row
    FailedExecution model = listener.failures().get(1);
    assertThat(model.workflow())
        .isEqualTo(new Workflow("0193aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee", null, null));
    assertThat(model.error())
        .isEqualTo(new RunError("Modèle indisponible — 模型不可用", "MODEL_UNAVAILABLE"));
    assertThat(model.rawPayload()).isEqualTo(compact("runflow/runs-failed-page1.json", "/items/1"));
    // a late finisher (dispatched before the last watermark): node errors read separately
    FailedExecution late = listener.failures().get(2);
    assertThat(late.execution().finishedAt()).isEqualTo(Instant.parse("2026-02-03T09:20:00Z"));
    assertThat(late.failedSteps())
        .containsExactly(
            new FailedStep(
                "node-b",
                null,
                null,
                "Sampler stalled: no progress for 600 s",
                null,
                null,
                "{\"steps\":50}",
                null));
    assertThat(result)
        .isEqualTo(new ScanResult(true, 2, 6, 3, 0, Instant.parse("2026-02-03T09:10:00Z")));
    runflow.verify(
        getRequestedFor(urlPathEqualTo("/v1/runs"))
            .withQueryParam(
                "q",
                equalTo(
                    "status_code:failed AND created_at>=2026-02-03T07:00:00Z"
                        + " AND created_at<2026-02-03T10:00:00Z"))
            .withQueryParam("sort_by", equalTo("created_at:asc"))
            .withQueryParam("limit", equalTo("500"))
            .withQueryParam("fields", equalTo(RunflowFailureSource.LIST_FIELDS))
            .withQueryParam("pq", equalTo("cHE9cGFnZTI"))
            .withHeader("Authorization", equalTo("Bearer " + KEY.reveal()))
            .withHeader("X-Organization-Id", absent()));
    assertThat(runflow.getAllServeEvents())
        .extracting(e -> e.getRequest().getUrl())
        .filteredOn(url -> url.startsWith("/v1/runs?"))
        .allSatisfy(
            url -> assertThat(url).contains("status_code%3Afailed%20AND%20created_at%3E%3D"));
  }

  @Test
  void scan_whenCursorPagesOverlap_reportsTheRepeatedRunOnce() {
    stubFailedPages();
    runflow.stubFor(
        runs("failed")
            .withQueryParam("pq", equalTo("cHE9cGFnZTI"))
            .willReturn(
                okJson(
                    "{\"items\":["
                        + SourceTestKit.compact("runflow/runs-failed-page1.json", "/items/1")
                        + ","
                        + SourceTestKit.compact("runflow/runs-failed-page2.json", "/items/0")
                        + "],\"next_pq\":null}")));
    RecordingListener listener = new RecordingListener();

    source(RunflowOptions.defaults()).scan(window(), listener);

    assertThat(listener.ids())
        .containsExactly(
            "0194c7a2-5b1e-7c3d-9a8f-2e6b4d1c0f97",
            "0194c7b0-0000-7000-8000-000000000002",
            "0194c7c0-0000-7000-8000-000000000003");
    runflow.verify(
        1, getRequestedFor(urlPathEqualTo("/v1/runs/0194c7b0-0000-7000-8000-000000000002")));
  }

  @Test
  void scan_whenFailureMessageIsVeryLong_keepsItWhole() {
    String message =
        "Traceback (most recent call last): ✗ " + "File \"node.py\", line 1\n".repeat(9_000);
    runflow.stubFor(
        runs("failed")
            .willReturn(
                okJson(
                    SourceTestKit.json()
                        .createObjectNode()
                        .set(
                            "items",
                            SourceTestKit.json()
                                .createArrayNode()
                                .add(
                                    SourceTestKit.json()
                                        .createObjectNode()
                                        .put("id", "r-long")
                                        .put("status_code", "failed")
                                        .put("flow_id", "f")
                                        .put("failure_message", message)
                                        .put("created_at", "2026-02-03T09:00:00Z")))
                        .toString())));
    runflow.stubFor(get(urlPathEqualTo("/v1/runs/r-long")).willReturn(notFound()));
    RecordingListener listener = new RecordingListener();

    source(RunflowOptions.defaults()).scan(window(), listener);

    assertThat(listener.failures())
        .singleElement()
        .extracting(f -> f.error().message())
        .isEqualTo(message);
  }

  @Test
  void scan_whenStoppedOptedIn_readsBothSpellingsAndSkipsOneRunflowRejects() {
    runflow.stubFor(runs("failed").willReturn(okJson("{\"items\":[],\"next\":null}")));
    runflow.stubFor(
        runs("canceled")
            .willReturn(
                okJson(
                    "{\"items\":[{\"id\":\"r-canceled\",\"status_code\":\"canceled\",\"flow_id\":\"f\","
                        + "\"created_at\":\"2026-02-03T09:00:00Z\",\"has_node_runs\":false}],\"next\":null}")));
    runflow.stubFor(
        runs("cancelled")
            .willReturn(aResponse().withStatus(400).withBody("{\"code\":\"INVALID_QUERY\"}")));
    runflow.stubFor(get(urlPathEqualTo("/v1/runs/r-canceled")).willReturn(notFound()));
    RecordingListener listener = new RecordingListener();

    ScanResult result =
        source(RunflowOptions.defaults())
            .scan(window().withOutcomes(Set.of(Outcome.FAILED, Outcome.STOPPED)), listener);

    assertThat(result.complete()).isTrue();
    assertThat(listener.failures())
        .extracting(
            f -> f.execution().id(), f -> f.execution().status(), f -> f.execution().outcome())
        .containsExactly(tuple("r-canceled", "canceled", Outcome.STOPPED));
  }

  @Test
  void scan_whenPartialOptedIn_reportsPartialSuccesses() {
    runflow.stubFor(runs("failed").willReturn(okJson("{\"items\":[]}")));
    runflow.stubFor(
        runs("partial_succeeded")
            .willReturn(
                okJson(
                    "{\"items\":[{\"id\":\"r-partial\",\"status_code\":\"partial_succeeded\",\"flow_id\":\"f\","
                        + "\"created_at\":\"2026-02-03T09:00:00Z\",\"has_node_runs\":false}]}")));
    runflow.stubFor(get(urlPathEqualTo("/v1/runs/r-partial")).willReturn(notFound()));
    RecordingListener listener = new RecordingListener();

    source(RunflowOptions.defaults())
        .scan(window().withOutcomes(Set.of(Outcome.FAILED, Outcome.PARTIAL)), listener);

    assertThat(listener.failures())
        .extracting(f -> f.execution().outcome())
        .containsExactly(Outcome.PARTIAL);
  }

  @Test
  void scan_whenCursorRepeats_throwsResponseInvalidInsteadOfLooping() {
    runflow.stubFor(
        runs("failed")
            .willReturn(
                okJson(
                    "{\"items\":[{\"id\":\"x\",\"status_code\":\"succeeded\"}],\"next\":\"same\"}")));

    SourceResponseInvalidException e =
        catchThrowableOfType(
            SourceResponseInvalidException.class,
            () -> source(RunflowOptions.defaults()).scan(window(), new RecordingListener()));

    assertThat(e.field()).isEqualTo("next");
    assertThat(e.getMessage()).contains("field next repeats the cursor sent");
    runflow.verify(2, getRequestedFor(urlPathEqualTo("/v1/runs")));
  }

  @Test
  void scan_whenOrganizationAndWorkflowGiven_sendsOneAndFiltersOnTheOther() {
    stubFailedPages();
    RecordingListener listener = new RecordingListener();

    source(new RunflowOptions(500, "01939e00-aaaa-7bbb-8ccc-dddddddddddd", true))
        .scan(window().withWorkflowIds(Set.of("0193aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee")), listener);

    assertThat(listener.ids()).containsExactly("0194c7b0-0000-7000-8000-000000000002");
    runflow.verify(
        getRequestedFor(urlPathEqualTo("/v1/runs"))
            .withHeader("X-Organization-Id", equalTo("01939e00-aaaa-7bbb-8ccc-dddddddddddd")));
  }

  @Test
  void scan_whenDeadlinePassesAfterFirstPage_returnsIncomplete() {
    stubFailedPages();
    RecordingListener listener = new RecordingListener(page -> clock.advance(Duration.ofHours(1)));

    ScanResult result =
        source(RunflowOptions.defaults())
            .scan(
                ScanRequest.failures(AFTER, NOW, Deadline.after(Duration.ofMinutes(5), clock)),
                listener);

    assertThat(result.complete()).isFalse();
    assertThat(listener.ids()).hasSize(2);
  }

  @Test
  void scan_whenErrorUsesNestedEnvelope_quotesItsCode() {
    runflow.stubFor(
        get(urlPathEqualTo("/v1/runs"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"bad key\"}}")));

    SourceAuthException e =
        catchThrowableOfType(
            SourceAuthException.class,
            () -> source(RunflowOptions.defaults()).scan(window(), new RecordingListener()));

    assertThat(e.getMessage()).contains("HTTP 401 (UNAUTHORIZED)");
  }

  @Test
  void recheck_whenRunQueued_saysStillRunning() {
    runflow.stubFor(detail("run-queued.json"));

    assertThat(recheck(Set.of(Outcome.FAILED))).isEqualTo(new RecheckResult.StillRunning("queued"));
  }

  @Test
  void recheck_whenRunCancelledAndStoppedStreamed_returnsTerminalStop() {
    runflow.stubFor(detail("run-cancelled.json"));

    RecheckResult result = recheck(Set.of(Outcome.FAILED, Outcome.STOPPED));

    assertThat(result)
        .isEqualTo(
            new RecheckResult.Terminal(
                new FailedExecution(
                    Platform.RUNFLOW,
                    TENANT,
                    "conn_runflow",
                    new Workflow("f", null, null),
                    new Execution(
                        "0194c7d0-0000-7000-8000-000000000004",
                        "cancelled",
                        Outcome.STOPPED,
                        null,
                        Instant.parse("2026-02-03T09:50:00Z"),
                        Instant.parse("2026-02-03T09:55:00Z"),
                        300000L,
                        null),
                    null,
                    List.of(),
                    new Delivery(DeliveryPath.POLL, NOW),
                    compact("runflow/run-cancelled.json", ""))));
  }

  @Test
  void recheck_whenRunCancelledButStopsNotStreamed_ignoresIt() {
    runflow.stubFor(detail("run-cancelled.json"));

    assertThat(recheck(Set.of(Outcome.FAILED)))
        .isEqualTo(new RecheckResult.SucceededOrIgnored("cancelled"));
  }

  @Test
  void recheck_whenRunIsGone_returnsNotFound() {
    runflow.stubFor(
        get(urlPathEqualTo("/v1/runs/0194c7d0-0000-7000-8000-000000000004"))
            .willReturn(
                notFound().withBody("{\"code\":\"RUN_NOT_FOUND\",\"message\":\"no such run\"}")));

    assertThat(recheck(Set.of(Outcome.FAILED))).isEqualTo(new RecheckResult.NotFound());
  }

  @Test
  void scan_whenTheListenerKnowsAFailurePublished_readsNeitherItsDetailNorItsNodeRuns() {
    stubFailedPages();
    String known = "0194c7c0-0000-7000-8000-000000000003";
    RecordingListener listener = new RecordingListener().publishedAlready(known);

    ScanResult result = source(RunflowOptions.defaults()).scan(window(), listener);

    assertThat(listener.asked).anySatisfy(page -> assertThat(page).contains(known));
    assertThat(listener.ids())
        .containsExactly(
            "0194c7a2-5b1e-7c3d-9a8f-2e6b4d1c0f97", "0194c7b0-0000-7000-8000-000000000002");
    assertThat(result)
        .isEqualTo(new ScanResult(true, 2, 4, 2, 0, Instant.parse("2026-02-03T09:10:00Z")));
    runflow.verify(0, getRequestedFor(urlPathEqualTo("/v1/runs/" + known)));
    runflow.verify(0, getRequestedFor(urlPathEqualTo("/v1/runs/" + known + "/node-runs")));
  }

  private RecheckResult recheck(Set<Outcome> outcomes) {
    return source(RunflowOptions.defaults())
        .recheck(
            new PendingRun("0194c7d0-0000-7000-8000-000000000004", "f", null, "queued", null, NOW),
            outcomes,
            farDeadline(clock));
  }

  private void stubFailedPages() {
    runflow.stubFor(
        runs("failed")
            .withQueryParam("pq", absent())
            .willReturn(okJson(fixture("runflow/runs-failed-page1.json"))));
    runflow.stubFor(
        runs("failed")
            .withQueryParam("pq", equalTo("cHE9cGFnZTI"))
            .willReturn(okJson(fixture("runflow/runs-failed-page2.json"))));
    runflow.stubFor(
        get(urlPathEqualTo("/v1/runs/0194c7a2-5b1e-7c3d-9a8f-2e6b4d1c0f97"))
            .willReturn(okJson(fixture("runflow/run-0194c7a2.json"))));
    runflow.stubFor(
        get(urlPathEqualTo("/v1/runs/0194c7b0-0000-7000-8000-000000000002"))
            .willReturn(notFound().withBody("{\"code\":\"RUN_NOT_FOUND\"}")));
    runflow.stubFor(
        get(urlPathEqualTo("/v1/runs/0194c7c0-0000-7000-8000-000000000003"))
            .willReturn(okJson(fixture("runflow/run-0194c7c0.json"))));
    runflow.stubFor(
        get(urlPathEqualTo("/v1/runs/0194c7c0-0000-7000-8000-000000000003/node-runs"))
            .willReturn(okJson(fixture("runflow/node-runs-0194c7c0.json"))));
  }

  private static MappingBuilder runs(String status) {
    return get(urlPathEqualTo("/v1/runs"))
        .withQueryParam(
            "q",
            com.github.tomakehurst.wiremock.client.WireMock.matching(
                "status_code:" + status + " AND .*"));
  }

  private static MappingBuilder detail(String fixture) {
    return get(urlPathEqualTo("/v1/runs/0194c7d0-0000-7000-8000-000000000004"))
        .willReturn(okJson(fixture("runflow/" + fixture)));
  }

  private ScanRequest window() {
    return ScanRequest.failures(AFTER, NOW, farDeadline(clock));
  }

  private RunflowFailureSource source(RunflowOptions options) {
    return new RunflowFailureSource(
        SourceTestKit.connection(Platform.RUNFLOW, runflow, "").options(options).build(),
        SourceTestKit.http(),
        clock);
  }
}
