package dev.errorbridge.server.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.crashpoint.CrashPoint;
import dev.errorbridge.localaws.fault.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost through a {@code kill -9} at any step of delivery: the standalone
 * server runs as a child JVM on real-AWS settings against one local-aws and one DynamoDB Local
 * (kept across restarts, as AWS would be), is killed with SIGKILL at a named step ({@link
 * CrashPoint}, or a local-aws latency fault holding {@code PutEvents}), restarted on the same state
 * without the crash point, and the platform retries as platforms do. Each step then checks what the
 * bus's recording target received ({@link DeliveryVerdict}): every acknowledged event at least once
 * with its deterministic event id, duplicates only for events in the window between {@code
 * PutEvents} succeeding and its record, {@code duplicate} answered only for events on the bus, and
 * the connection's durable figures.
 *
 * <p>The servers run with a 2 s delivery lease ({@code ERRORBRIDGE_DELIVERY_LEASE}), a 3 s retry
 * drain and a 2 s poll schedule, so that each step ends within seconds. Each step has its own table
 * (as its own deployment would), so no step's server drains or polls another step's connections.
 */
class CrashHarnessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CRASH_POINT_WAIT = Duration.ofSeconds(20);

  @TempDir static Path dynamoData;

  private static CrashWorld world;
  private static RunflowApi runflow;

  private final List<ServerProcess> servers = new ArrayList<>();

  @BeforeAll
  static void startWorld() {
    world = CrashWorld.start(dynamoData);
    runflow = RunflowApi.start();
  }

  @AfterAll
  static void stopWorld() {
    if (runflow != null) {
      runflow.close();
    }
    if (world != null) {
      world.close();
    }
  }

  @AfterEach
  void killServers() {
    servers.forEach(ServerProcess::close);
    world.aws.faults().clear();
  }

  @Test
  void webhook_whenKilledAfterTheClaim_retryIsDeliveredOnceAndNeverAnsweredDuplicateBeforeIt() {
    CrashStep step = new CrashStep(world, runflow, servers, "after-claim");
    ServerProcess first = step.start(CrashPoint.AFTER_CLAIM, 3);
    String id = step.createWebhookConnection(first);
    step.deliver(first, "claim-1");
    step.deliver(first, "claim-2");
    CompletableFuture<RunflowPlatform.Answer> held =
        step.platform.sendAsync(first.uri("/"), id, "claim-3");
    first.awaitCrashPoint(CrashPoint.AFTER_CLAIM, CRASH_POINT_WAIT);
    first.kill();
    assertThat(held.join().retry()).as("the held webhook saw its connection drop").isTrue();

    ServerProcess second = step.restart();
    step.deliver(second, "claim-3");
    step.deliver(second, "claim-4");

    step.verify(second, Set.of());
  }

  @Test
  void webhook_whenKilledWhilePutEventsIsHeld_eventArrivesWithOneEventIdAtMostTwice() {
    CrashStep step = new CrashStep(world, runflow, servers, "during-put-events");
    ServerProcess first = step.start(null, 0);
    String id = step.createWebhookConnection(first);
    step.deliver(first, "held-1");
    step.deliver(first, "held-2");
    // local-aws serves the call after the delay whatever happened to the caller: the bus gets the
    // event although its sender died (AWS may or may not have, which is the point).
    Duration hold = Duration.ofSeconds(8);
    world.aws.faults().inject(Fault.latency("PutEvents", hold));
    CompletableFuture<RunflowPlatform.Answer> held =
        step.platform.sendAsync(first.uri("/"), id, "held-3");
    await("PutEvents held by local-aws")
        .atMost(CRASH_POINT_WAIT)
        .pollInterval(Duration.ofMillis(10))
        .until(() -> world.aws.faults().pending().isEmpty());
    Instant heldAt = Instant.now();
    first.kill();
    assertThat(held.join().retry()).isTrue();

    ServerProcess second = step.restart();
    step.deliver(second, "held-3");
    step.deliver(second, "held-4");
    await("local-aws served the held call")
        .atMost(hold.plusSeconds(10))
        .until(() -> Instant.now().isAfter(heldAt.plus(hold).plusMillis(500)));

    step.verify(second, Set.of("held-3"));
  }

  @Test
  void webhook_whenKilledAfterPutEventsBeforeTheRecord_onlyThatEventMayRepeat() {
    CrashStep step = new CrashStep(world, runflow, servers, "after-put-events");
    ServerProcess first = step.start(CrashPoint.AFTER_PUT_EVENTS, 3);
    String id = step.createWebhookConnection(first);
    step.deliver(first, "put-1");
    step.deliver(first, "put-2");
    CompletableFuture<RunflowPlatform.Answer> held =
        step.platform.sendAsync(first.uri("/"), id, "put-3");
    first.awaitCrashPoint(CrashPoint.AFTER_PUT_EVENTS, CRASH_POINT_WAIT);
    first.kill();
    held.join();

    ServerProcess second = step.restart();
    step.deliver(second, "put-3");
    step.deliver(second, "put-4");

    step.verify(second, Set.of("put-3"));
  }

  @Test
  void webhook_whenKilledWithBookkeepingTakenButUnwritten_onlyThatBatchMayRepeat() {
    CrashStep step = new CrashStep(world, runflow, servers, "bookkeeping");
    ServerProcess first = step.start(CrashPoint.BOOKKEEPING_BEFORE_WRITE, 2);
    String id = step.createWebhookConnection(first);
    step.deliver(first, "book-1");
    // book-1's batch was written (the first pass of the point) once its counter shows.
    await("book-1 recorded")
        .atMost(Duration.ofSeconds(10))
        .until(() -> step.verdict.health(first).path("delivered").asLong() == 1);
    CompletableFuture<RunflowPlatform.Answer> answered =
        step.platform.sendAsync(first.uri("/"), id, "book-2");
    first.awaitCrashPoint(CrashPoint.BOOKKEEPING_BEFORE_WRITE, CRASH_POINT_WAIT);
    first.kill();
    answered.join();

    ServerProcess second = step.restart();
    step.deliver(second, "book-2"); // answered already, or retried after a lost answer
    step.deliver(second, "book-3");

    step.verify(second, Set.of("book-2"));
  }

  @Test
  void drain_whenKilledAfterPutEventsBeforeRemoval_onlyItsFirstBatchMayRepeat() {
    CrashStep step = new CrashStep(world, runflow, servers, "drain");
    ServerProcess first = step.start(CrashPoint.DRAIN_AFTER_PUT_EVENTS, 1);
    String id = step.createWebhookConnection(first);
    // Throttled entries do not open the circuit: each webhook retries for its budget, then parks.
    world.aws.faults().inject(Fault.entryError("PutEvents", "ThrottlingException", 0).always());
    List<String> runs = IntStream.rangeClosed(1, 14).mapToObj(i -> "drain-" + i).toList();
    Map<String, RunflowPlatform.Answer> answers = step.deliverAll(first, runs);
    assertThat(answers.values())
        .as("parked while PutEvents is throttled")
        .allSatisfy(a -> assertThat(a.status()).isEqualTo("queued"));
    // Answered queued after 3 s, each webhook's publish went on in the background until its own
    // window ended; only then is nobody publishing them, and only then may the drain have them.
    await("every webhook's background publish gave up and counted its attempt")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                world.parked(step.table, id).stream().filter(e -> e.attempts() >= 1).count()
                    == runs.size());
    world.aws.faults().clear();
    assertThat(world.makeDue(step.table, id)).isEqualTo(runs.size());
    first.awaitCrashPoint(CrashPoint.DRAIN_AFTER_PUT_EVENTS, CRASH_POINT_WAIT);
    first.kill();
    Set<String> window = step.runsOnBus();

    ServerProcess second = step.restart();
    world.makeDue(step.table, id); // the dead drain's lease moved them to their next attempt
    assertThat(window)
        .as("the drain sends as it leases: one PutEvents worth (10) at most was in flight")
        .hasSizeBetween(1, 10);

    step.verify(second, window);
  }

  @Test
  void poll_whenKilledAfterPublishingBeforeTheCheckpoint_everyRunIsOnTheBus() {
    CrashStep step = new CrashStep(world, runflow, servers, "poll");
    String org = "org-" + step.name;
    List<String> runs = IntStream.rangeClosed(1, 6).mapToObj(i -> "poll-" + i).toList();
    runflow.failedRuns(org, runs);
    // The first poll tick comes one interval after the start: time for the platform to tell
    // Errorbridge about two of the runs itself first (their "accepted" answers prove the order).
    ServerProcess first =
        step.start(
            CrashPoint.POLL_BEFORE_CHECKPOINT, 1, Map.of("ERRORBRIDGE_POLL_INTERVAL", "PT4S"));
    step.createPolledConnection(first, org);
    assertThat(step.deliver(first, "poll-1").status()).isEqualTo("accepted");
    assertThat(step.deliver(first, "poll-2").status()).isEqualTo("accepted");
    first.awaitCrashPoint(CrashPoint.POLL_BEFORE_CHECKPOINT, CRASH_POINT_WAIT);
    first.kill();
    step.polled.addAll(runs);
    assertThat(step.runsOnBus()).as("the cycle published before the crash").containsAll(runs);

    ServerProcess second = step.restart();

    step.verify(second, Set.of("poll-3", "poll-4", "poll-5", "poll-6"));
  }

  @Test
  void replay_whenKilledAfterPutEventsBeforeRemoval_everyLetterIsDeliveredAndOnlyItsChunkRepeats() {
    CrashStep step = new CrashStep(world, runflow, servers, "replay");
    ServerProcess first = step.start(CrashPoint.REPLAY_AFTER_PUT_EVENTS, 1);
    String id = step.createWebhookConnection(first);
    List<String> runs = IntStream.rangeClosed(1, 14).mapToObj(i -> "replay-" + i).toList();
    world.aws.faults().inject(Fault.entryError("PutEvents", "InvalidArgument", 0).always());
    // One at a time: refused at once, each is a dead letter (at once, several could wait past
    // their publish budget and be queued instead).
    Map<String, RunflowPlatform.Answer> answers = new LinkedHashMap<>();
    runs.forEach(run -> answers.put(run, step.deliver(first, run)));
    world.aws.faults().clear();
    assertThat(answers.values())
        .as("refused for good: dead letters")
        .allSatisfy(a -> assertThat(a.status()).isEqualTo("dead-lettered"));
    await("dead letters counted")
        .atMost(Duration.ofSeconds(10))
        .until(() -> step.verdict.health(first).path("deadLettered").asLong() == runs.size());
    CompletableFuture<HttpResponse<String>> replay =
        first.operatorAsync(
            "POST", "/connections/" + id + "/dead-letters/replay", "{\"limit\":100}");
    first.awaitCrashPoint(CrashPoint.REPLAY_AFTER_PUT_EVENTS, CRASH_POINT_WAIT);
    first.kill();
    replay.handle((r, e) -> r).join();
    Set<String> window = step.runsOnBus();
    assertThat(window).as("one chunk of 10 at most was in flight").hasSizeBetween(1, 10);

    ServerProcess second = step.restart();
    HttpResponse<String> again =
        second.operator("POST", "/connections/" + id + "/dead-letters/replay", "{\"limit\":100}");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(again.body()).contains("\"summary\"");
    HttpResponse<String> left =
        second.operator("GET", "/connections/" + id + "/dead-letters?limit=100", null);
    assertThat(json(left).path("deadLetters").size()).as(left.body()).isZero();

    step.verify(second, window);
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
