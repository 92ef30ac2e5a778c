package dev.errorbridge.connector.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.errorbridge.connector.source.SourceTestKit.KEY;
import static dev.errorbridge.connector.source.SourceTestKit.NOW;
import static dev.errorbridge.connector.source.SourceTestKit.farDeadline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.dify.DifyOptions;
import dev.errorbridge.connector.poll.DefaultFailureSourceFactory;
import dev.errorbridge.connector.source.http.GuardedHttpClient;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.time.Deadline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way a platform's list endpoint can fail, on every platform: each becomes the exception (or
 * incomplete result) the poll engine acts on, says what to do, and never shows the key.
 */
class SourceFailureModesTest {
  private static final Instant AFTER = NOW.minus(Duration.ofHours(1));

  @RegisterExtension static WireMockExtension server = SourceTestKit.wireMock();

  private final MutableClock clock = new MutableClock(NOW);

  /** Each platform with its base path and first list endpoint. */
  enum Target {
    ALLOY(Platform.ALLOY, "", "/logs", "GET /logs"),
    DIFY(Platform.DIFY, "/v1", "/v1/workflows/logs", "GET /workflows/logs"),
    TRIGIFY(Platform.TRIGIFY, "/v1", "/v1/workflows", "GET /workflows"),
    RUNFLOW(Platform.RUNFLOW, "", "/v1/runs", "GET /v1/runs");

    final Platform platform;
    final String basePath;
    final String listPath;
    final String endpoint;

    Target(Platform platform, String basePath, String listPath, String endpoint) {
      this.platform = platform;
      this.basePath = basePath;
      this.listPath = listPath;
      this.endpoint = endpoint;
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenKeyExpired_throwsAuthExceptionAskingForANewKey(Target target) {
    // the body echoes the key, as a careless server might: it must not reach the message
    stub(target, aResponse().withStatus(401).withBody("{\"code\":\"" + KEY.reveal() + "\"}"));

    SourceAuthException e = catchThrowableOfType(SourceAuthException.class, () -> scan(target));

    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.platform()).isEqualTo(target.platform);
    assertThat(e.endpoint()).isEqualTo(target.endpoint);
    assertThat(e.getMessage())
        .contains("connection conn_" + target.platform.id(), target.endpoint, "HTTP 401")
        .contains("Enter a current API key");
    assertNoKey(e);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenKeyLacksPermission_throwsAuthExceptionAboutAccess(Target target) {
    stub(target, aResponse().withStatus(403).withBody("{\"code\":\"PERMISSION_DENIED\"}"));

    SourceAuthException e = catchThrowableOfType(SourceAuthException.class, () -> scan(target));

    assertThat(e.getMessage()).contains("HTTP 403 (PERMISSION_DENIED)", "may not read these runs");
    assertNoKey(e);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenRateLimitedWithRetryAfter_throwsRateLimitedWithThatWait(Target target) {
    stub(target, aResponse().withStatus(429).withHeader("Retry-After", "120").withBody("{}"));

    SourceRateLimitedException e =
        catchThrowableOfType(SourceRateLimitedException.class, () -> scan(target));

    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    assertThat(e.fromHeaders()).isTrue();
    assertThat(e.getMessage()).contains("HTTP 429", "waits 120 s", "poll less often");
    assertNoKey(e);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenRateLimitedWithoutHeaders_throwsRateLimitedWithDefaultWait(Target target) {
    stub(
        target,
        aResponse()
            .withStatus(429)
            .withBody("{\"code\":\"RATE_LIMITED\",\"message\":\"Rate limit exceeded\"}"));

    SourceRateLimitedException e =
        catchThrowableOfType(SourceRateLimitedException.class, () -> scan(target));

    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(e.fromHeaders()).isFalse();
    assertNoKey(e);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenServerFails_throwsUnavailableWithStatus(Target target) {
    stub(target, aResponse().withStatus(503).withBody("<html>Service Unavailable</html>"));

    SourceUnavailableException e =
        catchThrowableOfType(SourceUnavailableException.class, () -> scan(target));

    assertThat(e.httpStatus()).isEqualTo(503);
    assertThat(e.getMessage()).contains("HTTP 503", "retries on its next cycle");
    assertNoKey(e);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenServerErrorHasCode_quotesOnlyTheCode(Target target) {
    stub(
        target,
        aResponse()
            .withStatus(500)
            .withBody("{\"code\":\"internal_error\",\"message\":\"db password=hunter2 refused\"}"));

    SourceUnavailableException e =
        catchThrowableOfType(SourceUnavailableException.class, () -> scan(target));

    assertThat(e.getMessage()).contains("HTTP 500 (internal_error)").doesNotContain("hunter2");
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenNoResponseWithinRequestTimeout_throwsUnavailable(Target target) {
    stub(target, aResponse().withStatus(200).withBody("{}").withFixedDelay(1_500));

    SourceUnavailableException e =
        catchThrowableOfType(
            SourceUnavailableException.class,
            () -> scan(target, Duration.ofMillis(250), farDeadline(clock)));

    assertThat(e.httpStatus()).isNull();
    assertThat(e.getMessage()).contains("no response within 250 ms");
    assertNoKey(e);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenDeadlineCutsARequestShort_returnsIncomplete(Target target) {
    stub(target, aResponse().withStatus(200).withBody("{}").withFixedDelay(1_500));

    ScanResult result =
        scan(target, Duration.ofSeconds(10), Deadline.after(Duration.ofMillis(250), clock));

    assertThat(result.complete()).isFalse();
    assertThat(result.requests()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenDeadlineAlreadyPassed_sendsNothingAndReturnsIncomplete(Target target) {
    ScanResult result = scan(target, Duration.ofSeconds(10), new Deadline(NOW.minusSeconds(1)));

    assertThat(result).isEqualTo(new ScanResult(false, 0, 0, 0, 0, null));
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenConnectionIsReset_throwsUnavailable(Target target) {
    stub(target, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    SourceUnavailableException e =
        catchThrowableOfType(SourceUnavailableException.class, () -> scan(target));

    assertThat(e.getMessage()).contains("the connection failed");
    assertNoKey(e);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenBodyIsCutOffInTransit_throwsUnavailable(Target target) {
    stub(target, aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));

    assertThat(catchThrowableOfType(SourceUnavailableException.class, () -> scan(target)))
        .hasMessageContaining("the connection failed");
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenServerClosesWithoutAnswer_throwsUnavailable(Target target) {
    stub(target, aResponse().withFault(Fault.EMPTY_RESPONSE));

    assertThat(catchThrowableOfType(SourceUnavailableException.class, () -> scan(target)))
        .hasMessageContaining("the connection failed");
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenJsonIsTruncated_throwsResponseInvalid(Target target) {
    stub(target, json("{\"data\": [{\"id\": \"4d0c2b7e\", \"workflow_run\": {\"id\": "));

    SourceResponseInvalidException e =
        catchThrowableOfType(SourceResponseInvalidException.class, () -> scan(target));

    assertThat(e.field()).isNull();
    assertThat(e.getMessage())
        .contains(target.endpoint, "the body is not complete JSON", "at line 1")
        .contains("report this message");
    assertNoKey(e);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenBodyIsALoginPage_throwsResponseInvalid(Target target) {
    stub(target, aResponse().withStatus(200).withBody("<!doctype html><title>Sign in</title>"));

    assertThat(catchThrowableOfType(SourceResponseInvalidException.class, () -> scan(target)))
        .hasMessageContaining("not complete JSON")
        .hasMessageContaining("not a proxy or login page");
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenBodyIsEmpty_throwsResponseInvalid(Target target) {
    stub(target, aResponse().withStatus(200));

    assertThat(catchThrowableOfType(SourceResponseInvalidException.class, () -> scan(target)))
        .hasMessageContaining("the body is empty");
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenListIsMissing_throwsResponseInvalidNamingTheField(Target target) {
    stub(target, json("{\"page\": 1, \"has_more\": false}"));

    SourceResponseInvalidException e =
        catchThrowableOfType(SourceResponseInvalidException.class, () -> scan(target));

    String field =
        switch (target) {
          case ALLOY -> "notifications";
          case DIFY -> "data";
          case TRIGIFY -> "data";
          case RUNFLOW -> "items";
        };
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).contains("field " + field + " is missing");
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenBaseUrlRedirects_throwsRejectedAskingForTheFinalUrl(Target target) {
    stub(target, aResponse().withStatus(301).withHeader("Location", "https://elsewhere.test/"));

    SourceRequestRejectedException e =
        catchThrowableOfType(SourceRequestRejectedException.class, () -> scan(target));

    assertThat(e.getMessage()).contains("HTTP 301", "it redirects: enter the final URL");
    assertThat(server.getAllServeEvents()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenRequestIsRejected_throwsRejectedNamingTheCode(Target target) {
    stub(target, aResponse().withStatus(400).withBody("{\"code\":\"invalid_param\"}"));

    assertThat(catchThrowableOfType(SourceRequestRejectedException.class, () -> scan(target)))
        .hasMessageContaining("HTTP 400 (invalid_param)")
        .hasMessageContaining("Check the connection's base URL");
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void recheck_whenDeadlinePassed_throwsDeadlineExceededToKeepTheRunPending(Target target) {
    FailureSource source = source(target, SourceConnection.DEFAULT_REQUEST_TIMEOUT);
    PendingRun run = new PendingRun("run-1", "wf-1", null, "running", null, NOW);

    SourceDeadlineExceededException e =
        catchThrowableOfType(
            SourceDeadlineExceededException.class,
            () ->
                source.recheck(
                    run,
                    java.util.Set.of(dev.errorbridge.connector.Outcome.FAILED),
                    new Deadline(NOW)));

    assertThat(e.getMessage()).contains("the deadline passed", "retried on the next cycle");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void scan_whenTheHostNowResolvesToAForbiddenAddress_sendsNothingAndSaysWhatToDo(Target target) {
    stub(target, json("{}"));
    GuardedHttpClient guarded =
        new GuardedHttpClient(
            SourceTestKit.http(),
            host ->
                Optional.of(
                    "host " + host + " now resolves to loopback address " + host + ", refused"));
    SourceConnection.Builder connection =
        SourceTestKit.connection(target.platform, server, target.basePath);
    if (target == Target.DIFY) {
      connection.options(DifyOptions.forApp("app-1"));
    }
    FailureSource source =
        new DefaultFailureSourceFactory(guarded, clock, clock.sleeper()).create(connection.build());

    SourceAddressForbiddenException e =
        catchThrowableOfType(
            SourceAddressForbiddenException.class,
            () ->
                source.scan(
                    ScanRequest.failures(AFTER, NOW, farDeadline(clock)), new RecordingListener()));

    assertThat(e.getMessage())
        .contains("connection conn_" + target.platform.id(), target.endpoint)
        .contains("now resolves to loopback address")
        .contains("allowedHosts")
        .contains("nothing was sent");
    assertThat(server.getAllServeEvents()).isEmpty();
    assertNoKey(e);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void toString_ofConnectionAndSource_neverShowsTheKey(Target target) {
    FailureSource source = source(target, SourceConnection.DEFAULT_REQUEST_TIMEOUT);

    assertThat(source.connection().toString()).contains("****").doesNotContain(KEY.reveal());
    assertThat(source.toString()).doesNotContain(KEY.reveal());
  }

  private ScanResult scan(Target target) {
    return scan(target, SourceConnection.DEFAULT_REQUEST_TIMEOUT, farDeadline(clock));
  }

  private ScanResult scan(Target target, Duration requestTimeout, Deadline deadline) {
    return source(target, requestTimeout)
        .scan(ScanRequest.failures(AFTER, NOW, deadline), new RecordingListener());
  }

  private FailureSource source(Target target, Duration requestTimeout) {
    SourceConnection.Builder connection =
        SourceTestKit.connection(target.platform, server, target.basePath)
            .requestTimeout(requestTimeout);
    if (target == Target.DIFY) {
      connection.options(DifyOptions.forApp("app-1"));
    }
    return new DefaultFailureSourceFactory(SourceTestKit.http(), clock, clock.sleeper())
        .create(connection.build());
  }

  private static void stub(Target target, ResponseDefinitionBuilder response) {
    server.stubFor(get(urlPathEqualTo(target.listPath)).willReturn(response));
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static void assertNoKey(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(KEY.reveal());
    assertThat(e.toString()).doesNotContain(KEY.reveal());
  }
}
