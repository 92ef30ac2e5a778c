package dev.errorbridge.connector.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.errorbridge.connector.poll.DifyFake.row;
import static dev.errorbridge.connector.poll.PollWorld.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.publish.PublisherConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No single row stops a connection: a backfill gets past a log row without its run and a malformed
 * row (its resume point moves on), and one run whose recheck answer is unreadable stops only its
 * own recheck.
 */
class PollRowFailuresTest extends PollTestBase {
  private static final String ID = "dify-1";

  @Override
  PollWorld newWorld(PollInfra infra) {
    return new PollWorld(
        infra,
        PollConfig.builder().backfillChunk(Duration.ofHours(1)).build(),
        PublisherConfig.builder());
  }

  @Test
  void backfill_whenAChunkHoldsARowWithoutItsRunAndAMalformedRow_getsPastThemAndSaysSo() {
    create(Set.of(Outcome.FAILED));
    DifyFake dify = new DifyFake(platform, ID);
    ObjectNode withoutRun = row("run-removed", "failed", at("07:40"));
    withoutRun.putNull("workflow_run");
    ObjectNode malformed = row("run-malformed", "failed", at("07:30"));
    malformed.withObject("/workflow_run").put("status", 7).putObject("id");
    dify.failedPages(
        List.of(
            List.of(
                row("run-a", "failed", at("07:50")),
                withoutRun,
                malformed,
                row("run-b", "failed", at("07:10")))));
    List.of("run-a", "run-b").forEach(dify::detailGone);

    BackfillReport report =
        world
            .backfill()
            .run(
                world.connection(ID),
                at("07:00"),
                at("08:00"),
                world.deadline(Duration.ofMinutes(5)),
                p -> {});

    assertThat(report.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(report.resumeFrom()).isNull();
    assertThat(report.progress().doneUpTo()).isEqualTo(at("08:00"));
    assertThat(report.progress().counts().rowsSkipped()).isEqualTo(1);
    assertThat(report.progress().counts().rowsFailed()).isEqualTo(1);
    assertThat(report.message())
        .startsWith("1 row could not be read and was skipped (Dify connection dify-1")
        .contains("field data[2].workflow_run.id is a OBJECT, not a string");
    assertThat(world.deliveredExecutionIds()).containsExactlyInAnyOrder("run-a", "run-b");
  }

  @Test
  void backfill_whenThePlatformRejectsTheRequest_saysWhatToDoInWholeSentences() {
    create(Set.of(Outcome.FAILED));
    new DifyFake(platform, ID)
        .page(
            "failed",
            1,
            aResponse()
                .withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"not_found\",\"status\":404}"));

    BackfillReport report =
        world
            .backfill()
            .run(
                world.connection(ID),
                at("07:00"),
                at("08:00"),
                world.deadline(Duration.ofMinutes(5)),
                p -> {});

    assertThat(report.status()).isEqualTo(PollStatus.PLATFORM_ERROR);
    assertThat(report.message())
        .contains("HTTP 404 (not_found)", "against the platform. Everything before")
        .doesNotContain("..");
  }

  @Test
  void poll_whenOneTrackedRunsRecheckIsUnreadable_rechecksTheOthersAndKeepsTrackingIt() {
    create(Set.of(Outcome.FAILED, Outcome.PARTIAL));
    DifyFake dify = new DifyFake(platform, ID);
    dify.allRuns(
        List.of(row("run-1", "running", at("09:50")), row("run-2", "running", at("09:40"))));
    world.poll(ID);
    world.clock.advance(Duration.ofMinutes(1));
    dify.allRuns(List.of());
    platform.stubFor(
        get(urlPathEqualTo(dify.runPath("run-1")))
            .willReturn(okJson("{\"id\":\"run-other\",\"status\":\"failed\"}")));
    dify.detail("run-2", "failed", at("09:40"));

    PollCycleReport report = world.poll(ID);

    assertThat(report.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(report.rechecked()).isEqualTo(1);
    assertThat(report.message())
        .contains("a recheck failed alone", "run run-1", "names run run-other");
    assertThat(world.deliveredExecutionIds()).containsExactly("run-2");
    assertThat(world.checkpoint(ID).pendingRuns())
        .extracting(Checkpoint.PendingRun::executionId)
        .containsExactly("run-1");
    assertThat(world.checkpoint(ID).pendingRuns().get(0).lastCheckedAt())
        .isEqualTo(NOW.plus(Duration.ofMinutes(1)));
  }

  private void create(Set<Outcome> outcomes) {
    world.create(ID, Platform.DIFY, platform, outcomes, Map.of("appId", DifyFake.APP));
  }
}
