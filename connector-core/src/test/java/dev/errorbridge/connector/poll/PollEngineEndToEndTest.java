package dev.errorbridge.connector.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.errorbridge.connector.poll.DifyFake.row;
import static dev.errorbridge.connector.poll.PollWorld.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.SourceTestKit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * WireMock platform → poll engine → ConnectionDelivery → local-aws bus → rule → recording target:
 * the exact events, none twice over repeated and overlapping polls, none missed when rows shift or
 * arrive while paging or runs fail late.
 */
class PollEngineEndToEndTest extends PollTestBase {
  private static final Map<String, String> DIFY = Map.of("appId", DifyFake.APP, "pageSize", "2");
  private static final String FAILED = "Workflow Execution Failed";

  @Test
  void poll_whenDifyFailuresSpanTwoPages_publishesEachOnceAndAdvancesToTheFrozenBound() {
    world.create("dify-1", Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
    DifyFake dify = new DifyFake(platform, "dify-1");
    dify.failedPages(
        List.of(
            List.of(row("run-a", "failed", at("09:50")), row("run-b", "failed", at("09:40"))),
            List.of(row("run-c", "failed", at("09:05")))));
    dify.detail("run-a", "failed", at("09:50"));
    dify.detail("run-b", "failed", at("09:40"));
    dify.detailGone("run-c");

    PollCycleReport report = world.poll("dify-1");

    assertThat(report.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(report.message()).isNull();
    assertThat(report.pages()).isEqualTo(2);
    assertThat(report.counts()).isEqualTo(new DeliveryCounts(3, 3, 0, 0, 0, 0));
    assertThat(report.scannedFrom()).isEqualTo(at("09:00"));
    assertThat(report.scannedTo()).isEqualTo(NOW);
    List<JsonNode> events = world.events();
    assertThat(events)
        .extracting(e -> e.at("/detail/execution/id").asText())
        .containsExactlyInAnyOrder("run-a", "run-b", "run-c");
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.at("/detail-type").asText()).isEqualTo(FAILED);
              assertThat(e.at("/source").asText()).isEqualTo("errorbridge.dify");
              assertThat(e.at("/detail/eventId").asText())
                  .isEqualTo(
                      PollWorld.eventId(
                          "dify-1", Platform.DIFY, e.at("/detail/execution/id").asText()));
              assertThat(e.at("/detail/error/message").asText()).contains("Node 'LLM' run failed");
            });
    Checkpoint checkpoint = world.checkpoint("dify-1");
    assertThat(checkpoint.watermark()).isEqualTo(NOW);
    assertThat(checkpoint.inProgressUntil()).isNull();
    assertThat(checkpoint.lastScan()).isEqualTo(new Checkpoint.ScanOutcome(NOW, true, null));
    assertThat(checkpoint.version()).isEqualTo(2);
    // one frozen upper bound for both pages
    platform.verify(
        2,
        getRequestedFor(urlPathEqualTo(dify.logsPath()))
            .withQueryParam("created_at__after", equalTo("2026-02-03T09:00:00Z"))
            .withQueryParam("created_at__before", equalTo("2026-02-03T10:00:00Z")));
    assertThat(world.connection("dify-1").health().delivered()).isEqualTo(3);
  }

  @Test
  void poll_whenRepeatedOverOverlappingWindows_publishesNothingTwice() {
    world.create("dify-1", Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
    DifyFake dify = new DifyFake(platform, "dify-1");
    dify.failedPages(
        List.of(List.of(row("run-a", "failed", at("09:50")), row("run-b", "failed", at("09:05")))));
    dify.detailGone("run-a");
    dify.detailGone("run-b");
    world.poll("dify-1");
    world.clock.advance(Duration.ofMinutes(1));
    dify.failedPages(
        List.of(
            List.of(row("run-d", "failed", at("10:00:30")), row("run-a", "failed", at("09:50"))),
            List.of(row("run-b", "failed", at("09:05")))));
    dify.detailGone("run-d");

    PollCycleReport second = world.poll("dify-1");
    world.clock.advance(Duration.ofMinutes(1));
    PollCycleReport third = world.poll("dify-1");

    assertThat(second.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(second.scannedFrom()).isEqualTo(at("09:00")); // watermark 10:00 − 1 h lookback
    assertThat(second.counts()).isEqualTo(new DeliveryCounts(3, 1, 2, 0, 0, 2));
    assertThat(third.counts()).isEqualTo(new DeliveryCounts(3, 0, 3, 0, 0, 3));
    assertThat(world.deliveredExecutionIds()).containsExactlyInAnyOrder("run-a", "run-b", "run-d");
    assertThat(world.checkpoint("dify-1").watermark()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
  }

  @Test
  void poll_whenTheWindowOverlapsPublishedRuns_readsNoDetailForThemAndPublishesTheNewOneOnce() {
    DifyFake dify = publishedTwoThenANewRunFails();

    PollCycleReport second = world.poll("dify-1");

    assertThat(second.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(second.counts()).isEqualTo(new DeliveryCounts(3, 1, 2, 0, 0, 2));
    assertThat(second.requests()).isEqualTo(3); // two list pages and run-c's detail
    platform.verify(0, getRequestedFor(urlPathEqualTo(dify.runPath("run-a"))));
    platform.verify(0, getRequestedFor(urlPathEqualTo(dify.runPath("run-b"))));
    platform.verify(1, getRequestedFor(urlPathEqualTo(dify.runPath("run-c"))));
    assertThat(world.deliveredExecutionIds()).containsExactlyInAnyOrder("run-a", "run-b", "run-c");
    assertThat(world.checkpoint("dify-1").watermark()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    assertThat(world.checkpoint("dify-1").pendingRuns()).isEmpty();
  }

  @Test
  void poll_whenTheDedupStoreCannotSayWhatWasPublished_readsEveryDetailAndPublishesEachOnce() {
    DifyFake dify = publishedTwoThenANewRunFails();
    world.dedupReadBroken.set(true);

    PollCycleReport second = world.poll("dify-1");

    assertThat(second.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(second.counts()).isEqualTo(new DeliveryCounts(3, 1, 2, 0, 0, 0));
    assertThat(second.requests()).isEqualTo(5);
    List.of("run-a", "run-b", "run-c")
        .forEach(id -> platform.verify(1, getRequestedFor(urlPathEqualTo(dify.runPath(id)))));
    assertThat(world.deliveredExecutionIds()).containsExactlyInAnyOrder("run-a", "run-b", "run-c");
    assertThat(world.checkpoint("dify-1").watermark()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
  }

  @Test
  void poll_whenARowShiftsAcrossPagesAndANewRunArrivesWhilePaging_publishesEachFailureOnce() {
    world.create("dify-1", Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
    DifyFake dify = new DifyFake(platform, "dify-1");
    // run-n failed while the scan paged: run-b slid from page 1 onto page 2; run-n itself started
    // after the frozen bound, so Dify leaves it out of this scan
    dify.failedPages(
        List.of(
            List.of(row("run-a", "failed", at("09:50")), row("run-b", "failed", at("09:40"))),
            List.of(row("run-b", "failed", at("09:40")), row("run-c", "failed", at("09:30")))));
    List.of("run-a", "run-b", "run-c", "run-n").forEach(dify::detailGone);

    PollCycleReport first = world.poll("dify-1");
    world.clock.advance(Duration.ofMinutes(1));
    dify.failedPages(
        List.of(
            List.of(row("run-n", "failed", at("10:00:10")), row("run-a", "failed", at("09:50"))),
            List.of(row("run-b", "failed", at("09:40")), row("run-c", "failed", at("09:30")))));
    PollCycleReport second = world.poll("dify-1");

    assertThat(first.counts().delivered()).isEqualTo(3);
    assertThat(second.counts()).isEqualTo(new DeliveryCounts(4, 1, 3, 0, 0, 3));
    assertThat(world.deliveredExecutionIds())
        .containsExactlyInAnyOrder("run-a", "run-b", "run-c", "run-n");
  }

  @Test
  void poll_whenRunflowRunsAppearBehindTheCursorOrFailLate_publishesThemOnTheNextPoll() {
    world.create("runflow-1", Platform.RUNFLOW, platform, Set.of(Outcome.FAILED), Map.of());
    RunflowFake runflow = new RunflowFake(platform, "runflow-1");
    runflow.failedPages(
        List.of(
            List.of(RunflowFake.run("r-05", at("09:05"))),
            List.of(RunflowFake.run("r-10", at("09:10")))));
    // while the first poll reads page 2, r-07 (dispatched at 09:07) fails: the cursor is past it
    AtomicBoolean inserted = new AtomicBoolean();
    world.deliveryHook =
        next ->
            (connection, page, deadline) -> {
              var result = next.deliver(connection, page, deadline);
              if (inserted.compareAndSet(false, true)) {
                runflow.failedPages(
                    List.of(
                        List.of(
                            RunflowFake.run("r-05", at("09:05")),
                            RunflowFake.run("r-07", at("09:07"))),
                        List.of(RunflowFake.run("r-10", at("09:10")))));
              }
              return result;
            };

    PollCycleReport first = world.poll("runflow-1");
    world.clock.advance(Duration.ofMinutes(1));
    // and r-30, dispatched at 09:30 and running during the first poll, has failed since
    runflow.failedPages(
        List.of(
            List.of(RunflowFake.run("r-05", at("09:05")), RunflowFake.run("r-07", at("09:07"))),
            List.of(RunflowFake.run("r-10", at("09:10")), RunflowFake.run("r-30", at("09:30")))));
    PollCycleReport second = world.poll("runflow-1");

    assertThat(first.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(first.counts().delivered()).isEqualTo(2);
    assertThat(second.counts()).isEqualTo(new DeliveryCounts(4, 2, 2, 0, 0, 0));
    assertThat(world.deliveredExecutionIds())
        .containsExactlyInAnyOrder("r-05", "r-07", "r-10", "r-30");
    assertThat(world.events())
        .allSatisfy(
            e -> {
              assertThat(e.at("/detail-type").asText()).isEqualTo(FAILED);
              assertThat(e.at("/source").asText()).isEqualTo("errorbridge.runflow");
            });
  }

  @Test
  void poll_whenADifyRunIsSeenRunningThenFails_tracksAndRechecksItUntilItEnds() {
    Map<String, String> options = Map.of("appId", DifyFake.APP, "lookback", "PT10M");
    world.create(
        "dify-p", Platform.DIFY, platform, Set.of(Outcome.FAILED, Outcome.PARTIAL), options);
    DifyFake dify = new DifyFake(platform, "dify-p");
    dify.allRuns(
        List.of(
            row("late", "running", at("09:58")),
            row("ok-later", "running", at("09:57")),
            row("gone-later", "paused", at("09:56")),
            row("f-1", "failed", at("09:52"))));
    dify.detail("f-1", "failed", at("09:52"));

    PollCycleReport first = world.poll("dify-p");
    List<String> tracked =
        world.checkpoint("dify-p").pendingRuns().stream()
            .map(Checkpoint.PendingRun::executionId)
            .toList();
    // 40 minutes on, the runs have left the scan window [10:30, 10:40): only rechecks see them
    world.clock.advance(Duration.ofMinutes(40));
    dify.allRuns(List.of());
    dify.detail("late", "failed", at("09:58"));
    dify.detail("ok-later", "succeeded", at("09:57"));
    dify.detailGone("gone-later");
    PollCycleReport second = world.poll("dify-p");
    world.clock.advance(Duration.ofMinutes(1));
    PollCycleReport third = world.poll("dify-p");

    assertThat(first.pendingTracked()).isEqualTo(3);
    assertThat(tracked).containsExactlyInAnyOrder("late", "ok-later", "gone-later");
    assertThat(world.stores.checkpoints().load("dify-p").orElseThrow().pendingRuns()).isEmpty();
    assertThat(second.rechecked()).isEqualTo(3);
    assertThat(second.counts()).isEqualTo(new DeliveryCounts(1, 1, 0, 0, 0, 0));
    assertThat(second.pendingTracked()).isZero();
    assertThat(third.rechecked()).isZero();
    assertThat(world.deliveredExecutionIds()).containsExactlyInAnyOrder("f-1", "late");
    assertThat(world.events())
        .filteredOn(e -> e.at("/detail/execution/id").asText().equals("late"))
        .singleElement()
        .satisfies(e -> assertThat(e.at("/detail-type").asText()).isEqualTo(FAILED));
  }

  @Test
  void poll_whenTheScanSeesATrackedRunStillRunning_keepsItWithoutARecheck() {
    Map<String, String> options = Map.of("appId", DifyFake.APP);
    world.create(
        "dify-p", Platform.DIFY, platform, Set.of(Outcome.FAILED, Outcome.PARTIAL), options);
    DifyFake dify = new DifyFake(platform, "dify-p");
    dify.allRuns(List.of(row("long", "running", at("09:30"))));

    world.poll("dify-p");
    world.clock.advance(Duration.ofMinutes(1));
    PollCycleReport second = world.poll("dify-p");

    assertThat(second.rechecked()).isZero();
    assertThat(world.checkpoint("dify-p").pendingRuns())
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.executionId()).isEqualTo("long");
              assertThat(run.workflowId()).isEqualTo(DifyFake.APP);
              assertThat(run.firstSeenAt()).isEqualTo(NOW);
              assertThat(run.lastCheckedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
            });
    assertThat(world.events()).isEmpty();
  }

  @Test
  void poll_whenATrigifyRunIsSeenRunningThenFails_rechecksItThroughItsWorkflow() {
    world.create(
        "trigify-1",
        Platform.TRIGIFY,
        platform,
        Set.of(Outcome.FAILED),
        Map.of("lookback", "PT10M"));
    String base = "/trigify-1/workflows";
    platform.stubFor(
        get(urlPathEqualTo(base))
            .willReturn(
                okJson(
                    "{\"success\":true,\"data\":{\"items\":[{\"id\":\"wf_q4n8r2\","
                        + "\"name\":\"Enrich new commenters\"}],\"has_more\":false}}")));
    platform.stubFor(
        get(urlPathEqualTo(base + "/wf_q4n8r2/executions"))
            .willReturn(
                okJson(
                    executions(
                        "{\"run_id\":\"run_t5w1c8\",\"status\":\"running\","
                            + "\"started_at\":\"2026-02-03T09:55:00.000Z\"},"
                            + "{\"run_id\":\"run_m2d9k7\",\"status\":\"failed\","
                            + "\"started_at\":\"2026-02-03T09:52:00.000Z\","
                            + "\"completed_at\":\"2026-02-03T09:52:06.412Z\","
                            + "\"error\":\"Step 'Upsert contact' failed\"}"))));
    platform.stubFor(
        get(urlPathEqualTo(base + "/wf_q4n8r2/executions/run_m2d9k7")).willReturn(notFound()));

    PollCycleReport first = world.poll("trigify-1");
    Checkpoint.PendingRun tracked = world.checkpoint("trigify-1").pendingRuns().get(0);
    world.clock.advance(Duration.ofMinutes(40));
    platform.stubFor(
        get(urlPathEqualTo(base + "/wf_q4n8r2/executions")).willReturn(okJson(executions(""))));
    platform.stubFor(
        get(urlPathEqualTo(base + "/wf_q4n8r2/executions/run_t5w1c8"))
            .willReturn(okJson(SourceTestKit.fixture("trigify/execution-running-failed.json"))));
    PollCycleReport second = world.poll("trigify-1");

    assertThat(first.counts().delivered()).isEqualTo(1);
    assertThat(tracked).isEqualTo(new Checkpoint.PendingRun("run_t5w1c8", NOW, NOW, "wf_q4n8r2"));
    assertThat(second.rechecked()).isEqualTo(1);
    assertThat(second.pendingTracked()).isZero();
    assertThat(world.events())
        .extracting(e -> e.at("/detail/execution/id").asText())
        .containsExactlyInAnyOrder("run_m2d9k7", "run_t5w1c8");
    assertThat(world.events())
        .allSatisfy(
            e -> {
              assertThat(e.at("/detail/workflow/id").asText()).isEqualTo("wf_q4n8r2");
              assertThat(e.at("/source").asText()).isEqualTo("errorbridge.trigify");
              assertThat(e.at("/detail-type").asText()).isEqualTo(FAILED);
            });
  }

  /**
   * A first poll published run-a and run-b; a minute on, run-c has failed and the overlapping
   * window lists all three (run-b on a second page). The request journal holds only what follows.
   */
  private DifyFake publishedTwoThenANewRunFails() {
    world.create("dify-1", Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
    DifyFake dify = new DifyFake(platform, "dify-1");
    dify.failedPages(
        List.of(List.of(row("run-a", "failed", at("09:50")), row("run-b", "failed", at("09:40")))));
    dify.detail("run-a", "failed", at("09:50"));
    dify.detail("run-b", "failed", at("09:40"));
    assertThat(world.poll("dify-1").counts().delivered()).isEqualTo(2);
    world.clock.advance(Duration.ofMinutes(1));
    dify.failedPages(
        List.of(
            List.of(row("run-c", "failed", at("10:00:30")), row("run-a", "failed", at("09:50"))),
            List.of(row("run-b", "failed", at("09:40")))));
    dify.detail("run-c", "failed", at("10:00:30"));
    platform.resetRequests();
    return dify;
  }

  private static String executions(String rows) {
    return "{\"success\":true,\"data\":{\"executions\":["
        + rows
        + "],\"pagination\":{\"page\":1,\"total_pages\":1}}}";
  }
}
