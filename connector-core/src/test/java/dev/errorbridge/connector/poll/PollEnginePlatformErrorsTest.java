package dev.errorbridge.connector.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.errorbridge.connector.poll.DifyFake.row;
import static dev.errorbridge.connector.poll.PollWorld.KEY;
import static dev.errorbridge.connector.poll.PollWorld.NOW;
import static dev.errorbridge.connector.testing.TestConnections.withEnabled;
import static dev.errorbridge.connector.testing.TestConnections.withSource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.publish.PublisherConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Platform failures end a cycle with the error recorded and nothing advanced: a refused key puts
 * the connection in ERROR (and a working key brings it back), a 429 sets "not before" so the
 * scheduler waits, 5xx and unreadable answers are retried by the next cycle.
 */
class PollEnginePlatformErrorsTest extends PollTestBase {
  private static final String ID = "dify-1";
  private static final Instant START = NOW.minus(Duration.ofMinutes(30));

  private DifyFake dify;

  @Override
  PollWorld newWorld(PollInfra infra) {
    return new PollWorld(
        infra,
        PollConfig.builder().initialLookback(Duration.ofMinutes(30)).build(),
        PublisherConfig.builder());
  }

  @BeforeEach
  void difyWithThreeFailuresOnTwoPages() {
    world.create(
        ID,
        Platform.DIFY,
        platform,
        Set.of(Outcome.FAILED),
        Map.of("appId", DifyFake.APP, "pageSize", "2"));
    dify = new DifyFake(platform, ID);
    dify.failedPages(
        List.of(
            List.of(row("run-a", "failed", at("09:50")), row("run-b", "failed", at("09:40"))),
            List.of(row("run-c", "failed", at("09:05")))));
    List.of("run-a", "run-b", "run-c").forEach(dify::detailGone);
  }

  @Test
  void poll_whenThePlatformRefusesTheKey_putsTheConnectionInErrorUntilAWorkingKey() {
    dify.page(
        "failed",
        1,
        aResponse()
            .withStatus(401)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"code\":\"unauthorized\",\"message\":\"Access token is invalid\"}"));

    PollCycleReport refused = world.poll(ID);
    Connection inError = world.connection(ID);
    Checkpoint checkpoint = world.checkpoint(ID);
    world.clock.advance(Duration.ofMinutes(5));
    List<String> dueBeforeTheFix = world.scheduler().dueConnectionIds(0, 16);
    PollCycleReport tooSoon = world.poll(ID);
    // the operator enters a new key: the settings change, so the next tick tries at once
    dify.failedPages(
        List.of(
            List.of(row("run-a", "failed", at("09:50")), row("run-b", "failed", at("09:40"))),
            List.of(row("run-c", "failed", at("09:05")))));
    world.update(ID, PollEnginePlatformErrorsTest::withNewKeyVersion);
    List<String> dueAfterTheFix = world.scheduler().dueConnectionIds(0, 16);
    PollCycleReport fixed = world.poll(ID);

    assertThat(refused.status()).isEqualTo(PollStatus.AUTH_REFUSED);
    assertThat(refused.message())
        .contains("HTTP 401 (unauthorized)")
        .contains("Enter a current API key")
        .doesNotContain(KEY.reveal());
    assertThat(refused.watermarkAfter()).isEqualTo(START);
    assertThat(refused.notBefore()).isEqualTo(NOW.plus(PollConfig.DEFAULT_AUTH_RETRY_INTERVAL));
    assertThat(inError.health().state()).isEqualTo(HealthState.ERROR);
    assertThat(inError.health().reason()).startsWith("Polling stopped: ").contains("HTTP 401");
    assertThat(checkpoint.lastScan().complete()).isFalse();
    assertThat(checkpoint.lastScan().error()).contains("HTTP 401");
    assertThat(dueBeforeTheFix).isEmpty();
    assertThat(tooSoon.status()).isEqualTo(PollStatus.SKIPPED);
    assertThat(tooSoon.message()).contains("not before").contains("HTTP 401");
    assertThat(dueAfterTheFix).containsExactly(ID);
    assertThat(fixed.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(world.connection(ID).health().state()).isEqualTo(HealthState.ACTIVE);
    assertThat(world.connection(ID).health().reason()).isNull();
    assertThat(world.deliveredExecutionIds()).containsExactlyInAnyOrder("run-a", "run-b", "run-c");
  }

  @Test
  void poll_whenRateLimitedWithRetryAfter_recordsNotBeforeAndTheSchedulerWaitsForIt() {
    dify.page(
        "failed",
        1,
        aResponse()
            .withStatus(429)
            .withHeader("Retry-After", "120")
            .withBody("{\"code\":\"too_many_requests\"}"));

    PollCycleReport limited = world.poll(ID);
    world.clock.advance(Duration.ofSeconds(119));
    List<String> dueTooEarly = world.scheduler().dueConnectionIds(0, 16);
    world.clock.advance(Duration.ofSeconds(1));
    List<String> dueAfter = world.scheduler().dueConnectionIds(0, 16);

    assertThat(limited.status()).isEqualTo(PollStatus.RATE_LIMITED);
    assertThat(limited.notBefore()).isEqualTo(NOW.plusSeconds(120));
    assertThat(limited.message()).contains("HTTP 429").contains("as the platform asked");
    assertThat(limited.watermarkAfter()).isEqualTo(START);
    assertThat(world.checkpoint(ID).notBefore()).isEqualTo(NOW.plusSeconds(120));
    assertThat(world.connection(ID).health().state()).isEqualTo(HealthState.ACTIVE);
    assertThat(dueTooEarly).isEmpty();
    assertThat(dueAfter).containsExactly(ID);
  }

  @Test
  void poll_whenThePlatformAnswers503OnTheSecondPage_keepsTheWatermarkAndTheNextCycleFinishes() {
    dify.page("failed", 2, aResponse().withStatus(503).withBody("upstream unavailable"));

    PollCycleReport unavailable = world.poll(ID);
    Checkpoint checkpoint = world.checkpoint(ID);
    dify.failedPages(
        List.of(
            List.of(row("run-a", "failed", at("09:50")), row("run-b", "failed", at("09:40"))),
            List.of(row("run-c", "failed", at("09:05")))));
    world.clock.advance(Duration.ofMinutes(1));
    List<String> due = world.scheduler().dueConnectionIds(0, 16);
    PollCycleReport next = world.poll(ID);

    assertThat(unavailable.status()).isEqualTo(PollStatus.PLATFORM_UNAVAILABLE);
    assertThat(unavailable.message()).contains("HTTP 503").contains("retries on its next cycle");
    assertThat(unavailable.counts().delivered()).isEqualTo(2); // the first page stands
    assertThat(unavailable.watermarkAfter()).isEqualTo(START);
    assertThat(unavailable.notBefore()).isNull();
    assertThat(checkpoint.lastScan().error()).contains("HTTP 503");
    assertThat(checkpoint.watermark()).isEqualTo(START);
    assertThat(due).containsExactly(ID);
    assertThat(next.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(next.counts()).isEqualTo(new DeliveryCounts(3, 1, 2, 0, 0, 2));
    assertThat(world.checkpoint(ID).lastScan().error()).isNull();
    assertThat(world.deliveredExecutionIds()).containsExactlyInAnyOrder("run-a", "run-b", "run-c");
  }

  @Test
  void poll_whenTheAnswerIsTruncatedJson_recordsAnUnreadableResponseAndAdvancesNothing() {
    dify.page("failed", 1, okJson("{\"page\":1,\"limit\":2,\"has_more\":true,\"data\":[{\"id\""));

    PollCycleReport invalid = world.poll(ID);

    assertThat(invalid.status()).isEqualTo(PollStatus.PLATFORM_ERROR);
    assertThat(invalid.message()).contains("unreadable response");
    assertThat(invalid.watermarkAfter()).isEqualTo(START);
    assertThat(world.checkpoint(ID).lastScan().error()).contains("unreadable response");
    assertThat(world.connection(ID).health().state()).isEqualTo(HealthState.ACTIVE);
    assertThat(world.events()).isEmpty();
  }

  @Test
  void poll_whenTheSourceSettingsAreInvalid_putsTheConnectionInErrorWithTheFix() {
    world.update(ID, c -> withOptions(c, Map.of("pageSize", "many")));

    PollCycleReport invalid = world.poll(ID);

    assertThat(invalid.status()).isEqualTo(PollStatus.SETTINGS_INVALID);
    assertThat(invalid.message())
        .contains("appId")
        .contains("option pageSize must be a whole number")
        .contains("Fix the connection's source settings");
    assertThat(world.connection(ID).health().state()).isEqualTo(HealthState.ERROR);
    assertThat(platform.getAllServeEvents()).isEmpty();
  }

  @Test
  void poll_whenPausedSuspendedOrWebhookOnly_skipsWithoutAnyRequest() {
    Connection paused = world.update(ID, c -> withEnabled(c, false));
    Connection suspended =
        world
            .connection(ID)
            .withHealth(
                new ConnectionHealth(
                    HealthState.SUSPENDED, "AccessDenied on the bus", NOW, 5, null, 0, 0));
    Connection webhookOnly =
        withSource(
            world.connection(ID),
            new ConnectionSource(Platform.WEBHOOK, null, null, null, null, null));

    List<PollCycleReport> reports =
        List.of(
            world.engine().poll(paused, world.deadline(Duration.ofMinutes(1))),
            world
                .engine()
                .poll(withEnabled(suspended, true), world.deadline(Duration.ofMinutes(1))),
            world
                .engine()
                .poll(withEnabled(webhookOnly, true), world.deadline(Duration.ofMinutes(1))));

    assertThat(reports).extracting(PollCycleReport::status).containsOnly(PollStatus.SKIPPED);
    assertThat(reports)
        .extracting(PollCycleReport::message)
        .satisfiesExactly(
            m -> assertThat(m).contains("PAUSED"),
            m -> assertThat(m).contains("SUSPENDED").contains("AccessDenied"),
            m -> assertThat(m).contains("webhook-only"));
    assertThat(platform.getAllServeEvents()).isEmpty();
    assertThat(world.stores.checkpoints().load(ID)).isEmpty();
  }

  @Test
  void poll_whenThePlatformIsUnreachable_reportsItUnavailable() {
    world.update(
        ID,
        c ->
            withSource(
                c,
                new ConnectionSource(
                    Platform.DIFY,
                    java.net.URI.create("http://127.0.0.1:1/v1"),
                    c.source().apiKey(),
                    c.source().outcomes(),
                    c.source().workflowIds(),
                    c.source().options())));

    PollCycleReport report = world.poll(ID);

    assertThat(report.status()).isEqualTo(PollStatus.PLATFORM_UNAVAILABLE);
    assertThat(report.watermarkAfter()).isEqualTo(START);
    assertThat(report.message()).contains("unavailable");
    assertThat(platform.getAllServeEvents()).isEmpty();
  }

  private static Connection withNewKeyVersion(Connection c) {
    Map<String, String> options = new HashMap<>(c.source().options());
    options.put("requestTimeout", "PT15S");
    return withOptions(c, options);
  }

  private static Connection withOptions(Connection c, Map<String, String> options) {
    ConnectionSource s = c.source();
    return withSource(
        c,
        new ConnectionSource(
            s.platform(), s.baseUrl(), s.apiKey(), s.outcomes(), s.workflowIds(), options));
  }
}
