package dev.errorbridge.connector.platform.n8n;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.errorbridge.connector.platform.n8n.N8nFixtures.PAGE2_CURSOR;
import static dev.errorbridge.connector.platform.n8n.N8nFixtures.STOP_WORKFLOW;
import static dev.errorbridge.connector.platform.n8n.N8nFixtures.execution;
import static dev.errorbridge.connector.platform.n8n.N8nFixtures.page;
import static dev.errorbridge.connector.platform.n8n.N8nFixtures.row;
import static dev.errorbridge.connector.platform.n8n.N8nFixtures.text;
import static dev.errorbridge.connector.source.SourceTestKit.KEY;
import static dev.errorbridge.connector.source.SourceTestKit.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.RecheckResult;
import dev.errorbridge.connector.source.RecordingListener;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.ScanResult;
import dev.errorbridge.connector.source.SourceAuthException;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceConnectionInvalidException;
import dev.errorbridge.connector.source.SourceRateLimitedException;
import dev.errorbridge.connector.source.SourceResponseInvalidException;
import dev.errorbridge.connector.source.SourceTestKit;
import dev.errorbridge.connector.source.SourceUnavailableException;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.time.Deadline;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The n8n adapter against WireMock serving what a real n8n 1.123.81 answered (the fixtures). */
class N8nFailureSourceTest {
  private static final Instant NOW = Instant.parse("2026-12-07T04:00:00Z");
  private static final Instant AFTER = Instant.parse("2026-12-07T03:00:00Z");
  private static final String STOP_MESSAGE = "Order 4711 rejected: Prüfsumme ungültig – 校验失败 🚫";
  private static final String EMPTY = "{\"data\":[],\"nextCursor\":null}";

  @RegisterExtension static WireMockExtension n8n = SourceTestKit.wireMock();

  private final MutableClock clock = new MutableClock(NOW);

  @Test
  void scan_whenFailuresSpanTwoCursorPages_deliversEachNamedByWorkflowNodeAndMessage() {
    stubTwoPages();
    RecordingListener listener = new RecordingListener();

    ScanResult result = source().scan(window(), listener);

    assertThat(listener.ids()).containsExactly("5", "2", "1");
    FailedExecution one = listener.failures().get(2);
    assertThat(one)
        .usingRecursiveComparison()
        .ignoringFields("failedSteps", "rawPayload")
        .isEqualTo(
            new FailedExecution(
                N8nPlugin.N8N,
                TENANT,
                "conn_n8n",
                new Workflow(STOP_WORKFLOW, "Errorbridge fixtures: stop and error", null),
                new Execution(
                    "1",
                    "error",
                    Outcome.FAILED,
                    "webhook",
                    Instant.parse("2026-12-07T03:45:58.870Z"),
                    Instant.parse("2026-12-07T03:45:58.896Z"),
                    26L,
                    SourceTestKit.origin(n8n) + "/workflow/" + STOP_WORKFLOW + "/executions/1"),
                new RunError(STOP_MESSAGE, "NodeOperationError"),
                List.of(),
                new Delivery(DeliveryPath.POLL, NOW),
                null));
    assertThat(one.failedSteps())
        .extracting(
            FailedStep::id,
            FailedStep::name,
            FailedStep::type,
            FailedStep::errorMessage,
            FailedStep::httpStatus)
        .containsExactly(
            tuple(
                "Fail on purpose",
                "Fail on purpose",
                "n8n-nodes-base.stopAndError",
                STOP_MESSAGE,
                null));
    // What users typed into the node (its parameters) goes nowhere.
    assertThat(one.failedSteps().get(0).errorDetail())
        .contains("\"name\":\"Fail on purpose\"", "NodeOperationError")
        .doesNotContain("parameters", "\"context\"");
    JsonNode raw = N8nFixtures.read(one.rawPayload());
    assertThat(raw.get("id").asText()).isEqualTo("1");
    assertThat(raw.at("/data/resultData/lastNodeExecuted").asText()).isEqualTo("Fail on purpose");
    assertThat(raw.at("/data/resultData/error/message").asText()).isEqualTo(STOP_MESSAGE);
    assertThat(raw.has("workflowData")).isFalse();
    assertThat(one.rawPayload()).doesNotContain("parameters", "runData", "webhookUrl");
    // 5 and 2 have no detail any more: built from their list rows, named by GET /workflows/{id}
    assertThat(listener.failures().get(0))
        .extracting(f -> f.workflow().name(), f -> f.execution().status(), FailedExecution::error)
        .containsExactly("Errorbridge fixtures: stop and error", "error", null);
    assertThat(result)
        .isEqualTo(new ScanResult(true, 4, 8, 3, 0, Instant.parse("2026-12-07T03:45:59.109Z")));
    n8n.verify(
        1,
        getRequestedFor(urlPathEqualTo("/api/v1/executions"))
            .withQueryParam("status", equalTo("error"))
            .withQueryParam("limit", equalTo("100"))
            .withQueryParam("cursor", absent())
            .withQueryParam("includeData", absent())
            .withHeader("X-N8N-API-KEY", equalTo(KEY.reveal()))
            .withHeader("Authorization", absent()));
    n8n.verify(
        1,
        getRequestedFor(urlPathEqualTo("/api/v1/executions"))
            .withQueryParam("cursor", equalTo(PAGE2_CURSOR)));
    n8n.verify(
        getRequestedFor(urlPathEqualTo("/api/v1/executions/1"))
            .withQueryParam("includeData", equalTo("true")));
    // one workflow lookup for both executions of the workflow: cached
    n8n.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/workflows/" + STOP_WORKFLOW)));
  }

  @Test
  void scan_whenAnHttpNodeFailed_readsItsStatusAndUpstreamDescriptionButNotItsRequest() {
    stubList(
        "error",
        null,
        page(
            null,
            row("7", N8nFixtures.HTTP_WORKFLOW, "error", "webhook", "2026-12-07T03:45:59.222Z")));
    stubPendingEmpty();
    n8n.stubFor(
        get(urlPathEqualTo("/api/v1/executions/7"))
            .willReturn(okJson(text("execution-http-request-error.json"))));
    RecordingListener listener = new RecordingListener();

    source().scan(window(), listener);

    FailedExecution failure = listener.failures().get(0);
    assertThat(failure.workflow().name()).isEqualTo("Errorbridge fixtures: HTTP 503");
    assertThat(failure.error().code()).isEqualTo("NodeApiError");
    FailedStep step = failure.failedSteps().get(0);
    assertThat(step.id()).isEqualTo("Fetch orders");
    assertThat(step.type()).isEqualTo("n8n-nodes-base.httpRequest");
    assertThat(step.httpStatus()).isEqualTo(503);
    assertThat(step.errorDetail())
        .contains("orders service unavailable", "\"httpCode\":\"503\"")
        .doesNotContain("\"context\"", "\"uri\"", "parameters");
    assertThat(failure.rawPayload()).doesNotContain("\"uri\"", "parameters");
  }

  @Test
  void scan_whenAPageReachesRunsStartedBeforeTheWindow_readsNoFurtherPage() {
    stubTwoPages();
    RecordingListener listener = new RecordingListener();

    source()
        .scan(
            ScanRequest.failures(
                Instant.parse("2026-12-07T03:45:59Z"), NOW, SourceTestKit.farDeadline(clock)),
            listener);

    assertThat(listener.ids()).containsExactly("5");
    n8n.verify(
        0,
        getRequestedFor(urlPathEqualTo("/api/v1/executions"))
            .withQueryParam("cursor", equalTo(PAGE2_CURSOR)));
  }

  @Test
  void scan_whenRunsStartedAfterTheFrozenBound_leavesThemToTheNextScan() {
    stubTwoPages();
    RecordingListener listener = new RecordingListener();

    source()
        .scan(
            ScanRequest.failures(
                AFTER, Instant.parse("2026-12-07T03:45:59Z"), SourceTestKit.farDeadline(clock)),
            listener);

    assertThat(listener.ids()).containsExactly("2", "1");
  }

  @Test
  void scan_whenTheListenerKnowsFailuresPublished_readsNoDetailForThem() {
    stubTwoPages();
    RecordingListener listener = new RecordingListener().publishedAlready("5", "2");

    ScanResult result = source().scan(window(), listener);

    assertThat(listener.ids()).containsExactly("1");
    assertThat(result.requests()).isEqualTo(5); // four list pages and execution 1's detail
    n8n.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/executions/5")));
    n8n.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/workflows/" + STOP_WORKFLOW)));
  }

  @Test
  void scan_whenRunsAreStillGoing_reportsThemPendingAndRechecksThemById() {
    stubList("error", null, EMPTY);
    stubList(
        "running",
        null,
        page(null, row("11", STOP_WORKFLOW, "running", "webhook", "2026-12-07T03:50:00Z")));
    // n8n 1.123.81 lists no waiting execution (n8n-io/n8n#14748); a fixed n8n would
    stubList(
        "waiting",
        null,
        page(null, row("12", STOP_WORKFLOW, "waiting", "webhook", "2026-12-07T03:51:00Z")));
    RecordingListener listener = new RecordingListener();

    ScanResult result = source().scan(window(), listener);

    assertThat(result.pending()).isEqualTo(2);
    assertThat(listener.pending)
        .extracting(PendingRun::executionId, PendingRun::workflowId, PendingRun::status)
        .containsExactly(
            tuple("11", STOP_WORKFLOW, "running"), tuple("12", STOP_WORKFLOW, "waiting"));

    n8n.stubFor(
        get(urlPathEqualTo("/api/v1/executions/12"))
            .willReturn(okJson(execution("execution-waiting.json", "12", null))));
    assertThat(recheck("12", Set.of(Outcome.FAILED)))
        .isEqualTo(new RecheckResult.StillRunning("waiting"));
    n8n.stubFor(
        get(urlPathEqualTo("/api/v1/executions/11"))
            .willReturn(okJson(execution("execution-stop-and-error.json", "11", null))));
    RecheckResult ended = recheck("11", Set.of(Outcome.FAILED));
    assertThat(ended).isInstanceOf(RecheckResult.Terminal.class);
    assertThat(((RecheckResult.Terminal) ended).failure().error().message())
        .isEqualTo(STOP_MESSAGE);
  }

  @Test
  void recheck_whenTheRunSucceededOrIsGone_forgetsIt() {
    n8n.stubFor(
        get(urlPathEqualTo("/api/v1/executions/11"))
            .willReturn(okJson(execution("execution-stop-and-error.json", "11", "success"))));
    n8n.stubFor(
        get(urlPathEqualTo("/api/v1/executions/13"))
            .willReturn(aResponse().withStatus(404).withBody(text("error-404-execution.json"))));

    assertThat(recheck("11", Set.of(Outcome.FAILED)))
        .isEqualTo(new RecheckResult.SucceededOrIgnored("success"));
    assertThat(recheck("13", Set.of(Outcome.FAILED))).isEqualTo(new RecheckResult.NotFound());
  }

  @Test
  void scan_whenRunsCrashedOrWereCanceled_reportsCrashedAsFailedAndCanceledOnlyWhenOptedIn() {
    stubList(
        "error",
        null,
        page(null, row("21", STOP_WORKFLOW, "crashed", "trigger", "2026-12-07T03:30:00Z")));
    stubList(
        "canceled",
        null,
        page(null, row("22", STOP_WORKFLOW, "canceled", "webhook", "2026-12-07T03:31:00Z")));
    stubPendingEmpty();
    n8n.stubFor(
        get(urlPathEqualTo("/api/v1/executions/21"))
            .willReturn(okJson(execution("execution-without-data.json", "21", "crashed"))));
    n8n.stubFor(
        get(urlPathEqualTo("/api/v1/executions/22"))
            .willReturn(okJson(execution("execution-without-data.json", "22", "canceled"))));
    n8n.stubFor(
        get(urlPathEqualTo("/api/v1/workflows/" + STOP_WORKFLOW))
            .willReturn(okJson(text("workflow.json"))));
    RecordingListener failuresOnly = new RecordingListener();
    RecordingListener withStops = new RecordingListener();

    source().scan(window(), failuresOnly);
    source().scan(window().withOutcomes(Set.of(Outcome.FAILED, Outcome.STOPPED)), withStops);

    assertThat(failuresOnly.failures())
        .extracting(f -> f.execution().id(), f -> f.execution().outcome())
        .containsExactly(tuple("21", Outcome.FAILED));
    assertThat(withStops.failures())
        .extracting(f -> f.execution().id(), f -> f.execution().outcome())
        .containsExactly(tuple("21", Outcome.FAILED), tuple("22", Outcome.STOPPED));
    // without run data: no error, no step, the name from the workflow
    assertThat(withStops.failures().get(1).workflow().name())
        .isEqualTo("Errorbridge fixtures: stop and error");
  }

  @Test
  void scan_whenARunWasStartedInTheEditor_leavesItOutUnlessTheConnectionAsksForManualRuns() {
    stubList(
        "error",
        null,
        page(null, row("31", STOP_WORKFLOW, "error", "manual", "2026-12-07T03:30:00Z")));
    stubPendingEmpty();
    n8n.stubFor(
        get(urlPathEqualTo("/api/v1/executions/31"))
            .willReturn(okJson(execution("execution-stop-and-error.json", "31", null))));
    RecordingListener defaults = new RecordingListener();
    RecordingListener manual = new RecordingListener();

    source().scan(window(), defaults);
    source(new N8nOptions(100, true)).scan(window(), manual);

    assertThat(defaults.ids()).isEmpty();
    assertThat(manual.ids()).containsExactly("31");
  }

  @Test
  void scan_whenTheWorkflowFilterNamesOneWorkflow_reportsOnlyItsRuns() {
    stubList(
        "error",
        null,
        page(
            null,
            row("41", "other-workflow", "error", "webhook", "2026-12-07T03:40:00Z"),
            row("40", STOP_WORKFLOW, "error", "webhook", "2026-12-07T03:39:00Z")));
    stubPendingEmpty();
    n8n.stubFor(
        get(urlPathEqualTo("/api/v1/executions/40"))
            .willReturn(okJson(execution("execution-stop-and-error.json", "40", null))));
    RecordingListener listener = new RecordingListener();

    source().scan(window().withWorkflowIds(Set.of(STOP_WORKFLOW)), listener);

    assertThat(listener.ids()).containsExactly("40");
    n8n.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/executions/41")));
  }

  @Test
  void scan_whenTheErrorIsHugeAndUnicode_keepsItWhole() {
    String message = "Prüfsumme ungültig – 校验失败 🚫 " + "x".repeat(200_000);
    ObjectNode detail = N8nFixtures.object("execution-stop-and-error.json").put("id", "51");
    ((ObjectNode) detail.at("/data/resultData/error")).put("message", message);
    ((ObjectNode) detail.at("/data/resultData/runData/Fail on purpose/0/error"))
        .put("message", message);
    stubList(
        "error",
        null,
        page(null, row("51", STOP_WORKFLOW, "error", "webhook", "2026-12-07T03:30:00Z")));
    stubPendingEmpty();
    n8n.stubFor(get(urlPathEqualTo("/api/v1/executions/51")).willReturn(okJson(detail.toString())));
    RecordingListener listener = new RecordingListener();

    source().scan(window(), listener);

    assertThat(listener.failures().get(0).error().message()).isEqualTo(message);
    assertThat(listener.failures().get(0).failedSteps().get(0).errorMessage()).isEqualTo(message);
  }

  @Test
  void scan_whenTheKeyIsRefused_throwsAuthWithoutTheKey() {
    n8n.stubFor(
        list("error")
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(text("error-401-wrong-key.json"))));

    SourceAuthException e =
        catchThrowableOfType(
            SourceAuthException.class, () -> source().scan(window(), new RecordingListener()));

    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.getMessage())
        .contains("connection conn_n8n, GET /api/v1/executions")
        .doesNotContain(KEY.reveal());
  }

  @Test
  void scan_whenAProxyRateLimits_backsOffForItsRetryAfter() {
    n8n.stubFor(
        list("error")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "2")
                    .withHeader("Content-Type", "application/json")
                    .withBody(text("error-429.json"))));

    SourceRateLimitedException e =
        catchThrowableOfType(
            SourceRateLimitedException.class,
            () -> source().scan(window(), new RecordingListener()));

    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(e.fromHeaders()).isTrue();
  }

  @Test
  void scan_whenN8nFailsOrAnswersBrokenJson_throwsWhatTheEngineRetriesOrReports() {
    n8n.stubFor(list("error").willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(() -> source().scan(window(), new RecordingListener()))
        .isInstanceOf(SourceUnavailableException.class)
        .hasMessageContaining("HTTP 503");

    n8n.stubFor(list("error").willReturn(okJson(text("executions-malformed.json"))));
    assertThatThrownBy(() -> source().scan(window(), new RecordingListener()))
        .isInstanceOf(SourceResponseInvalidException.class)
        .hasMessageContaining("is not complete JSON");

    n8n.stubFor(list("error").willReturn(okJson(text("executions-wrong-shape.json"))));
    SourceResponseInvalidException shape =
        catchThrowableOfType(
            SourceResponseInvalidException.class,
            () -> source().scan(window(), new RecordingListener()));
    assertThat(shape.field()).isEqualTo("data");
  }

  @Test
  void scan_whenARowIsMalformed_failsThatRowAloneAndReadsTheRest() {
    ObjectNode noWorkflow = row("61", STOP_WORKFLOW, "error", "webhook", "2026-12-07T03:30:00Z");
    noWorkflow.remove("workflowId");
    stubList(
        "error",
        null,
        page(
            null,
            noWorkflow,
            row("60", STOP_WORKFLOW, "error", "webhook", "not a time"),
            row("59", STOP_WORKFLOW, "error", "webhook", "2026-12-07T03:29:00Z")));
    stubPendingEmpty();
    n8n.stubFor(
        get(urlPathEqualTo("/api/v1/executions/59"))
            .willReturn(okJson(execution("execution-stop-and-error.json", "59", null))));
    RecordingListener listener = new RecordingListener();

    ScanResult result = source().scan(window(), listener);

    assertThat(listener.ids()).containsExactly("59");
    assertThat(result.rowsFailed()).isEqualTo(2);
    assertThat(listener.rowFailures).extracting(f -> f.executionId()).containsExactly("61", "60");
    assertThat(listener.rowFailures.get(0).message()).contains("field data[0].workflowId");
  }

  @Test
  void scan_whenTheDetailNamesAnotherExecution_failsThatRow() {
    stubList(
        "error",
        null,
        page(null, row("70", STOP_WORKFLOW, "error", "webhook", "2026-12-07T03:30:00Z")));
    stubPendingEmpty();
    n8n.stubFor(
        get(urlPathEqualTo("/api/v1/executions/70"))
            .willReturn(okJson(text("execution-stop-and-error.json"))));
    RecordingListener listener = new RecordingListener();

    source().scan(window(), listener);

    assertThat(listener.ids()).isEmpty();
    assertThat(listener.rowFailures.get(0).message()).contains("names execution 1, not 70");
  }

  @Test
  void scan_whenTheCursorRepeats_throwsInsteadOfLooping() {
    stubList(
        "error",
        null,
        page("same", row("80", STOP_WORKFLOW, "success", "webhook", "2026-12-07T03:30:00Z")));
    stubList(
        "error",
        "same",
        page("same", row("80", STOP_WORKFLOW, "success", "webhook", "2026-12-07T03:30:00Z")));

    SourceResponseInvalidException e =
        catchThrowableOfType(
            SourceResponseInvalidException.class,
            () -> source().scan(window(), new RecordingListener()));

    assertThat(e.field()).isEqualTo("nextCursor");
  }

  @Test
  void scan_whenTheDeadlinePassesAfterTheFirstPage_returnsIncomplete() {
    stubTwoPages();
    RecordingListener listener = new RecordingListener(p -> clock.advance(Duration.ofHours(1)));

    ScanResult result =
        source()
            .scan(
                ScanRequest.failures(AFTER, NOW, Deadline.after(Duration.ofMinutes(5), clock)),
                listener);

    assertThat(result.complete()).isFalse();
    assertThat(listener.ids()).containsExactly("5", "2");
  }

  @Test
  void source_whenTheBaseUrlEndsInTheApiPath_usesItAsIsAndLinksToTheInstance() {
    stubTwoPages();
    RecordingListener listener = new RecordingListener();

    new N8nFailureSource(
            connection(N8nOptions.defaults())
                .baseUrl(URI.create(SourceTestKit.origin(n8n) + "/api/v1/"))
                .build(),
            SourceTestKit.http(),
            clock)
        .scan(window(), listener);

    assertThat(listener.failures().get(2).execution().consoleUrl())
        .isEqualTo(SourceTestKit.origin(n8n) + "/workflow/" + STOP_WORKFLOW + "/executions/1");
  }

  @Test
  void options_whenThePageSizeIsOutOfN8nsRange_nameTheFieldAndTheLimit() {
    assertThatThrownBy(() -> new N8nOptions(0, false))
        .isInstanceOf(SourceConnectionInvalidException.class)
        .hasMessageContaining("n8n.pageSize must be between 1 and 250");
    assertThatThrownBy(() -> new N8nOptions(251, false))
        .isInstanceOf(SourceConnectionInvalidException.class);
    assertThat(N8nOptions.defaults()).isEqualTo(new N8nOptions(100, false));
  }

  @Test
  void connection_whenNoBaseUrlIsGiven_refusesIt() {
    assertThatThrownBy(
            () ->
                SourceConnection.builder(N8nPlugin.N8N)
                    .tenantId(TENANT)
                    .connectionId("conn_n8n")
                    .apiKey(KEY)
                    .build())
        .isInstanceOf(SourceConnectionInvalidException.class)
        .hasMessageContaining("baseUrl is required");
  }

  private void stubTwoPages() {
    stubList("error", null, text("executions-error-page1.json"));
    stubList("error", PAGE2_CURSOR, text("executions-error-page2.json"));
    stubPendingEmpty();
    n8n.stubFor(
        get(urlPathEqualTo("/api/v1/executions/1"))
            .willReturn(okJson(text("execution-stop-and-error.json"))));
    for (String gone : List.of("5", "2")) {
      n8n.stubFor(
          get(urlPathEqualTo("/api/v1/executions/" + gone))
              .willReturn(
                  aResponse()
                      .withStatus(404)
                      .withHeader("Content-Type", "application/json")
                      .withBody(text("error-404-execution.json"))));
    }
    n8n.stubFor(
        get(urlPathEqualTo("/api/v1/workflows/" + STOP_WORKFLOW))
            .willReturn(okJson(text("workflow.json"))));
  }

  private void stubPendingEmpty() {
    stubList("running", null, EMPTY);
    stubList("waiting", null, text("executions-waiting-empty.json"));
  }

  private void stubList(String status, String cursor, String body) {
    n8n.stubFor(
        list(status)
            .withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor))
            .willReturn(okJson(body)));
  }

  private static MappingBuilder list(String status) {
    return get(urlPathEqualTo("/api/v1/executions")).withQueryParam("status", equalTo(status));
  }

  private RecheckResult recheck(String id, Set<Outcome> outcomes) {
    return source()
        .recheck(
            new PendingRun(id, STOP_WORKFLOW, null, "running", null, NOW),
            outcomes,
            SourceTestKit.farDeadline(clock));
  }

  private ScanRequest window() {
    return ScanRequest.failures(AFTER, NOW, SourceTestKit.farDeadline(clock));
  }

  private N8nFailureSource source() {
    return source(N8nOptions.defaults());
  }

  private N8nFailureSource source(N8nOptions options) {
    return new N8nFailureSource(connection(options).build(), SourceTestKit.http(), clock);
  }

  private static SourceConnection.Builder connection(N8nOptions options) {
    return SourceTestKit.connection(N8nPlugin.N8N, n8n, "").options(options);
  }
}
