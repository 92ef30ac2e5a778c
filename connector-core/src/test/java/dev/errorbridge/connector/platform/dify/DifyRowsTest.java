package dev.errorbridge.connector.platform.dify;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.errorbridge.connector.source.SourceTestKit.NOW;
import static dev.errorbridge.connector.source.SourceTestKit.farDeadline;
import static dev.errorbridge.connector.source.SourceTestKit.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.RecordingListener;
import dev.errorbridge.connector.source.RowFailure;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.ScanResult;
import dev.errorbridge.connector.source.SourceResponseInvalidException;
import dev.errorbridge.connector.source.SourceTestKit;
import dev.errorbridge.connector.testing.MutableClock;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What each Dify field's absence or oddity does to a scan (the table on {@link DifyFailureSource}):
 * skip the row, fail the row (reported, the rest read), or fail the page.
 */
class DifyRowsTest {
  private static final String APP = "3c9f5a1e-8d42-4b7e-a6f0-1e2d3c4b5a69";
  private static final Instant AFTER = Instant.parse("2026-02-03T07:00:00Z");

  @RegisterExtension static WireMockExtension dify = SourceTestKit.wireMock();

  private final MutableClock clock = new MutableClock(NOW);

  @Test
  void scan_whenRowsLackTheirRunOrAreMalformed_skipsOrFailsEachAloneAndReadsTheRest() {
    dify.stubFor(logs().willReturn(okJson(fixture("dify/rows/logs-every-row-kind.json"))));
    dify.stubFor(get(urlPathMatching("/v1/workflows/run/.*")).willReturn(notFound()));
    detail("mismatch-id", "dify/rows/run-mismatch-id.json");
    detail("detail-succeeded", "dify/rows/run-detail-succeeded.json");
    detail("detail-running", "dify/rows/run-detail-running.json");
    detail("huge-elapsed", "dify/rows/run-huge-elapsed.json");
    detail("good-2", "dify/rows/run-good-2.json");
    RecordingListener listener = new RecordingListener();

    ScanResult result = source().scan(failures(), listener);

    assertThat(result.complete()).isTrue();
    assertThat(listener.ids()).containsExactly("good-1", "timeless", "huge-elapsed", "good-2");
    assertThat(result.failures()).isEqualTo(4);
    // a log row that outlived its run (null or absent), inside the window: skipped and counted
    assertThat(result.rowsSkipped()).isEqualTo(2);
    assertThat(listener.skippedRows).allMatch(why -> why.contains("retention removed it"));
    assertThat(result.rowsFailed()).isEqualTo(9);
    assertThat(listener.rowFailures)
        .satisfiesExactly(
            // an element that is no object is found as the page is read, before any row
            f -> assertRow(f, null, "field data[7] is a NUMBER, not an object"),
            f -> assertRow(f, null, "field data[3].workflow_run is a STRING, not an object"),
            f -> assertRow(f, null, "field data[4].workflow_run.id is missing or empty"),
            f -> assertRow(f, "no-status", "field data[5].workflow_run.status is missing"),
            f -> assertRow(f, "bad-time", "field data[6].created_at is not a timestamp"),
            f -> assertRow(f, "mismatch-id", "field id names run another-run, not the run"),
            f ->
                assertRow(
                    f,
                    "detail-succeeded",
                    "field status is succeeded for a run the log lists as failed"),
            f ->
                assertRow(
                    f, "detail-running", "field status is running for a run the log lists as"),
            f ->
                assertRow(
                    f, "error-object", "field data[13].workflow_run.error is a OBJECT, not a"));
    assertThat(listener.rowFailures)
        .allSatisfy(
            f ->
                assertThat(f.message())
                    .startsWith("Dify connection conn_dify, GET /workflows/")
                    .doesNotContain("base URL"));
  }

  @Test
  void scan_whenTheDetailsElapsedTimeIsBeyondJsonsSafeIntegers_takesTheTimesDuration() {
    dify.stubFor(logs().willReturn(okJson(fixture("dify/rows/logs-every-row-kind.json"))));
    dify.stubFor(get(urlPathMatching("/v1/workflows/run/.*")).willReturn(notFound()));
    detail("huge-elapsed", "dify/rows/run-huge-elapsed.json");
    RecordingListener listener = new RecordingListener();

    source().scan(failures(), listener);

    FailedExecution huge =
        listener.failures().stream()
            .filter(f -> f.execution().id().equals("huge-elapsed"))
            .findFirst()
            .orElseThrow();
    assertThat(huge.execution().durationMs()).isEqualTo(2000L);
    // a row with no time anywhere is placed in the window it was seen in, never dropped
    FailedExecution timeless =
        listener.failures().stream()
            .filter(f -> f.execution().id().equals("timeless"))
            .findFirst()
            .orElseThrow();
    assertThat(timeless.execution().startedAt()).isNull();
    assertThat(timeless.execution().finishedAt()).isNull();
  }

  @Test
  void scan_whenHasMoreIsNotABooleanOrDataNotAnArray_failsThePageNamingTheField() {
    dify.stubFor(logs().willReturn(okJson("{\"has_more\":\"yes\",\"data\":[]}")));

    SourceResponseInvalidException hasMore =
        catchThrowableOfType(
            SourceResponseInvalidException.class,
            () -> source().scan(failures(), new RecordingListener()));
    dify.stubFor(logs().willReturn(okJson("{\"has_more\":false,\"data\":{}}")));
    SourceResponseInvalidException data =
        catchThrowableOfType(
            SourceResponseInvalidException.class,
            () -> source().scan(failures(), new RecordingListener()));

    assertThat(hasMore.field()).isEqualTo("has_more");
    assertThat(data.field()).isEqualTo("data");
    assertThat(data.getMessage()).contains("field data is a OBJECT, not an array");
  }

  @Test
  void recheck_whenTheDetailNamesAnotherRun_throwsResponseInvalidNamingTheId() {
    detail("run-running", "dify/rows/run-mismatch-id.json");
    PendingRun pending = new PendingRun("run-running", APP, null, "running", null, NOW);

    SourceResponseInvalidException e =
        catchThrowableOfType(
            SourceResponseInvalidException.class,
            () -> source().recheck(pending, Set.of(Outcome.FAILED), farDeadline(clock)));

    assertThat(e.field()).isEqualTo("id");
    assertThat(e.problem()).isEqualTo("names run another-run, not the run asked for");
  }

  @Test
  void scan_whenAListedFailureHasNoDetailAnyMore_buildsItFromTheLogRowWithTheRowsTimes() {
    dify.stubFor(logs().willReturn(okJson(fixture("dify/rows/logs-every-row-kind.json"))));
    dify.stubFor(get(urlPathMatching("/v1/workflows/run/.*")).willReturn(notFound()));
    RecordingListener listener = new RecordingListener();

    source().scan(failures(), listener);

    FailedExecution good =
        listener.failures().stream()
            .filter(f -> f.execution().id().equals("good-1"))
            .findFirst()
            .orElseThrow();
    assertThat(good.execution().startedAt()).isEqualTo(Instant.ofEpochSecond(1770109200));
    assertThat(good.execution().finishedAt()).isEqualTo(Instant.ofEpochSecond(1770109202));
    dify.verify(
        getRequestedFor(urlPathEqualTo("/v1/workflows/logs"))
            .withQueryParam("limit", equalTo("100")));
  }

  private static void assertRow(RowFailure row, String executionId, String problem) {
    assertThat(row.executionId()).isEqualTo(executionId);
    assertThat(row.message()).contains(problem);
  }

  private static com.github.tomakehurst.wiremock.client.MappingBuilder logs() {
    return get(urlPathEqualTo("/v1/workflows/logs")).withQueryParam("status", equalTo("failed"));
  }

  private static void detail(String id, String fixture) {
    dify.stubFor(
        get(urlPathEqualTo("/v1/workflows/run/" + id)).willReturn(okJson(fixture(fixture))));
  }

  private ScanRequest failures() {
    return ScanRequest.failures(AFTER, NOW, farDeadline(clock));
  }

  private DifyFailureSource source() {
    return new DifyFailureSource(
        SourceTestKit.connection(Platform.DIFY, dify, "/v1")
            .options(new DifyOptions(APP, "CRM enrichment", 100))
            .build(),
        SourceTestKit.http(),
        clock);
  }
}
