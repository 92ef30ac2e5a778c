package dev.errorbridge.connector.platform.alloy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
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
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceTestKit;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.time.Deadline;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AlloyFailureSourceTest {
  private static final Instant AFTER = Instant.parse("2026-02-03T09:00:00Z");
  private static final String EXECUTION_ERROR_FILTER =
      "{\"columns\":{\"value\":\"message\"},\"operators\":{\"value\":\"equals\"},"
          + "\"userinput\":{\"value\":\"executionError\"},\"condition\":{\"value\":\"and\"}}";

  @RegisterExtension static WireMockExtension alloy = SourceTestKit.wireMock();

  private final MutableClock clock = new MutableClock(NOW);

  @Test
  void scan_whenErrorsSpanTwoPages_deliversExactFailuresWithFailingBlocks() {
    stubPages();
    RecordingListener listener = new RecordingListener();

    ScanResult result = source(options(2)).scan(window(), listener);

    assertThat(listener.failurePages).extracting(List::size).containsExactly(2, 1);
    assertThat(listener.failures().get(0))
        .isEqualTo(
            new FailedExecution(
                Platform.ALLOY,
                TENANT,
                "conn_alloy",
                new Workflow("65c1d2e3f4a5b6c7d8e9f0b7", "Sync paid orders to NetSuite", "3"),
                new Execution(
                    "6a1f0c9d7e3b2a1c0f9e8d71",
                    "executionError",
                    Outcome.FAILED,
                    "trigger",
                    Instant.parse("2026-02-03T09:14:05.118Z"),
                    Instant.parse("2026-02-03T09:14:07.904Z"),
                    2786L,
                    null),
                new RunError(
                    "Request failed with status code 401: INVALID_LOGIN_CREDENTIALS", null),
                List.of(
                    new FailedStep(
                        "5d9a1b2c-3e4f-4a6b-8c7d-9e0f1a2b3c4d",
                        "Create Sales Order",
                        "action",
                        "Request failed with status code 401: INVALID_LOGIN_CREDENTIALS",
                        null,
                        null,
                        "{\"subsidiary\":\"2\"}",
                        null)),
                new Delivery(DeliveryPath.POLL, NOW),
                compact("alloy/log-6a1f.json", "/data")));
    // a 21-character execution id; an error object and a plain string; Unicode throughout
    FailedExecution second = listener.failures().get(1);
    assertThat(second.execution().id()).isEqualTo("Hk3pZ8wQn1Vb6tYr0cLs2");
    assertThat(second.workflow())
        .isEqualTo(new Workflow("65c1d2e3f4a5b6c7d8e9f0c3", "Übertrage Bestellungen → 日本倉庫", "1"));
    assertThat(second.error())
        .isEqualTo(new RunError("Upstream 503: Dienst nicht verfügbar ⚠", null));
    assertThat(second.failedSteps())
        .containsExactly(
            new FailedStep(
                "b1",
                "Lagerbestand prüfen",
                "action",
                "Upstream 503: Dienst nicht verfügbar ⚠",
                "{\"message\":\"Upstream 503: Dienst nicht verfügbar ⚠\",\"code\":\"UPSTREAM_UNAVAILABLE\"}",
                503,
                "{\"sku\":\"ÄÖÜ-42\"}",
                null),
            new FailedStep(
                "b2", "在庫を更新", "action", "タイムアウト: 30 秒以内に応答がありません", null, null, null, null));
    assertThat(second.execution().trigger()).isEqualTo("webhook");
    // a late finisher whose detail has expired: built from the notification
    FailedExecution third = listener.failures().get(2);
    assertThat(third.execution())
        .isEqualTo(
            new Execution(
                "6a1f0e10aa3b2a1c0f9e8d99",
                "executionError",
                Outcome.FAILED,
                null,
                Instant.parse("2026-02-03T08:10:00Z"),
                Instant.parse("2026-02-03T09:45:00Z"),
                null,
                null));
    assertThat(third.failedSteps()).isEmpty();
    assertThat(third.error()).isNull();
    assertThat(third.rawPayload()).isEqualTo(compact("alloy/logs-page2.json", "/notifications/0"));
    // the error written after the scan's upper bound ends it, without a third page
    assertThat(result)
        .isEqualTo(new ScanResult(true, 2, 5, 3, 0, Instant.parse("2026-02-03T09:45:00Z")));
    alloy.verify(
        getRequestedFor(urlPathEqualTo("/logs"))
            .withQueryParam("skip", equalTo("2"))
            .withQueryParam("limit", equalTo("2"))
            .withQueryParam("sortBy", equalTo("createdAt"))
            .withQueryParam("sortOrder", equalTo("asc"))
            .withQueryParam(
                "filters",
                equalToJson(
                    "["
                        + EXECUTION_ERROR_FILTER
                        + ",{\"columns\":{\"value\":\"createdAt\"},\"operators\":{\"value\":\"greaterthan\"},"
                        + "\"userinput\":{\"value\":\"2026-02-03T08:59:59.999Z\"},\"condition\":{\"value\":\"and\"}}"
                        + ",{\"columns\":{\"value\":\"createdAt\"},\"operators\":{\"value\":\"lessthan\"},"
                        + "\"userinput\":{\"value\":\"2026-02-03T10:00:00Z\"},\"condition\":{\"value\":\"and\"}}]"))
            .withHeader("Authorization", equalTo("Bearer " + KEY.reveal()))
            .withHeader("x-api-version", equalTo("2025-09")));
    alloy.verify(0, getRequestedFor(urlPathEqualTo("/logs/6a1f0f21aa3b2a1c0f9e8daa")));
  }

  @Test
  void scan_whenAlloyRejectsThePageSize_halvesItAndGoesOn() {
    alloy.stubFor(
        get(urlPathEqualTo("/logs"))
            .withQueryParam("limit", equalTo("40"))
            .willReturn(aResponse().withStatus(400).withBody("{\"message\":\"limit too large\"}")));
    alloy.stubFor(
        get(urlPathEqualTo("/logs"))
            .withQueryParam("limit", equalTo("20"))
            .willReturn(okJson("{\"notifications\":[],\"pagination\":{\"totalItems\":0}}")));

    ScanResult result = source(options(40)).scan(window(), new RecordingListener());

    assertThat(result).isEqualTo(new ScanResult(true, 1, 2, 0, 0, null));
  }

  @Test
  void scan_whenAlloyIgnoresFilterAndOrder_checksEveryRowItself() {
    // newest first, with a success and rows on both sides of the window: all pages are read
    String rows =
        "{\"notifications\":["
            + note("n-after", "executionError", "2026-02-03T10:30:00Z")
            + ","
            + note("n-in", "executionError", "2026-02-03T09:30:00Z")
            + ","
            + note("n-ok", "executionSuccess", "2026-02-03T09:20:00Z")
            + ","
            + note("n-before", "executionError", "2026-02-03T08:30:00Z")
            + "],\"pagination\":{\"totalItems\":4}}";
    alloy.stubFor(get(urlPathEqualTo("/logs")).willReturn(okJson(rows)));
    alloy.stubFor(get(urlPathEqualTo("/logs/n-in")).willReturn(notFound()));
    RecordingListener listener = new RecordingListener();

    source(options(50)).scan(window(), listener);

    assertThat(listener.ids()).containsExactly("n-in");
  }

  @Test
  void scan_whenServerTimeFilterOff_sendsOnlyTheErrorFilter() {
    alloy.stubFor(get(urlPathEqualTo("/logs")).willReturn(okJson("{\"notifications\":[]}")));

    source(new AlloyOptions(AlloyApiGeneration.V2025_09, 50, "65aa11bb22cc33dd44ee55ff", false))
        .scan(window(), new RecordingListener());

    alloy.verify(
        getRequestedFor(urlPathEqualTo("/logs"))
            .withQueryParam("filters", equalToJson("[" + EXECUTION_ERROR_FILTER + "]"))
            .withQueryParam("associatedUserId", equalTo("65aa11bb22cc33dd44ee55ff")));
  }

  @Test
  void scan_whenOlderGeneration_usesTheVersionPathWithoutVersionHeader() {
    alloy.stubFor(
        get(urlPathEqualTo("/2024-03/logs")).willReturn(okJson("{\"notifications\":[]}")));
    SourceConnection connection =
        SourceTestKit.connection(Platform.ALLOY, alloy, "/2024-03")
            .options(new AlloyOptions(AlloyApiGeneration.V2024_03, 50, null, true))
            .build();

    ScanResult result =
        new AlloyFailureSource(connection, SourceTestKit.http(), clock)
            .scan(window(), new RecordingListener());

    assertThat(result.complete()).isTrue();
    alloy.verify(
        getRequestedFor(urlPathEqualTo("/2024-03/logs")).withHeader("x-api-version", absent()));
  }

  @Test
  void scan_whenWorkflowFilterNamesTheParent_matchesChildRunsOfIt() {
    stubPages();
    RecordingListener listener = new RecordingListener();

    source(options(2)).scan(window().withWorkflowIds(Set.of("65c1d2e3f4a5b6c7d8e9f0c2")), listener);

    assertThat(listener.ids()).containsExactly("Hk3pZ8wQn1Vb6tYr0cLs2");
  }

  @Test
  void scan_whenDeadlinePassesAfterFirstPage_returnsIncomplete() {
    stubPages();
    RecordingListener listener = new RecordingListener(page -> clock.advance(Duration.ofHours(1)));

    ScanResult result =
        source(options(2))
            .scan(
                ScanRequest.failures(AFTER, NOW, Deadline.after(Duration.ofMinutes(1), clock)),
                listener);

    assertThat(result.complete()).isFalse();
    assertThat(listener.ids()).hasSize(2);
  }

  @Test
  void scan_whenBlockErrorIsVeryLong_keepsItWhole() throws Exception {
    stubPages();
    String error = "NetSuite SOAP fault ✗ " + "<detail>stack frame</detail>".repeat(8_000);
    com.fasterxml.jackson.databind.node.ObjectNode detail =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            SourceTestKit.json().readTree(fixture("alloy/log-6a1f.json"));
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            detail.at("/data/runData/5d9a1b2c-3e4f-4a6b-8c7d-9e0f1a2b3c4d"))
        .put("error", error);
    alloy.stubFor(
        get(urlPathEqualTo("/logs/6a1f0c9d7e3b2a1c0f9e8d71"))
            .willReturn(okJson(detail.toString())));
    RecordingListener listener = new RecordingListener();

    source(options(2)).scan(window(), listener);

    FailedExecution first = listener.failures().get(0);
    assertThat(first.failedSteps())
        .singleElement()
        .extracting(FailedStep::errorMessage)
        .isEqualTo(error);
    assertThat(first.error()).isEqualTo(new RunError(error, null));
  }

  @Test
  void recheck_whenExecutionStillRunning_saysSo() {
    alloy.stubFor(detail("6a1f0c9d7e3b2a1c0f9e8d71", "alloy/log-unfinished.json"));

    assertThat(recheck()).isEqualTo(new RecheckResult.StillRunning("running"));
  }

  @Test
  void recheck_whenExecutionEndedWithBlockErrors_returnsTerminal() {
    alloy.stubFor(detail("6a1f0c9d7e3b2a1c0f9e8d71", "alloy/log-6a1f.json"));

    RecheckResult result = recheck();

    assertThat(result).isInstanceOf(RecheckResult.Terminal.class);
    FailedExecution failure = ((RecheckResult.Terminal) result).failure();
    assertThat(failure.workflow()).isEqualTo(new Workflow("65c1d2e3f4a5b6c7d8e9f0b7", null, null));
    assertThat(failure.failedSteps())
        .extracting(FailedStep::id)
        .containsExactly("5d9a1b2c-3e4f-4a6b-8c7d-9e0f1a2b3c4d");
  }

  @Test
  void recheck_whenExecutionEndedCleanly_ignoresIt() {
    alloy.stubFor(detail("6a1f0c9d7e3b2a1c0f9e8d71", "alloy/log-clean.json"));

    assertThat(recheck()).isEqualTo(new RecheckResult.SucceededOrIgnored("finished"));
  }

  @Test
  void recheck_whenExecutionIsGone_returnsNotFound() {
    alloy.stubFor(get(urlPathEqualTo("/logs/6a1f0c9d7e3b2a1c0f9e8d71")).willReturn(notFound()));

    assertThat(recheck()).isEqualTo(new RecheckResult.NotFound());
  }

  @Test
  void defaultBaseUrl_whenGenerationGiven_isThatGenerationsHost() {
    assertThat(SourceConnection.defaultBaseUrl(AlloyOptions.defaults()))
        .isEqualTo(URI.create("https://production.runalloy.com"));
    assertThat(
            SourceConnection.defaultBaseUrl(
                new AlloyOptions(AlloyApiGeneration.V2023_12, 50, null, true)))
        .isEqualTo(URI.create("https://embedded.runalloy.com/2023-12"));
  }

  @Test
  void scan_whenTheListenerKnowsAFailurePublished_readsNoDetailForIt() {
    stubPages();
    String known = "6a1f0c9d7e3b2a1c0f9e8d71";
    RecordingListener listener = new RecordingListener().publishedAlready(known);

    ScanResult result = source(options(2)).scan(window(), listener);

    assertThat(listener.asked).hasSize(2);
    assertThat(listener.asked.get(0)).contains(known);
    assertThat(listener.ids())
        .doesNotContain(known)
        .containsExactly("Hk3pZ8wQn1Vb6tYr0cLs2", "6a1f0e10aa3b2a1c0f9e8d99");
    assertThat(result)
        .isEqualTo(new ScanResult(true, 2, 4, 2, 0, Instant.parse("2026-02-03T09:45:00Z")));
    alloy.verify(0, getRequestedFor(urlPathEqualTo("/logs/" + known)));
    alloy.verify(1, getRequestedFor(urlPathEqualTo("/logs/Hk3pZ8wQn1Vb6tYr0cLs2")));
  }

  private RecheckResult recheck() {
    return source(options(50))
        .recheck(
            new PendingRun("6a1f0c9d7e3b2a1c0f9e8d71", null, null, "running", null, NOW),
            Set.of(Outcome.FAILED),
            farDeadline(clock));
  }

  private void stubPages() {
    alloy.stubFor(page(0).willReturn(okJson(fixture("alloy/logs-page1.json"))));
    alloy.stubFor(page(2).willReturn(okJson(fixture("alloy/logs-page2.json"))));
    alloy.stubFor(detail("6a1f0c9d7e3b2a1c0f9e8d71", "alloy/log-6a1f.json"));
    alloy.stubFor(detail("Hk3pZ8wQn1Vb6tYr0cLs2", "alloy/log-Hk3p.json"));
    alloy.stubFor(get(urlPathEqualTo("/logs/6a1f0e10aa3b2a1c0f9e8d99")).willReturn(notFound()));
  }

  private static MappingBuilder page(int skip) {
    return get(urlPathEqualTo("/logs")).withQueryParam("skip", equalTo(String.valueOf(skip)));
  }

  private static MappingBuilder detail(String id, String fixture) {
    return get(urlPathEqualTo("/logs/" + id)).willReturn(okJson(fixture(fixture)));
  }

  private static String note(String id, String message, String createdAt) {
    return "{\"_id\":\"x"
        + id
        + "\",\"message\":\""
        + message
        + "\",\"data\":{\"executionId\":\""
        + id
        + "\"},\"createdAt\":\""
        + createdAt
        + "\",\"workflowId\":\"wf\"}";
  }

  private static AlloyOptions options(int pageSize) {
    return new AlloyOptions(AlloyApiGeneration.V2025_09, pageSize, null, true);
  }

  private ScanRequest window() {
    return ScanRequest.failures(AFTER, NOW, farDeadline(clock));
  }

  private AlloyFailureSource source(AlloyOptions options) {
    return new AlloyFailureSource(
        SourceTestKit.connection(Platform.ALLOY, alloy, "").options(options).build(),
        SourceTestKit.http(),
        clock);
  }
}
