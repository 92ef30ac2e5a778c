package dev.errorbridge.connector.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.errorbridge.connector.source.SourceTestKit.NOW;
import static dev.errorbridge.connector.source.SourceTestKit.farDeadline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.alloy.AlloyApiGeneration;
import dev.errorbridge.connector.platform.alloy.AlloyOptions;
import dev.errorbridge.connector.platform.dify.DifyOptions;
import dev.errorbridge.connector.platform.runflow.RunflowOptions;
import dev.errorbridge.connector.platform.trigify.TrigifyOptions;
import dev.errorbridge.connector.poll.DefaultFailureSourceFactory;
import dev.errorbridge.connector.source.http.SourceHttpClient;
import dev.errorbridge.connector.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A list page larger than the body limit (runs that each carry a large error): every adapter asks
 * again with fewer rows wherever the endpoint has a page size, skips and reports a row too large
 * even alone, and says what happened without blaming the base URL.
 */
class OversizedPagesTest {
  /** A body just past the limit: the reader gives up on it before its end. */
  private static final String TOO_LARGE = " ".repeat(SourceHttpClient.MAX_BODY_BYTES + 1024);

  @RegisterExtension static WireMockExtension server = SourceTestKit.wireMock();

  private final MutableClock clock = new MutableClock(NOW);

  @Test
  void scan_whenADifyPageIsTooLarge_halvesThePageSizeAndReadsEveryRun() {
    server.stubFor(difyLogs(4, 1).willReturn(tooLarge()));
    server.stubFor(
        difyLogs(2, 1).willReturn(okJson(difyPage(true, difyRow("a", 30), difyRow("b", 20)))));
    server.stubFor(
        difyLogs(2, 2).willReturn(okJson(difyPage(false, difyRow("c", 10), difyRow("d", 5)))));
    server.stubFor(get(urlPathMatching("/v1/workflows/run/.*")).willReturn(notFound()));
    RecordingListener listener = new RecordingListener();

    ScanResult result = dify(4).scan(window(), listener);

    assertThat(result.complete()).isTrue();
    assertThat(listener.ids()).containsExactly("a", "b", "c", "d");
    assertThat(listener.rowFailures).isEmpty();
    server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/v1/workflows/logs"))
            .withQueryParam("limit", equalTo("4")));
  }

  @Test
  void scan_whenOneDifyRowIsTooLargeEvenAlone_skipsAndReportsItAndReadsTheRest() {
    server.stubFor(difyLogs(2, 1).willReturn(tooLarge()));
    server.stubFor(difyLogs(1, 1).willReturn(okJson(difyPage(true, difyRow("a", 30)))));
    server.stubFor(difyLogs(1, 2).willReturn(tooLarge()));
    server.stubFor(difyLogs(2, 2).willReturn(okJson(difyPage(false, difyRow("c", 10)))));
    server.stubFor(get(urlPathMatching("/v1/workflows/run/.*")).willReturn(notFound()));
    RecordingListener listener = new RecordingListener();

    ScanResult result = dify(2).scan(window(), listener);

    assertThat(result.complete()).isTrue();
    assertThat(listener.ids()).containsExactly("a", "c");
    assertThat(result.rowsFailed()).isEqualTo(1);
    assertThat(listener.rowFailures)
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .isEqualTo(
                        "Dify connection conn_dify, GET /workflows/logs: the row at position 2 of"
                            + " the listing is larger than 32 MiB even alone, the most Errorbridge"
                            + " reads of one response; it was skipped (its run cannot be read"
                            + " through the API; look it up in the platform's console)"));
  }

  @Test
  void scan_whenATrigifyExecutionsPageIsTooLarge_halvesItsPageSize() {
    server.stubFor(
        get(urlPathEqualTo("/v1/workflows"))
            .willReturn(
                okJson(
                    "{\"success\":true,\"data\":{\"items\":[{\"id\":\"wf_1\",\"name\":\"W\"}],"
                        + "\"has_more\":false}}")));
    server.stubFor(trigifyExecutions(4, 1).willReturn(tooLarge()));
    server.stubFor(
        trigifyExecutions(2, 1)
            .willReturn(okJson(trigifyPage(trigifyRow("run_a", 30), trigifyRow("run_b", 20)))));
    server.stubFor(
        trigifyExecutions(2, 2).willReturn(okJson(trigifyPage(trigifyRow("run_c", 10)))));
    server.stubFor(get(urlPathMatching("/v1/workflows/wf_1/executions/.*")).willReturn(notFound()));
    RecordingListener listener = new RecordingListener();

    ScanResult result =
        new TrigifyFailureSourceAccess(
                connection(Platform.TRIGIFY, "/v1", new TrigifyOptions(4, 100, null, 50)), clock)
            .source()
            .scan(window(), listener);

    assertThat(result.complete()).isTrue();
    assertThat(listener.ids()).containsExactly("run_a", "run_b", "run_c");
  }

  @Test
  void scan_whenARunflowPageIsTooLarge_halvesTheLimitThenListsALoneRunByItsIdOnly() {
    server.stubFor(runflowRuns(2, null).willReturn(tooLarge()));
    server.stubFor(
        runflowRuns(1, null)
            .withQueryParam("fields", equalTo("id,status_code,created_at"))
            .willReturn(okJson(runflowPage("cur-1", runflowRow("r-a", 30)))));
    server.stubFor(
        runflowRuns(1, null)
            .withQueryParam("fields", equalTo(RunflowListFields.VALUE))
            .willReturn(tooLarge()));
    server.stubFor(
        runflowRuns(1, "cur-1").willReturn(okJson(runflowPage(null, runflowRow("r-b", 20)))));
    server.stubFor(get(urlPathMatching("/v1/runs/.*")).willReturn(notFound()));
    RecordingListener listener = new RecordingListener();

    ScanResult result =
        new DefaultFailureSourceFactory(SourceTestKit.http(), clock, clock.sleeper())
            .create(connection(Platform.RUNFLOW, "", new RunflowOptions(2, null, false)))
            .scan(window(), listener);

    assertThat(result.complete()).isTrue();
    assertThat(listener.ids()).containsExactly("r-a", "r-b");
  }

  @Test
  void scan_whenEvenARunflowRunsIdIsTooLarge_failsSayingWhatWasAskedWithoutBlamingTheBaseUrl() {
    server.stubFor(get(urlPathEqualTo("/v1/runs")).willReturn(tooLarge()));

    SourceResponseTooLargeException e =
        catchThrowableOfType(
            SourceResponseTooLargeException.class,
            () ->
                new DefaultFailureSourceFactory(SourceTestKit.http(), clock, clock.sleeper())
                    .create(connection(Platform.RUNFLOW, "", new RunflowOptions(2, null, false)))
                    .scan(window(), new RecordingListener()));

    assertThat(e.getMessage())
        .startsWith(
            "Runflow connection conn_runflow, GET /v1/runs: the answer to a page of one run")
        .contains("larger than 32 MiB", "nothing is wrong with the connection's settings")
        .doesNotContain("base URL");
  }

  @Test
  void scan_whenAnAlloyPageIsTooLarge_halvesTheLimitAndSkipsOnByRows() {
    server.stubFor(alloyLogs(4, 0).willReturn(tooLarge()));
    server.stubFor(
        alloyLogs(2, 0)
            .willReturn(okJson(alloyPage(3, alloyRow("ex-a", 30), alloyRow("ex-b", 20)))));
    server.stubFor(alloyLogs(2, 2).willReturn(okJson(alloyPage(3, alloyRow("ex-c", 10)))));
    server.stubFor(get(urlPathMatching("/logs/.*")).willReturn(notFound()));
    RecordingListener listener = new RecordingListener();

    ScanResult result =
        new DefaultFailureSourceFactory(SourceTestKit.http(), clock, clock.sleeper())
            .create(
                connection(
                    Platform.ALLOY,
                    "",
                    new AlloyOptions(AlloyApiGeneration.V2025_09, 4, null, true)))
            .scan(window(), listener);

    assertThat(result.complete()).isTrue();
    assertThat(listener.ids()).containsExactly("ex-a", "ex-b", "ex-c");
  }

  // --- Dify

  private FailureSource dify(int pageSize) {
    return new DefaultFailureSourceFactory(SourceTestKit.http(), clock, clock.sleeper())
        .create(connection(Platform.DIFY, "/v1", new DifyOptions("app-1", null, pageSize)));
  }

  private static MappingBuilder difyLogs(int limit, int page) {
    return get(urlPathEqualTo("/v1/workflows/logs"))
        .withQueryParam("limit", equalTo(String.valueOf(limit)))
        .withQueryParam("page", equalTo(String.valueOf(page)));
  }

  private static String difyRow(String id, int minutesAgo) {
    long created = NOW.minus(Duration.ofMinutes(minutesAgo)).getEpochSecond();
    return "{\"id\":\"log-"
        + id
        + "\",\"created_at\":"
        + created
        + ",\"workflow_run\":{\"id\":\""
        + id
        + "\",\"status\":\"failed\",\"error\":\"boom\",\"created_at\":"
        + created
        + "}}";
  }

  private static String difyPage(boolean hasMore, String... rows) {
    return "{\"has_more\":" + hasMore + ",\"data\":[" + String.join(",", rows) + "]}";
  }

  // --- Trigify

  private static MappingBuilder trigifyExecutions(int pageSize, int page) {
    return get(urlPathEqualTo("/v1/workflows/wf_1/executions"))
        .withQueryParam("page_size", equalTo(String.valueOf(pageSize)))
        .withQueryParam("page", equalTo(String.valueOf(page)));
  }

  private static String trigifyRow(String runId, int minutesAgo) {
    return "{\"run_id\":\""
        + runId
        + "\",\"status\":\"failed\",\"started_at\":\""
        + NOW.minus(Duration.ofMinutes(minutesAgo))
        + "\",\"error\":\"boom\"}";
  }

  private static String trigifyPage(String... rows) {
    return "{\"success\":true,\"data\":{\"executions\":[" + String.join(",", rows) + "]}}";
  }

  /** A Trigify source whose rate gate "sleeps" on the test's clock. */
  private record TrigifyFailureSourceAccess(SourceConnection connection, MutableClock clock) {
    FailureSource source() {
      return new DefaultFailureSourceFactory(SourceTestKit.http(), clock, clock.sleeper())
          .create(connection);
    }
  }

  // --- Runflow

  /** Runflow's default list projection. */
  private static final class RunflowListFields {
    static final String VALUE =
        "id,status_code,failure_code,failure_message,flow_id,flow_version_id,model_id,"
            + "comfyui_workflow_id,target_version,source_code,created_at,started_at,completed_at,"
            + "duration_ms,has_node_runs";
  }

  private static MappingBuilder runflowRuns(int limit, String cursor) {
    MappingBuilder runs =
        get(urlPathEqualTo("/v1/runs")).withQueryParam("limit", equalTo(String.valueOf(limit)));
    return cursor == null
        ? runs.withQueryParam("pq", com.github.tomakehurst.wiremock.client.WireMock.absent())
        : runs.withQueryParam("pq", equalTo(cursor));
  }

  private static String runflowRow(String id, int minutesAgo) {
    return "{\"id\":\""
        + id
        + "\",\"status_code\":\"failed\",\"flow_id\":\"flow-1\",\"created_at\":\""
        + NOW.minus(Duration.ofMinutes(minutesAgo))
        + "\"}";
  }

  private static String runflowPage(String next, String... rows) {
    return "{\"items\":["
        + String.join(",", rows)
        + "],\"next\":"
        + (next == null ? "null" : "\"" + next + "\"")
        + "}";
  }

  // --- Alloy

  private static MappingBuilder alloyLogs(int limit, int skip) {
    return get(urlPathEqualTo("/logs"))
        .withQueryParam("limit", equalTo(String.valueOf(limit)))
        .withQueryParam("skip", equalTo(String.valueOf(skip)));
  }

  private static String alloyRow(String executionId, int minutesAgo) {
    String at = NOW.minus(Duration.ofMinutes(minutesAgo)).toString();
    return "{\"message\":\"executionError\",\"data\":{\"executionId\":\""
        + executionId
        + "\"},\"workflowId\":\"wf-1\",\"createdAt\":\""
        + at
        + "\",\"completedAt\":\""
        + at
        + "\"}";
  }

  private static String alloyPage(int total, String... rows) {
    return "{\"notifications\":["
        + String.join(",", rows)
        + "],\"pagination\":{\"totalItems\":"
        + total
        + "}}";
  }

  // --- shared

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tooLarge() {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(TOO_LARGE);
  }

  private SourceConnection connection(Platform platform, String basePath, PlatformOptions options) {
    return SourceTestKit.connection(platform, server, basePath).options(options).build();
  }

  private ScanRequest window() {
    return ScanRequest.failures(NOW.minus(Duration.ofHours(1)), NOW, farDeadline(clock));
  }
}
