package dev.errorbridge.connector.platform.trigify;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.errorbridge.connector.source.SourceTestKit.NOW;
import static dev.errorbridge.connector.source.SourceTestKit.farDeadline;
import static dev.errorbridge.connector.source.SourceTestKit.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.RecordingListener;
import dev.errorbridge.connector.source.RowFailure;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.ScanResult;
import dev.errorbridge.connector.source.SourceTestKit;
import dev.errorbridge.connector.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What each Trigify field's absence or oddity does to a scan (the table on {@link
 * TrigifyFailureSource}): skip the row, fail the row (reported, the rest read), or fail the page.
 */
class TrigifyRowsTest {
  private static final Instant AFTER = Instant.parse("2026-02-03T08:00:00Z");
  private static final String EXECUTIONS = "/v1/workflows/wf_rows/executions";

  @RegisterExtension static WireMockExtension trigify = SourceTestKit.wireMock();

  private final MutableClock clock = new MutableClock(NOW);
  private RecordingListener listener;
  private ScanResult result;

  @BeforeEach
  void scanEveryRowKind() {
    trigify.stubFor(
        get(urlPathEqualTo("/v1/workflows"))
            .willReturn(okJson(fixture("trigify/rows/workflows.json"))));
    trigify.stubFor(
        get(urlPathEqualTo(EXECUTIONS))
            .willReturn(okJson(fixture("trigify/rows/executions-every-row-kind.json"))));
    trigify.stubFor(get(urlPathMatching(EXECUTIONS + "/.*")).willReturn(notFound()));
    detail("run_mismatch", "trigify/rows/execution-mismatch.json");
    detail("run_completed_detail", "trigify/rows/execution-completed.json");
    detail("run_startless", "trigify/rows/execution-startless.json");
    listener = new RecordingListener();

    result = source().scan(ScanRequest.failures(AFTER, NOW, farDeadline(clock)), listener);
  }

  @Test
  void scan_whenRowsAreMalformedOrContradicted_failsEachAloneAndReadsTheRest() {
    assertThat(result.complete()).isTrue();
    assertThat(listener.ids()).containsExactly("run_good", "run_startless", "run_timeless");
    assertThat(result.rowsFailed()).isEqualTo(9);
    assertThat(result.rowsSkipped()).isZero();
    assertThat(listener.rowFailures)
        .satisfiesExactly(
            f -> assertRow(f, null, "GET /workflows: a row", "field data.items[2] is a NUMBER"),
            f -> assertRow(f, null, "GET /workflows: a row", "field data.items[1].id is missing"),
            f -> assertRow(f, null, "executions: a row", "field data.executions[6] is a NUMBER"),
            f -> assertRow(f, null, "executions: a row", "data.executions[3].run_id is missing"),
            f ->
                assertRow(
                    f, "run_no_status", "executions: run", "data.executions[4].status is missing"),
            f ->
                assertRow(
                    f, "run_bad_time", "executions: run", "executions[5].started_at is not a time"),
            f ->
                assertRow(
                    f,
                    "run_mismatch",
                    "{runId}: run",
                    "field data.run_id names run run_other, not the run asked for"),
            f ->
                assertRow(
                    f,
                    "run_completed_detail",
                    "{runId}: run",
                    "field data.status is completed for a run the list shows as failed"),
            f ->
                assertRow(
                    f,
                    "run_bad_duration",
                    "executions: run",
                    "data.executions[9].duration is not a whole number"));
  }

  @Test
  void scan_whenAFailedRunHasNoStartTime_placesItByItsFinishAndPublishesIt() {
    FailedExecution startless = failure("run_startless");

    assertThat(startless.execution().startedAt()).isNull();
    assertThat(startless.execution().finishedAt()).isEqualTo(Instant.parse("2026-02-03T09:10:00Z"));
    // a failed run without any time is placed where it was seen: in this window
    assertThat(failure("run_timeless").execution().finishedAt()).isNull();
    assertThat(result.latestSeen()).isEqualTo(Instant.parse("2026-02-03T09:10:00Z"));
  }

  @Test
  void scan_whenARunIsQueuedWithoutAStartTime_tracksItAsPending() {
    assertThat(listener.pending)
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.executionId()).isEqualTo("run_queued");
              assertThat(run.startedAt()).isNull();
            });
  }

  private FailedExecution failure(String runId) {
    return listener.failures().stream()
        .filter(f -> f.execution().id().equals(runId))
        .findFirst()
        .orElseThrow();
  }

  private static void assertRow(
      RowFailure row, String executionId, String endpointAndSubject, String problem) {
    assertThat(row.executionId()).isEqualTo(executionId);
    assertThat(row.message())
        .startsWith("Trigify connection conn_trigify, GET /workflows")
        .contains(endpointAndSubject, problem);
  }

  private static void detail(String runId, String fixture) {
    trigify.stubFor(
        get(urlPathEqualTo(EXECUTIONS + "/" + runId)).willReturn(okJson(fixture(fixture))));
  }

  private TrigifyFailureSource source() {
    return new TrigifyFailureSource(
        SourceTestKit.connection(Platform.TRIGIFY, trigify, "/v1")
            .options(TrigifyOptions.defaults())
            .build(),
        SourceTestKit.http(),
        clock,
        clock.sleeper());
  }
}
