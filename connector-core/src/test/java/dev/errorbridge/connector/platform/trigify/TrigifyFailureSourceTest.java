package dev.errorbridge.connector.platform.trigify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.errorbridge.connector.source.SourceTestKit.KEY;
import static dev.errorbridge.connector.source.SourceTestKit.NOW;
import static dev.errorbridge.connector.source.SourceTestKit.TENANT;
import static dev.errorbridge.connector.source.SourceTestKit.compact;
import static dev.errorbridge.connector.source.SourceTestKit.farDeadline;
import static dev.errorbridge.connector.source.SourceTestKit.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.errorbridge.connector.source.SourceTestKit;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.time.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TrigifyFailureSourceTest {
  private static final Instant AFTER = Instant.parse("2026-02-03T08:00:00Z");

  @RegisterExtension static WireMockExtension trigify = SourceTestKit.wireMock();

  private final MutableClock clock = new MutableClock(NOW);

  @Test
  void scan_whenWorkflowsHaveFailures_deliversExactFailuresAndPendingRuns() {
    stubAccount();
    RecordingListener listener = new RecordingListener();

    ScanResult result = source(options(3, 100, 50)).scan(window(), listener);

    assertThat(listener.failures().get(0))
        .isEqualTo(
            new FailedExecution(
                Platform.TRIGIFY,
                TENANT,
                "conn_trigify",
                new Workflow("wf_q4n8r2", "Enrich new commenters into HubSpot", null),
                new Execution(
                    "run_m2d9k7",
                    "failed",
                    Outcome.FAILED,
                    "workflows/new-post",
                    Instant.parse("2026-02-03T08:30:00Z"),
                    Instant.parse("2026-02-03T08:30:06.412Z"),
                    6412L,
                    null),
                new RunError("Step 'Upsert contact' failed: HubSpot returned 429", null),
                List.of(
                    new FailedStep(
                        "hubspot-1",
                        "Upsert contact",
                        "hubspot_upsert_contact",
                        "HubSpot returned 429",
                        "{\"code\":\"RATE_LIMITED\",\"message\":\"HubSpot returned 429\"}",
                        null,
                        "{\"email\":\"jdoe@example.test\"}",
                        null)),
                new Delivery(DeliveryPath.POLL, NOW),
                compact("trigify/execution-m2d9k7.json", "/data")));
    // an error object at run level; step errors as an object with a status and as a string
    FailedExecution digest = listener.failures().get(1);
    assertThat(digest.workflow()).isEqualTo(new Workflow("wf_b7k1", "Daily digest 📰", null));
    assertThat(digest.error())
        .isEqualTo(new RunError("Schritt 'Zusammenfassen' fehlgeschlagen", "STEP_FAILED"));
    assertThat(digest.failedSteps())
        .containsExactly(
            new FailedStep(
                "fetch-1",
                "Feeds laden",
                "http_request",
                "Bad gateway",
                "{\"message\":\"Bad gateway\",\"statusCode\":502}",
                502,
                "{\"url\":\"https://feeds.example.test/ü\"}",
                null),
            new FailedStep(
                "sum-1",
                "Zusammenfassen",
                "llm",
                "Kontext zu lang — 要約できません",
                null,
                null,
                null,
                null));
    assertThat(listener.pending)
        .containsExactly(
            new PendingRun(
                "run_t5w1c8",
                "wf_q4n8r2",
                "Enrich new commenters into HubSpot",
                "running",
                Instant.parse("2026-02-03T08:31:10Z"),
                NOW));
    // wf_q4n8r2's second page is full, before the window and older than the first: no third page
    assertThat(result)
        .isEqualTo(new ScanResult(true, 6, 8, 2, 1, Instant.parse("2026-02-03T09:00:00Z")));
    trigify.verify(0, executionsRequested("wf_q4n8r2", 3));
    trigify.verify(
        getRequestedFor(urlPathEqualTo("/v1/workflows/wf_q4n8r2/executions"))
            .withQueryParam("page_size", equalTo("3"))
            .withHeader("x-api-key", equalTo(KEY.reveal())));
  }

  @Test
  void scan_whenExecutionsComeOldestFirst_readsPastAFullPageBeforeTheWindow() {
    stubWorkflows();
    trigify.stubFor(
        executions("wf_q4n8r2", 1)
            .willReturn(okJson(fixture("trigify/executions-q4n8-page2.json"))));
    trigify.stubFor(
        executions("wf_q4n8r2", 2)
            .willReturn(okJson(fixture("trigify/executions-q4n8-page1.json"))));
    trigify.stubFor(
        executions("wf_q4n8r2", 3).willReturn(okJson(fixture("trigify/executions-empty.json"))));
    trigify.stubFor(detail("wf_q4n8r2", "run_m2d9k7", "trigify/execution-m2d9k7.json"));
    RecordingListener listener = new RecordingListener();

    source(options(3, 100, 50)).scan(window().withWorkflowIds(Set.of("wf_q4n8r2")), listener);

    assertThat(listener.ids()).containsExactly("run_m2d9k7");
  }

  @Test
  void scan_whenRunsStartWhilePaging_reportsAShiftedRunOnce() {
    stubWorkflows();
    trigify.stubFor(
        executions("wf_b7k1", 1)
            .willReturn(
                okJson(
                    "{\"data\":{\"executions\":["
                        + run("run_new", "running", "2026-02-03T09:59:00Z")
                        + ","
                        + run("run_a", "failed", "2026-02-03T09:50:00Z")
                        + "],\"pagination\":{\"total_pages\":2}}}")));
    trigify.stubFor(
        executions("wf_b7k1", 2)
            .willReturn(
                okJson(
                    "{\"data\":{\"executions\":["
                        + run("run_a", "failed", "2026-02-03T09:50:00Z")
                        + "],\"pagination\":{\"total_pages\":2}}}")));
    trigify.stubFor(detail("wf_b7k1", "run_a", null));
    RecordingListener listener = new RecordingListener();

    source(options(2, 100, 50)).scan(window().withWorkflowIds(Set.of("wf_b7k1")), listener);

    assertThat(listener.ids()).containsExactly("run_a");
    trigify.verify(1, getRequestedFor(urlPathEqualTo("/v1/workflows/wf_b7k1/executions/run_a")));
  }

  @Test
  void scan_whenBudgetIsSpent_waitsForTheNextWindowThroughTheSleeper() {
    stubAccount();

    ScanResult result = source(options(3, 3, 50)).scan(window(), new RecordingListener());

    assertThat(result.complete()).isTrue();
    assertThat(result.requests()).isEqualTo(8);
    assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(120)); // 8 requests, 3 per minute
  }

  @Test
  void scan_whenHeadersSayBudgetIsSpent_waitsUntilTheirReset() {
    stubAccount();
    trigify.stubFor(
        get(urlPathEqualTo("/v1/workflows"))
            .withQueryParam("offset", equalTo("0"))
            .willReturn(
                okJson(fixture("trigify/workflows-page1.json"))
                    .withHeader("RateLimit-Limit", "100")
                    .withHeader("RateLimit-Remaining", "0")
                    .withHeader("RateLimit-Reset", "17")));

    ScanResult result = source(options(3, 100, 50)).scan(window(), new RecordingListener());

    assertThat(result.complete()).isTrue();
    assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(17));
  }

  @Test
  void scan_whenRateLimitedOnce_waitsAsToldAndGoesOn() {
    stubAccount();
    trigify.stubFor(
        get(urlPathEqualTo("/v1/workflows"))
            .withQueryParam("offset", equalTo("0"))
            .inScenario("429")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("RateLimit-Remaining", "0")
                    .withHeader("RateLimit-Reset", "30")
                    .withBody(
                        "{\"success\":false,\"message\":\"Rate limit exceeded. Maximum 100 requests"
                            + " per minute allowed.\",\"error\":\"RATE_LIMIT_EXCEEDED\"}"))
            .willSetStateTo("served"));
    trigify.stubFor(
        get(urlPathEqualTo("/v1/workflows"))
            .withQueryParam("offset", equalTo("0"))
            .inScenario("429")
            .whenScenarioStateIs("served")
            .willReturn(okJson(fixture("trigify/workflows-page1.json"))));
    RecordingListener listener = new RecordingListener();

    ScanResult result = source(options(3, 100, 50)).scan(window(), listener);

    assertThat(result.complete()).isTrue();
    assertThat(listener.ids()).containsExactly("run_m2d9k7", "run_d1g3st");
    assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void scan_whenNextWindowOpensAfterDeadline_stopsIncompleteWithoutWaiting() {
    stubAccount();

    ScanResult result =
        source(options(3, 1, 50))
            .scan(
                ScanRequest.failures(AFTER, NOW, Deadline.after(Duration.ofSeconds(30), clock)),
                new RecordingListener());

    assertThat(result.complete()).isFalse();
    assertThat(result.requests()).isEqualTo(1);
    assertThat(clock.slept()).isZero();
  }

  @Test
  void scan_whenWorkflowHasMorePagesThanAllowed_reportsIncomplete() {
    stubAccount();

    ScanResult result =
        source(options(3, 100, 1))
            .scan(window().withWorkflowIds(Set.of("wf_q4n8r2")), new RecordingListener());

    assertThat(result.complete()).isFalse();
    assertThat(result.failures()).isEqualTo(1);
  }

  @Test
  void scan_whenStepErrorIsVeryLong_keepsItWhole() throws Exception {
    stubAccount();
    String error = "HubSpot said: " + "Ünïcödé ✓ property invalid; ".repeat(10_000);
    com.fasterxml.jackson.databind.node.ObjectNode detail =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            SourceTestKit.json().readTree(fixture("trigify/execution-m2d9k7.json"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) detail.at("/data/steps/1"))
        .put("error", error);
    trigify.stubFor(
        get(urlPathEqualTo("/v1/workflows/wf_q4n8r2/executions/run_m2d9k7"))
            .willReturn(okJson(detail.toString())));
    RecordingListener listener = new RecordingListener();

    source(options(3, 100, 50)).scan(window(), listener);

    assertThat(listener.failures().get(0).failedSteps())
        .singleElement()
        .extracting(FailedStep::errorMessage)
        .isEqualTo(error);
  }

  @Test
  void recheck_whenRunStillRunning_saysSo() {
    trigify.stubFor(detail("wf_q4n8r2", "run_t5w1c8", "trigify/execution-running.json"));

    assertThat(recheck()).isEqualTo(new RecheckResult.StillRunning("running"));
  }

  @Test
  void recheck_whenLateFinisherFailed_returnsTerminalWithItsSteps() {
    trigify.stubFor(detail("wf_q4n8r2", "run_t5w1c8", "trigify/execution-running-failed.json"));

    RecheckResult result = recheck();

    assertThat(result)
        .isEqualTo(
            new RecheckResult.Terminal(
                new FailedExecution(
                    Platform.TRIGIFY,
                    TENANT,
                    "conn_trigify",
                    new Workflow("wf_q4n8r2", "Enrich new commenters into HubSpot", null),
                    new Execution(
                        "run_t5w1c8",
                        "failed",
                        Outcome.FAILED,
                        "workflows/new-post",
                        Instant.parse("2026-02-03T08:31:10Z"),
                        Instant.parse("2026-02-03T09:10:00Z"),
                        2330000L,
                        null),
                    new RunError("Step 'Enrich profile' failed: timeout", null),
                    List.of(
                        new FailedStep(
                            "enrich-1",
                            "Enrich profile",
                            "enrich_profile",
                            "timeout after 2330 s",
                            null,
                            null,
                            "{}",
                            null)),
                    new Delivery(DeliveryPath.POLL, NOW),
                    compact("trigify/execution-running-failed.json", "/data"))));
  }

  @Test
  void recheck_whenRunCompleted_ignoresIt() {
    trigify.stubFor(detail("wf_q4n8r2", "run_t5w1c8", "trigify/execution-running-completed.json"));

    assertThat(recheck()).isEqualTo(new RecheckResult.SucceededOrIgnored("completed"));
  }

  @Test
  void recheck_whenRunIsGone_returnsNotFound() {
    trigify.stubFor(detail("wf_q4n8r2", "run_t5w1c8", null));

    assertThat(recheck()).isEqualTo(new RecheckResult.NotFound());
  }

  @Test
  void recheck_whenWorkflowUnknown_refuses() {
    PendingRun run = new PendingRun("run_t5w1c8", null, null, "running", null, NOW);

    assertThatThrownBy(
            () ->
                source(TrigifyOptions.defaults())
                    .recheck(run, Set.of(Outcome.FAILED), farDeadline(clock)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workflowId");
  }

  @Test
  void scan_whenTheListenerKnowsAFailurePublished_readsNoDetailForItButStillReportsPending() {
    stubAccount();
    RecordingListener listener = new RecordingListener().publishedAlready("run_m2d9k7");

    ScanResult result = source(options(3, 100, 50)).scan(window(), listener);

    assertThat(listener.asked).anySatisfy(page -> assertThat(page).contains("run_m2d9k7"));
    assertThat(listener.ids()).containsExactly("run_d1g3st");
    assertThat(listener.pending).hasSize(1);
    assertThat(result)
        .isEqualTo(new ScanResult(true, 6, 7, 1, 1, Instant.parse("2026-02-03T09:00:00Z")));
    trigify.verify(
        0, getRequestedFor(urlPathEqualTo("/v1/workflows/wf_q4n8r2/executions/run_m2d9k7")));
  }

  private RecheckResult recheck() {
    return source(TrigifyOptions.defaults())
        .recheck(
            new PendingRun(
                "run_t5w1c8",
                "wf_q4n8r2",
                "Enrich new commenters into HubSpot",
                "running",
                Instant.parse("2026-02-03T08:31:10Z"),
                NOW),
            Set.of(Outcome.FAILED),
            farDeadline(clock));
  }

  private void stubWorkflows() {
    trigify.stubFor(
        get(urlPathEqualTo("/v1/workflows"))
            .withQueryParam("offset", equalTo("0"))
            .willReturn(okJson(fixture("trigify/workflows-page1.json"))));
    trigify.stubFor(
        get(urlPathEqualTo("/v1/workflows"))
            .withQueryParam("offset", equalTo("2"))
            .willReturn(okJson(fixture("trigify/workflows-page2.json"))));
  }

  private void stubAccount() {
    stubWorkflows();
    trigify.stubFor(
        executions("wf_q4n8r2", 1)
            .willReturn(okJson(fixture("trigify/executions-q4n8-page1.json"))));
    trigify.stubFor(
        executions("wf_q4n8r2", 2)
            .willReturn(okJson(fixture("trigify/executions-q4n8-page2.json"))));
    trigify.stubFor(
        executions("wf_b7k1", 1).willReturn(okJson(fixture("trigify/executions-b7k1.json"))));
    trigify.stubFor(
        executions("wf_z9", 1).willReturn(okJson(fixture("trigify/executions-empty.json"))));
    trigify.stubFor(detail("wf_q4n8r2", "run_m2d9k7", "trigify/execution-m2d9k7.json"));
    trigify.stubFor(detail("wf_b7k1", "run_d1g3st", "trigify/execution-d1g3st.json"));
  }

  private static MappingBuilder executions(String workflowId, int page) {
    return get(urlPathEqualTo("/v1/workflows/" + workflowId + "/executions"))
        .withQueryParam("page", equalTo(String.valueOf(page)));
  }

  private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder executionsRequested(
      String workflowId, int page) {
    return getRequestedFor(urlPathEqualTo("/v1/workflows/" + workflowId + "/executions"))
        .withQueryParam("page", equalTo(String.valueOf(page)));
  }

  private static MappingBuilder detail(String workflowId, String runId, String fixture) {
    return get(urlPathEqualTo("/v1/workflows/" + workflowId + "/executions/" + runId))
        .willReturn(
            fixture == null
                ? notFound().withBody("{\"success\":false,\"error\":\"NOT_FOUND\"}")
                : okJson(fixture(fixture)));
  }

  private static String run(String id, String status, String startedAt) {
    return "{\"run_id\":\""
        + id
        + "\",\"status\":\""
        + status
        + "\",\"started_at\":\""
        + startedAt
        + "\"}";
  }

  private static TrigifyOptions options(int pageSize, int perMinute, int maxPages) {
    return new TrigifyOptions(pageSize, perMinute, null, maxPages);
  }

  private ScanRequest window() {
    return ScanRequest.failures(AFTER, NOW, farDeadline(clock));
  }

  private TrigifyFailureSource source(TrigifyOptions options) {
    return new TrigifyFailureSource(
        SourceTestKit.connection(Platform.TRIGIFY, trigify, "/v1").options(options).build(),
        SourceTestKit.http(),
        clock,
        clock.sleeper());
  }
}
