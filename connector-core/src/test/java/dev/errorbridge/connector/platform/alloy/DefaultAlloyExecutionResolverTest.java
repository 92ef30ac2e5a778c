package dev.errorbridge.connector.platform.alloy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.errorbridge.connector.source.SourceTestKit.KEY;
import static dev.errorbridge.connector.source.SourceTestKit.NOW;
import static dev.errorbridge.connector.source.SourceTestKit.farDeadline;
import static dev.errorbridge.connector.source.SourceTestKit.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.Delivery;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.mapping.EventIds;
import dev.errorbridge.connector.source.RecordingListener;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.SourceAuthException;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceDeadlineExceededException;
import dev.errorbridge.connector.source.SourceTestKit;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.time.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DefaultAlloyExecutionResolverTest {
  private static final Instant RECEIVED = Instant.parse("2026-02-03T09:14:08.250Z");
  private static final Delivery WEBHOOK = new Delivery(DeliveryPath.WEBHOOK, RECEIVED);
  private static final String EXECUTION_ERROR_FILTER =
      "[{\"columns\":{\"value\":\"message\"},\"operators\":{\"value\":\"equals\"},"
          + "\"userinput\":{\"value\":\"executionError\"},\"condition\":{\"value\":\"and\"}}]";

  @RegisterExtension static WireMockExtension alloy = SourceTestKit.wireMock();

  private final MutableClock clock = new MutableClock(NOW);

  @Test
  void resolve_whenUuidOnTheSecondPage_returnsThePollersFailureDeliveredByWebhook() {
    stubNewest();
    stubOldestFirst();

    Optional<FailedExecution> resolved =
        resolver(options(2, null)).resolve("Qm7vT2xK9pLr4sWz8nB3c", WEBHOOK, farDeadline(clock));

    FailedExecution polled = polled("6a1f0c9d7e3b2a1c0f9e8d71");
    assertThat(resolved).contains(delivered(polled, WEBHOOK));
    assertThat(EventIds.of(resolved.orElseThrow())).isEqualTo(EventIds.of(polled));
    assertThat(resolved.get().failedSteps()).hasSize(1);
    alloy.verify(2, getRequestedFor(urlPathEqualTo("/logs")).withQueryParam("sortOrder", desc()));
  }

  @Test
  void resolve_whenUuidOnTheFirstPageAndDetailGone_buildsItFromTheNotificationAsThePollerDoes() {
    stubNewest();
    stubOldestFirst();

    Optional<FailedExecution> resolved =
        resolver(options(2, null)).resolve("Zz9vT2xK9pLr4sWz8nB3c", WEBHOOK, farDeadline(clock));

    assertThat(resolved).contains(delivered(polled("6a1f0e10aa3b2a1c0f9e8d99"), WEBHOOK));
    alloy.verify(1, getRequestedFor(urlPathEqualTo("/logs")).withQueryParam("sortOrder", desc()));
  }

  @Test
  void resolve_always_asksForTheNewestErrorsWithTheBearerKeyAndVersionHeader() {
    alloy.stubFor(
        get(urlPathEqualTo("/logs"))
            .willReturn(okJson("{\"notifications\":[],\"pagination\":{\"totalItems\":0}}")));

    resolver(options(50, "65aa11bb22cc33dd44ee55ff"))
        .resolve("Qm7vT2xK9pLr4sWz8nB3c", WEBHOOK, farDeadline(clock));

    alloy.verify(
        1,
        getRequestedFor(urlPathEqualTo("/logs"))
            .withQueryParam("filters", equalToJson(EXECUTION_ERROR_FILTER))
            .withQueryParam("associatedUserId", equalTo("65aa11bb22cc33dd44ee55ff"))
            .withQueryParam("skip", equalTo("0"))
            .withQueryParam("limit", equalTo("25"))
            .withQueryParam("sortBy", equalTo("createdAt"))
            .withQueryParam("sortOrder", desc())
            .withHeader("Authorization", equalTo("Bearer " + KEY.reveal()))
            .withHeader("x-api-version", equalTo("2025-09")));
  }

  @Test
  void resolve_whenNotAmongTwoFullPages_isEmptyWithoutReadingAThird() {
    alloy.stubFor(newest(0).willReturn(okJson(notes(0, 2, 6))));
    alloy.stubFor(newest(2).willReturn(okJson(notes(2, 2, 6))));
    alloy.stubFor(newest(4).willReturn(okJson(notes(4, 2, 6))));

    Optional<FailedExecution> resolved =
        resolver(options(2, null)).resolve("Qm7vT2xK9pLr4sWz8nB3c", WEBHOOK, farDeadline(clock));

    assertThat(resolved).isEmpty();
    alloy.verify(2, getRequestedFor(urlPathEqualTo("/logs")));
    alloy.verify(0, getRequestedFor(urlPathEqualTo("/logs")).withQueryParam("skip", equalTo("4")));
  }

  @Test
  void resolve_whenTheFirstPageIsTheLast_readsNoOther() {
    alloy.stubFor(newest(0).willReturn(okJson(notes(0, 1, 1))));

    Optional<FailedExecution> resolved =
        resolver(options(10, null)).resolve("Qm7vT2xK9pLr4sWz8nB3c", WEBHOOK, farDeadline(clock));

    assertThat(resolved).isEmpty();
    alloy.verify(
        1, getRequestedFor(urlPathEqualTo("/logs")).withQueryParam("limit", equalTo("10")));
    alloy.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void resolve_whenTheUuidIsOnARowThatIsNoError_skipsIt() {
    String row =
        "{\"notifications\":[{\"message\":\"executionSuccess\",\"data\":{\"executionId\":\"e1\","
            + "\"executionUuid\":\"Qm7vT2xK9pLr4sWz8nB3c\"},\"workflowId\":\"wf\"}]}";
    alloy.stubFor(newest(0).willReturn(okJson(row)));

    assertThat(
            resolver(options(10, null))
                .resolve("Qm7vT2xK9pLr4sWz8nB3c", WEBHOOK, farDeadline(clock)))
        .isEmpty();
  }

  @Test
  void resolve_whenAlloyRefusesTheKey_throwsAnAuthErrorWithoutTheKey() {
    alloy.stubFor(
        get(urlPathEqualTo("/logs"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"error\":\"bad key " + KEY.reveal() + "\"}")));

    SourceAuthException thrown =
        catchThrowableOfType(
            () ->
                resolver(options(50, null))
                    .resolve("Qm7vT2xK9pLr4sWz8nB3c", WEBHOOK, farDeadline(clock)),
            SourceAuthException.class);

    assertThat(thrown.httpStatus()).isEqualTo(401);
    assertThat(thrown).hasMessageContaining("GET /logs").hasMessageNotContaining(KEY.reveal());
  }

  @Test
  void resolve_whenAlloyAnswersAfterTheDeadline_givesUpAtTheDeadline() {
    alloy.stubFor(
        get(urlPathEqualTo("/logs"))
            .willReturn(okJson(fixture("alloy/logs-newest-page1.json")).withFixedDelay(2_000)));

    SourceDeadlineExceededException thrown =
        catchThrowableOfType(
            () ->
                resolver(options(50, null))
                    .resolve(
                        "Qm7vT2xK9pLr4sWz8nB3c",
                        WEBHOOK,
                        Deadline.after(Duration.ofMillis(300), clock)),
            SourceDeadlineExceededException.class);

    assertThat(thrown).hasMessageContaining("GET /logs").hasMessageNotContaining(KEY.reveal());
  }

  /** The failure the poller publishes for {@code executionId}, from the oldest-first pages. */
  private FailedExecution polled(String executionId) {
    RecordingListener listener = new RecordingListener();
    new AlloyFailureSource(connection(options(2, null)), SourceTestKit.http(), clock)
        .scan(
            ScanRequest.failures(Instant.parse("2026-02-03T09:00:00Z"), NOW, farDeadline(clock)),
            listener);
    return listener.failures().stream()
        .filter(f -> f.execution().id().equals(executionId))
        .findFirst()
        .orElseThrow();
  }

  private static FailedExecution delivered(FailedExecution failure, Delivery delivery) {
    return new FailedExecution(
        failure.platform(),
        failure.tenantId(),
        failure.connectionId(),
        failure.workflow(),
        failure.execution(),
        failure.error(),
        failure.failedSteps(),
        delivery,
        failure.rawPayload());
  }

  /** Newest first, two a page: Yy9v, Zz9v | Hk3p, Qm7v; with their details (Zz9v's gone). */
  private void stubNewest() {
    alloy.stubFor(newest(0).willReturn(okJson(fixture("alloy/logs-newest-page1.json"))));
    alloy.stubFor(newest(2).willReturn(okJson(fixture("alloy/logs-newest-page2.json"))));
    alloy.stubFor(detail("6a1f0c9d7e3b2a1c0f9e8d71", "alloy/log-6a1f.json"));
    alloy.stubFor(detail("Hk3pZ8wQn1Vb6tYr0cLs2", "alloy/log-Hk3p.json"));
    alloy.stubFor(get(urlPathEqualTo("/logs/6a1f0e10aa3b2a1c0f9e8d99")).willReturn(notFound()));
  }

  /** The same errors as the poller reads them: oldest first. */
  private void stubOldestFirst() {
    alloy.stubFor(oldest(0).willReturn(okJson(fixture("alloy/logs-page1.json"))));
    alloy.stubFor(oldest(2).willReturn(okJson(fixture("alloy/logs-page2.json"))));
  }

  private static MappingBuilder newest(int skip) {
    return get(urlPathEqualTo("/logs"))
        .withQueryParam("sortOrder", desc())
        .withQueryParam("skip", equalTo(String.valueOf(skip)));
  }

  private static MappingBuilder oldest(int skip) {
    return get(urlPathEqualTo("/logs"))
        .withQueryParam("sortOrder", equalTo("asc"))
        .withQueryParam("skip", equalTo(String.valueOf(skip)));
  }

  private static StringValuePattern desc() {
    return equalTo("desc");
  }

  private static MappingBuilder detail(String id, String fixture) {
    return get(urlPathEqualTo("/logs/" + id)).willReturn(okJson(fixture(fixture)));
  }

  /** {@code count} other executions' errors from row {@code from} on, of {@code total}. */
  private static String notes(int from, int count, int total) {
    String rows =
        IntStream.range(from, from + count)
            .mapToObj(
                i ->
                    "{\"message\":\"executionError\",\"data\":{\"executionId\":\"6a1f00000000000000000"
                        + (100 + i)
                        + "\",\"executionUuid\":\"Other"
                        + i
                        + "xK9pLr4sWz8nB3c\"},\"createdAt\":\"2026-02-03T09:5"
                        + i
                        + ":00Z\",\"workflowId\":\"wf\"}")
            .collect(Collectors.joining(","));
    return "{\"notifications\":[" + rows + "],\"pagination\":{\"totalItems\":" + total + "}}";
  }

  private static AlloyOptions options(int pageSize, String userId) {
    return new AlloyOptions(AlloyApiGeneration.V2025_09, pageSize, userId, true);
  }

  private static SourceConnection connection(AlloyOptions options) {
    return SourceTestKit.connection(Platform.ALLOY, alloy, "").options(options).build();
  }

  private DefaultAlloyExecutionResolver resolver(AlloyOptions options) {
    return new DefaultAlloyExecutionResolver(connection(options), SourceTestKit.http(), clock);
  }
}
