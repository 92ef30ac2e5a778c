package dev.errorbridge.connector.platform.runflow;

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
 * What each Runflow field's absence or oddity does to a scan (the table on {@link
 * RunflowFailureSource}): fail the row (reported, the rest read), a fallback, or fail the page.
 */
class RunflowRowsTest {
  private static final Instant AFTER = Instant.parse("2026-02-03T09:00:00Z");

  @RegisterExtension static WireMockExtension runflow = SourceTestKit.wireMock();

  private final MutableClock clock = new MutableClock(NOW);
  private RecordingListener listener;
  private ScanResult result;

  @BeforeEach
  void scanEveryRowKind() {
    runflow.stubFor(
        get(urlPathEqualTo("/v1/runs"))
            .willReturn(okJson(fixture("runflow/rows/runs-every-row-kind.json"))));
    runflow.stubFor(get(urlPathMatching("/v1/runs/.*")).willReturn(notFound()));
    detail("r-mismatch", "runflow/rows/run-mismatch.json");
    detail("r-succeeded-detail", "runflow/rows/run-succeeded.json");
    detail("r-bad-nodes", "runflow/rows/run-bad-nodes.json");
    detail("r-startless", "runflow/rows/run-startless.json");
    listener = new RecordingListener();

    result =
        new RunflowFailureSource(
                SourceTestKit.connection(Platform.RUNFLOW, runflow, "")
                    .options(new RunflowOptions(500, null, false))
                    .build(),
                SourceTestKit.http(),
                clock)
            .scan(ScanRequest.failures(AFTER, NOW, farDeadline(clock)), listener);
  }

  @Test
  void scan_whenRowsAreMalformedOrContradicted_failsEachAloneAndReadsTheRest() {
    assertThat(result.complete()).isTrue();
    assertThat(listener.ids())
        .containsExactly("r-good", "r-timeless", "r-no-target", "r-no-status", "r-startless");
    assertThat(result.rowsFailed()).isEqualTo(7);
    assertThat(listener.rowFailures)
        .satisfiesExactly(
            f -> assertRow(f, null, "GET /v1/runs: a row", "field items[4] is a NUMBER"),
            f -> assertRow(f, null, "GET /v1/runs: a row", "field items[1].id is missing"),
            f -> assertRow(f, "r-bad-time", "GET /v1/runs: run", "items[2].created_at is not a"),
            f ->
                assertRow(
                    f,
                    "r-mismatch",
                    "GET /v1/runs/{id}: run",
                    "field id names run r-other, not the run asked for"),
            f ->
                assertRow(
                    f,
                    "r-succeeded-detail",
                    "GET /v1/runs/{id}: run",
                    "field status_code is succeeded for a run the list shows as failed"),
            f ->
                assertRow(
                    f,
                    "r-bad-duration",
                    "GET /v1/runs: run",
                    "field items[9].duration_ms is not a whole number"),
            f ->
                assertRow(
                    f, "r-bad-nodes", "GET /v1/runs/{id}: run", "field node_runs[0] is a NUMBER"));
  }

  @Test
  void scan_whenFieldsWithFallbacksAreAbsent_publishesTheRunWithTheFallback() {
    // no target: the "unknown" workflow; no status: the status asked for
    assertThat(failure("r-no-target").workflow().id()).isEqualTo(RunflowRuns.NO_TARGET);
    assertThat(failure("r-no-status").execution().status()).isEqualTo("failed");
    // no start: placed at its creation
    assertThat(failure("r-startless").execution().startedAt())
        .isEqualTo(Instant.parse("2026-02-03T09:20:00Z"));
    // no time at all: Runflow filtered on created_at, so the row belongs to this window
    assertThat(failure("r-timeless").execution().finishedAt()).isNull();
  }

  private FailedExecution failure(String id) {
    return listener.failures().stream()
        .filter(f -> f.execution().id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static void assertRow(
      RowFailure row, String executionId, String endpointAndSubject, String problem) {
    assertThat(row.executionId()).isEqualTo(executionId);
    assertThat(row.message())
        .startsWith("Runflow connection conn_runflow, GET /v1/runs")
        .contains(endpointAndSubject, problem);
  }

  private static void detail(String id, String fixture) {
    runflow.stubFor(get(urlPathEqualTo("/v1/runs/" + id)).willReturn(okJson(fixture(fixture))));
  }
}
