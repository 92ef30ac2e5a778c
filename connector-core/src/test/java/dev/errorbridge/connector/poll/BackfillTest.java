package dev.errorbridge.connector.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.errorbridge.connector.poll.PollWorld.KEY;
import static dev.errorbridge.connector.poll.RunflowFake.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.publish.PublisherConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A historical window through the same source and delivery as polling: progress per page and per
 * chunk, dedup against earlier polls, a resume point when stopped, the checkpoint untouched.
 */
class BackfillTest extends PollTestBase {
  private static final String ID = "runflow-1";

  private final List<BackfillProgress> progress = new ArrayList<>();

  @Override
  PollWorld newWorld(PollInfra infra) {
    return new PollWorld(
        infra,
        PollConfig.builder().backfillChunk(Duration.ofHours(1)).build(),
        PublisherConfig.builder());
  }

  @BeforeEach
  void runflowWithFailuresAllMorning() {
    world.create(ID, Platform.RUNFLOW, platform, Set.of(Outcome.FAILED), Map.of());
    new RunflowFake(platform, ID)
        .failedPages(
            List.of(
                List.of(run("r-0610", at("06:10")), run("r-0720", at("07:20"))),
                List.of(
                    run("r-0830", at("08:30")),
                    run("r-0840", at("08:40")),
                    run("r-0910", at("09:10")),
                    run("r-0920", at("09:20")))));
  }

  @Test
  void run_whenTheWindowSpansChunks_reportsProgressAndLeavesTheCheckpointAlone() {
    BackfillReport report =
        world
            .backfill()
            .run(world.connection(ID), at("06:00"), at("09:00"), deadline(), progress::add);

    assertThat(report.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(report.resumeFrom()).isNull();
    assertThat(report.message()).isNull();
    assertThat(report.progress().counts()).isEqualTo(new DeliveryCounts(4, 4, 0, 0, 0, 0));
    assertThat(report.progress().doneUpTo()).isEqualTo(at("09:00"));
    assertThat(report.progress().fraction()).isEqualTo(1.0);
    assertThat(report.progress().pages()).isEqualTo(6); // two cursor pages per chunk
    assertThat(progress)
        .extracting(BackfillProgress::doneUpTo)
        .containsSubsequence(at("07:00"), at("08:00"), at("09:00"));
    assertThat(progress).extracting(p -> p.counts().found()).isSorted();
    assertThat(world.deliveredExecutionIds())
        .containsExactlyInAnyOrder("r-0610", "r-0720", "r-0830", "r-0840");
    assertThat(world.stores.checkpoints().load(ID)).isEmpty();
  }

  @Test
  void run_afterAPoll_publishesOnlyWhatThePollDidNotAndKeepsItsCheckpoint() {
    PollCycleReport polled = world.poll(ID); // [09:00, 10:00)
    Checkpoint afterPoll = world.checkpoint(ID);

    BackfillReport report =
        world
            .backfill()
            .run(world.connection(ID), at("08:00"), at("10:00"), deadline(), progress::add);

    assertThat(polled.counts().delivered()).isEqualTo(2);
    assertThat(report.progress().counts()).isEqualTo(new DeliveryCounts(4, 2, 2, 0, 0, 2));
    assertThat(world.deliveredExecutionIds())
        .containsExactlyInAnyOrder("r-0910", "r-0920", "r-0830", "r-0840");
    assertThat(world.checkpoint(ID)).isEqualTo(afterPoll);
  }

  @Test
  void run_whenTheDeadlineComesMidWindow_stopsAtAResumePointAndResumingFinishesIt() {
    world.deliveryHook =
        next ->
            (connection, page, deadline) -> {
              var result = next.deliver(connection, page, deadline);
              if (page.stream().anyMatch(f -> f.execution().id().equals("r-0720"))) {
                world.clock.advance(Duration.ofMinutes(10)); // the second chunk runs out of time
              }
              return result;
            };

    BackfillReport stopped =
        world
            .backfill()
            .run(
                world.connection(ID),
                at("06:00"),
                at("09:00"),
                world.deadline(Duration.ofMinutes(5)),
                progress::add);
    world.deliveryHook = next -> next;
    BackfillReport resumed =
        world
            .backfill()
            .run(
                world.connection(ID), stopped.resumeFrom(), at("09:00"), deadline(), progress::add);

    assertThat(stopped.status()).isEqualTo(PollStatus.INCOMPLETE);
    assertThat(stopped.resumeFrom()).isEqualTo(at("07:00"));
    assertThat(stopped.message())
        .contains("deadline")
        .contains("run the backfill again from 2026-02-03T07:00:00Z to 2026-02-03T09:00:00Z");
    assertThat(resumed.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(resumed.progress().counts()).isEqualTo(new DeliveryCounts(3, 2, 1, 0, 0, 1));
    assertThat(world.deliveredExecutionIds())
        .containsExactlyInAnyOrder("r-0610", "r-0720", "r-0830", "r-0840");
  }

  @Test
  void run_whenThePlatformRefusesTheKey_saysWhatToFixAndWhereToResume() {
    platform.stubFor(
        get(urlPathEqualTo("/" + ID + "/v1/runs"))
            .atPriority(1)
            .willReturn(aResponse().withStatus(401).withBody("{\"code\":\"UNAUTHORIZED\"}")));

    BackfillReport report =
        world
            .backfill()
            .run(world.connection(ID), at("06:00"), at("09:00"), deadline(), progress::add);

    assertThat(report.status()).isEqualTo(PollStatus.AUTH_REFUSED);
    assertThat(report.resumeFrom()).isEqualTo(at("06:00"));
    assertThat(report.message())
        .contains("Enter a current API key")
        .contains("run the backfill again from 2026-02-03T06:00:00Z")
        .doesNotContain(KEY.reveal());
    assertThat(world.connection(ID).health().state()).isEqualTo(HealthState.ACTIVE);
  }

  @Test
  void run_whenTheConnectionIsSwitchedOff_refusesWithTheFix() {
    world.update(
        ID,
        c ->
            new dev.errorbridge.connector.connection.Connection(
                c.id(),
                c.tenantId(),
                c.name(),
                false,
                c.source(),
                c.webhook(),
                c.destination(),
                c.mapping(),
                c.health(),
                c.createdAt(),
                c.updatedAt(),
                c.version()));

    BackfillReport report =
        world.backfill().run(world.connection(ID), at("06:00"), at("09:00"), deadline(), p -> {});

    assertThat(report.status()).isEqualTo(PollStatus.SKIPPED);
    assertThat(report.message()).contains("PAUSED").contains("enable it");
    assertThat(platform.getAllServeEvents()).isEmpty();
  }

  @Test
  void run_whenTheWindowIsEmptyOrInTheFuture_throwsWithAnExample() {
    Instant future = PollWorld.NOW.plus(Duration.ofDays(1));

    assertThatThrownBy(
            () ->
                world
                    .backfill()
                    .run(world.connection(ID), at("09:00"), at("09:00"), deadline(), p -> {}))
        .isInstanceOf(BackfillWindowInvalidException.class)
        .hasMessageContaining("e.g. from");
    assertThatThrownBy(
            () ->
                world
                    .backfill()
                    .run(world.connection(ID), future, future.plusSeconds(60), deadline(), p -> {}))
        .isInstanceOf(BackfillWindowInvalidException.class);
  }

  private dev.errorbridge.connector.time.Deadline deadline() {
    return world.deadline(Duration.ofMinutes(30));
  }
}
