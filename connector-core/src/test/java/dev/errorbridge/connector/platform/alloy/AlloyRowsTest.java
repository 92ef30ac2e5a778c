package dev.errorbridge.connector.platform.alloy;

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
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What each Alloy field's absence or oddity does to a scan (the table on {@link
 * AlloyFailureSource}): pass the row over, fail it (reported, the rest read), a fallback, or fail
 * the page.
 */
class AlloyRowsTest {
  @RegisterExtension static WireMockExtension alloy = SourceTestKit.wireMock();

  private final MutableClock clock = new MutableClock(NOW);
  private RecordingListener listener;
  private ScanResult result;

  @BeforeEach
  void scanEveryRowKind() {
    alloy.stubFor(
        get(urlPathEqualTo("/logs"))
            .willReturn(okJson(fixture("alloy/rows/logs-every-row-kind.json"))));
    alloy.stubFor(get(urlPathMatching("/logs/.*")).willReturn(notFound()));
    alloy.stubFor(
        get(urlPathEqualTo("/logs/ex-mismatch"))
            .willReturn(okJson(fixture("alloy/rows/log-mismatch.json"))));
    alloy.stubFor(
        get(urlPathEqualTo("/logs/ex-unfinished"))
            .willReturn(okJson(fixture("alloy/rows/log-unfinished.json"))));
    listener = new RecordingListener();

    result =
        new AlloyFailureSource(
                SourceTestKit.connection(Platform.ALLOY, alloy, "")
                    .options(AlloyOptions.defaults())
                    .build(),
                SourceTestKit.http(),
                clock)
            .scan(
                ScanRequest.failures(NOW.minus(Duration.ofHours(1)), NOW, farDeadline(clock)),
                listener);
  }

  @Test
  void scan_whenNotificationsAreMalformedOrContradicted_failsEachAloneAndReadsTheRest() {
    assertThat(result.complete()).isTrue();
    assertThat(listener.ids())
        .containsExactly("ex-good", "uuid-only", "ex-created-less", "ex-timeless");
    assertThat(result.rowsFailed()).isEqualTo(8);
    assertThat(listener.rowFailures)
        .satisfiesExactly(
            f -> assertRow(f, null, "GET /logs: a row", "field notifications[9] is a NUMBER"),
            f -> assertRow(f, null, "GET /logs: a row", "field notifications[2].data is missing"),
            f ->
                assertRow(
                    f,
                    null,
                    "GET /logs: a row",
                    "field notifications[3].data.executionUuid is missing"),
            f ->
                assertRow(
                    f,
                    "ex-bad-time",
                    "GET /logs: run",
                    "field notifications[7].createdAt is not a timestamp"),
            f ->
                assertRow(
                    f,
                    "ex-no-workflow",
                    "GET /logs: run",
                    "field notifications[8].workflowId is missing"),
            f ->
                assertRow(
                    f,
                    "ex-mismatch",
                    "GET /logs/{id}: run",
                    "field data._id names execution ex-other, not the execution asked for"),
            f ->
                assertRow(
                    f,
                    "ex-unfinished",
                    "GET /logs/{id}: run",
                    "field data.finished is false for an execution listed as an executionError"),
            f ->
                assertRow(
                    f,
                    "ex-bad-version",
                    "GET /logs: run",
                    "field notifications[12].workflowVersion is not a whole number"));
  }

  @Test
  void scan_whenANotificationLacksItsCreationOrAnyTime_placesItByItsBestTime() {
    // no createdAt: placed at its run's completion, which is also the failure's end
    assertThat(failure("ex-created-less").execution().finishedAt())
        .isEqualTo(Instant.parse("2026-02-03T09:15:00Z"));
    // no time at all: placed where it was seen, in this window
    assertThat(failure("ex-timeless").execution().finishedAt()).isNull();
    // another message than executionError is no failure: passed over, not reported
    assertThat(listener.ids()).doesNotContain("ex-started");
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
        .startsWith("Alloy connection conn_alloy, GET /logs")
        .contains(endpointAndSubject, problem);
  }
}
