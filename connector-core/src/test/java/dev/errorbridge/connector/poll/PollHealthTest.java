package dev.errorbridge.connector.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.errorbridge.connector.poll.DifyFake.row;
import static dev.errorbridge.connector.poll.PollWorld.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.engine.DeliveryResult;
import dev.errorbridge.connector.publish.PublisherConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A poll that cannot read its platform shows on the connection: each cycle that does not complete
 * is noted (ACTIVE, with the reason and the fix), {@link PollConfig#errorAfterFailedCycles()} in a
 * row put it in ERROR, and the first good cycle makes it ACTIVE again; the checkpoint counts the
 * streak and every failed cycle logs one WARN line.
 */
class PollHealthTest extends PollTestBase {
  private static final String ID = "dify-1";

  private DifyFake dify;

  @Override
  PollWorld newWorld(PollInfra infra) {
    return new PollWorld(
        infra,
        PollConfig.builder().initialLookback(Duration.ofMinutes(30)).build(),
        PublisherConfig.builder());
  }

  @BeforeEach
  void difyWithOneFailure() {
    world.create(
        ID,
        Platform.DIFY,
        platform,
        Set.of(Outcome.FAILED),
        Map.of("appId", DifyFake.APP, "requestTimeout", "PT1S"));
    dify = new DifyFake(platform, ID);
    answersWell();
  }

  /** Each way a platform can fail to be read, with the fix the connection shows for it. */
  enum Kind {
    REQUEST_REJECTED(
        PollStatus.PLATFORM_ERROR,
        PollFailures.FIX_REJECTED,
        "HTTP 404",
        () ->
            aResponse()
                .withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"not_found\",\"status\":404}")),
    SERVER_ERROR(
        PollStatus.PLATFORM_UNAVAILABLE,
        PollFailures.FIX_UNAVAILABLE,
        "HTTP 503",
        () -> aResponse().withStatus(503).withBody("{\"code\":\"unavailable\"}")),
    MALFORMED_ANSWER(
        PollStatus.PLATFORM_ERROR,
        PollFailures.FIX_UNREADABLE,
        "field has_more is not true or false",
        () -> okJson("{\"has_more\":\"maybe\",\"data\":[]}")),
    TIMEOUT(
        PollStatus.PLATFORM_UNAVAILABLE,
        PollFailures.FIX_UNAVAILABLE,
        "no response within 1000 ms",
        () -> okJson("{\"has_more\":false,\"data\":[]}").withFixedDelay(2_500));

    final PollStatus status;
    final String fix;
    final String reason;
    final Supplier<ResponseDefinitionBuilder> answer;

    Kind(PollStatus status, String fix, String reason, Supplier<ResponseDefinitionBuilder> answer) {
      this.status = status;
      this.fix = fix;
      this.reason = reason;
      this.answer = answer;
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void poll_whenThePlatformCannotBeReadCyclesInARow_notesThenErrorsThenRecovers(Kind kind) {
    dify.page("failed", 1, kind.answer.get());
    List<ConnectionHealth> healths = new ArrayList<>();
    List<Integer> streak = new ArrayList<>();
    for (int cycle = 0; cycle < 3; cycle++) {
      PollCycleReport report = world.poll(ID);
      assertThat(report.status()).isEqualTo(kind.status);
      healths.add(world.connection(ID).health());
      streak.add(world.checkpoint(ID).lastScan().failedCycles());
      world.clock.advance(Duration.ofMinutes(1));
    }
    answersWell();

    PollCycleReport recovered = world.poll(ID);

    assertThat(streak).containsExactly(1, 2, 3);
    assertThat(healths.subList(0, 2))
        .allSatisfy(
            h -> {
              assertThat(h.state()).isEqualTo(HealthState.ACTIVE);
              assertThat(h.reason()).startsWith("Polling: the last cycle ").contains(kind.reason);
              assertThat(h.fix()).isEqualTo(kind.fix);
            });
    assertThat(healths.get(0).reason()).contains("(1 in a row; ERROR after 3)");
    ConnectionHealth error = healths.get(2);
    assertThat(error.state()).isEqualTo(HealthState.ERROR);
    assertThat(error.reason())
        .startsWith("Polling failing: the last 3 cycles did not complete; the last one ")
        .contains(kind.reason);
    assertThat(error.fix()).isEqualTo(kind.fix);
    assertThat(error.since()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
    assertThat(recovered.status()).isEqualTo(PollStatus.COMPLETE);
    ConnectionHealth active = world.connection(ID).health();
    assertThat(active.state()).isEqualTo(HealthState.ACTIVE);
    assertThat(active.reason()).isNull();
    assertThat(active.fix()).isNull();
    assertThat(world.checkpoint(ID).lastScan().failedCycles()).isZero();
    assertThat(world.deliveredExecutionIds()).containsExactly("run-a");
  }

  @Test
  void poll_whenACycleFails_logsOneWarningWithoutAStackTrace() {
    dify.page("failed", 1, Kind.REQUEST_REJECTED.answer.get());
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      world.poll(ID);
    } finally {
      System.setErr(originalErr);
    }
    String log = captured.toString(StandardCharsets.UTF_8);

    assertThat(log.lines().filter(l -> l.contains("WARN")).toList())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("poll cycle connection=dify-1 status=PLATFORM_ERROR")
                    .contains("failedCyclesInARow=1")
                    .contains("HTTP 404"));
    assertThat(log).doesNotContain("\tat ").doesNotContain("Exception:");
  }

  @Test
  void poll_whenRateLimited_showsItOnTheConnectionWithTheWaitAndTheFix() {
    dify.page(
        "failed",
        1,
        aResponse()
            .withStatus(429)
            .withHeader("Retry-After", "120")
            .withBody("{\"code\":\"too_many_requests\"}"));

    PollCycleReport limited = world.poll(ID);

    ConnectionHealth health = world.connection(ID).health();
    assertThat(limited.status()).isEqualTo(PollStatus.RATE_LIMITED);
    assertThat(health.state()).isEqualTo(HealthState.ACTIVE);
    assertThat(health.reason())
        .startsWith("Polling: the last cycle was rate limited by the platform")
        .contains("waits 120 s");
    assertThat(health.fix()).isEqualTo(PollFailures.FIX_RATE_LIMITED);
  }

  @Test
  void poll_whenTheDeadlineCutsTheCycleShort_showsItOnTheConnection() {
    dify.failedPages(
        List.of(
            List.of(row("run-a", "failed", at("09:50")), row("run-b", "failed", at("09:45"))),
            List.of(row("run-c", "failed", at("09:40")))));
    world.deliveryHook =
        next ->
            (connection, page, deadline) -> {
              DeliveryResult result = next.deliver(connection, page, deadline);
              world.clock.advance(Duration.ofMinutes(10)); // the page took all the time left
              return result;
            };

    PollCycleReport incomplete = world.poll(ID);

    ConnectionHealth health = world.connection(ID).health();
    assertThat(incomplete.status()).isEqualTo(PollStatus.INCOMPLETE);
    assertThat(health.state()).isEqualTo(HealthState.ACTIVE);
    assertThat(health.reason())
        .startsWith("Polling: the last cycle was cut short by its deadline")
        .contains("reads it again");
    assertThat(health.fix()).isEqualTo(PollFailures.FIX_INCOMPLETE);
  }

  @Test
  void poll_whenItTakesOverFromAStoppedWorker_reportsTheTakeoverOnceOnTheConnection() {
    Checkpoint dead =
        world
            .stores
            .checkpoints()
            .save(
                new Checkpoint(
                    ID,
                    NOW.minus(Duration.ofMinutes(30)),
                    List.of(),
                    null,
                    null,
                    NOW.minus(Duration.ofSeconds(1)),
                    0),
                0);

    PollCycleReport takeover = world.poll(ID);
    ConnectionHealth noted = world.connection(ID).health();
    world.clock.advance(Duration.ofMinutes(1));
    world.poll(ID);

    assertThat(takeover.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(takeover.message())
        .contains("took over from one whose worker stopped")
        .contains(dead.inProgressUntil().toString());
    assertThat(noted.state()).isEqualTo(HealthState.ACTIVE);
    assertThat(noted.reason()).startsWith("Polling: this cycle took over");
    assertThat(noted.fix()).isNull();
    assertThat(world.connection(ID).health().reason()).isNull();
  }

  @Test
  void poll_whenARowCannotBeRead_completesAndShowsTheRowOnTheConnection() {
    ObjectNode broken = row("run-broken", "failed", at("09:30"));
    broken.withObject("/workflow_run").remove("status");
    dify.failedPages(List.of(List.of(row("run-a", "failed", at("09:50")), broken)));

    PollCycleReport report = world.poll(ID);

    ConnectionHealth health = world.connection(ID).health();
    assertThat(report.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(report.counts().rowsFailed()).isEqualTo(1);
    assertThat(report.watermarkAfter()).isEqualTo(NOW);
    assertThat(world.deliveredExecutionIds()).containsExactly("run-a");
    assertThat(health.state()).isEqualTo(HealthState.ACTIVE);
    assertThat(health.reason())
        .startsWith("Polling: 1 row could not be read and was skipped")
        .contains("run run-broken", "data[1].workflow_run.status is missing");
    assertThat(health.fix()).isEqualTo(PollCycle.FIX_ROWS);
    assertThat(world.checkpoint(ID).lastScan().failedCycles()).isZero();
  }

  @Test
  void deliver_whenTheConnectionIsInAPollingError_aDeliveryDoesNotClearIt() {
    dify.page("failed", 1, Kind.SERVER_ERROR.answer.get());
    for (int cycle = 0; cycle < 3; cycle++) {
      world.poll(ID);
      world.clock.advance(Duration.ofMinutes(1));
    }

    // a webhook's failure is delivered while the platform still cannot be read
    world.connectionDelivery.deliver(
        world.connection(ID),
        List.of(webhookFailure("run-w")),
        world.deadline(Duration.ofMinutes(1)));

    ConnectionHealth health = world.connection(ID).health();
    assertThat(world.deliveredExecutionIds()).containsExactly("run-w");
    assertThat(health.state()).isEqualTo(HealthState.ERROR);
    assertThat(health.reason()).startsWith("Polling failing: ");
  }

  private FailedExecution webhookFailure(String runId) {
    return new FailedExecution(
        Platform.DIFY,
        PollWorld.TENANT,
        ID,
        new FailedExecution.Workflow(DifyFake.APP, null, null),
        new FailedExecution.Execution(
            runId, "failed", Outcome.FAILED, null, null, world.clock.instant(), null, null),
        new FailedExecution.RunError("boom", null),
        List.of(),
        new FailedExecution.Delivery(DeliveryPath.WEBHOOK, world.clock.instant()),
        null);
  }

  private void answersWell() {
    dify.failedPages(List.of(List.of(row("run-a", "failed", at("09:50")))));
    dify.detailGone("run-a");
  }
}
