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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
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
 * <p>The restarted servers run with a 2 s delivery lease ({@code ERRORBRIDGE_DELIVERY_LEASE}), a 1
 * s retry drain and a 2 s poll schedule, so that each step ends within seconds.
 */
class CrashHarnessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CRASH_POINT_WAIT = Duration.ofSeconds(20);
  private static final Duration SETTLE_WAIT = Duration.ofSeconds(30);
  private static final Duration PLATFORM_RETRIES = Duration.ofSeconds(30);

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

  @org.junit.jupiter.api.AfterEach
  void killServers() {
    servers.forEach(ServerProcess::close);
    world.aws.faults().clear();
  }

  @Test
  void webhook_whenKilledAfterTheClaim_retryIsDeliveredOnceAndNeverAnsweredDuplicateBeforeIt() {
    Step step = new Step("after-claim");
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
    Step step = new Step("during-put-events");
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
    Step step = new Step("after-put-events");
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
    Step step = new Step("bookkeeping");
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
    Step step = new Step("drain");
    ServerProcess first = step.start(CrashPoint.DRAIN_AFTER_PUT_EVENTS, 1);
    String id = step.createWebhookConnection(first);
    // Throttled entries do not open the circuit: each webhook retries for its budget, then parks.
    world.aws.faults().inject(Fault.entryError("PutEvents", "ThrottlingException", 0).always());
    List<String> runs = IntStream.rangeClosed(1, 14).mapToObj(i -> "drain-" + i).toList();
    Map<String, RunflowPlatform.Answer> answers = step.deliverAll(first, runs);
    assertThat(answers.values())
        .as("parked while PutEvents is throttled")
        .allSatisfy(a -> assertThat(a.status()).isEqualTo("queued"));
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
    Step step = new Step("poll");
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
    Step step = new Step("replay");
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

  /** One crash step: its servers (killed one, restarted one), connection, platform and verdict. */
  private final class Step {
    final String name;
    final String table;
    final RunflowPlatform platform = new RunflowPlatform(world::timesOnBus);
    final Set<String> sent = new LinkedHashSet<>();
    final Set<String> polled = new LinkedHashSet<>();
    final long startedNanos = System.nanoTime();
    DeliveryVerdict verdict;
    String connectionId;
    int starts;
    Duration restart;

    Step(String name) {
      this.name = name;
      this.table = "errorbridge-crash-" + name;
      world.createTable(table);
    }

    Map<String, String> environment() {
      Map<String, String> env = new LinkedHashMap<>(world.serverEnvironment(table));
      env.put("ERRORBRIDGE_DELIVERY_LEASE", "PT2S");
      // A drain run's budget is its interval, and no PutEvents attempt starts with less than 1 s
      // left (PublisherConfig.DEFAULT_MIN_ATTEMPT_TIME): 3 s leaves time to list and lease first.
      env.put("ERRORBRIDGE_RETRY_DRAIN_INTERVAL", "PT3S");
      env.put("ERRORBRIDGE_POLL_INTERVAL", "PT2S");
      env.put("ERRORBRIDGE_ALLOWED_HOSTS", "127.0.0.1");
      return env;
    }

    ServerProcess start(String crashPoint, int hits) {
      return start(crashPoint, hits, Map.of());
    }

    ServerProcess start(String crashPoint, int hits, Map<String, String> overrides) {
      starts++;
      Map<String, String> env = environment();
      env.putAll(overrides);
      ServerProcess server = ServerProcess.start(name + "-" + starts, env, crashPoint, hits);
      servers.add(server);
      return server;
    }

    /** The restart on the same data, without a crash point; its startup is the restart time. */
    ServerProcess restart() {
      ServerProcess server = start(null, 0);
      restart = server.startup();
      return server;
    }

    String createWebhookConnection(ServerProcess server) {
      return create(
          server,
          """
          {"name": "crash %s", "enabled": true,
           "source": {"platform": "runflow"},
           "webhook": {"secret": "%s"},
           "destination": %s}
          """
              .formatted(name, RunflowPlatform.SECRET, destination()));
    }

    String createPolledConnection(ServerProcess server, String org) {
      return create(
          server,
          """
          {"name": "crash %s", "enabled": true,
           "source": {"platform": "runflow", "baseUrl": "%s", "apiKey": "%s"},
           "webhook": {"secret": "%s"},
           "destination": %s}
          """
              .formatted(
                  name,
                  runflow.baseUrl(org),
                  RunflowApi.API_KEY,
                  RunflowPlatform.SECRET,
                  destination()));
    }

    private String destination() {
      return """
          {"region": "%s", "eventBus": "%s",
           "auth": {"mode": "ACCESS_KEYS", "accessKeyId": "%s", "secretAccessKey": "%s"}}
          """
          .formatted(
              CrashWorld.REGION,
              CrashWorld.BUS,
              CrashWorld.CUSTOMER_KEY.accessKeyId(),
              CrashWorld.CUSTOMER_KEY.secretAccessKey());
    }

    private String create(ServerProcess server, String body) {
      HttpResponse<String> created = server.operator("POST", "/connections", body);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      connectionId = json(created).path("id").asText();
      verdict = new DeliveryVerdict(world, table, connectionId);
      return connectionId;
    }

    /** Sends {@code runId}'s callback until acknowledged; it must be. */
    RunflowPlatform.Answer deliver(ServerProcess server, String runId) {
      sent.add(runId);
      RunflowPlatform.Answer answer =
          platform.deliver(server.uri("/"), connectionId, runId, PLATFORM_RETRIES);
      assertThat(answer.acknowledged()).as("%s answered %s", runId, answer).isTrue();
      assertThat(answer.eventId()).isEqualTo(verdict.eventIdOf(runId));
      return answer;
    }

    /** Sends every run's callback at once (each until acknowledged). */
    Map<String, RunflowPlatform.Answer> deliverAll(ServerProcess server, List<String> runIds) {
      ExecutorService senders = Executors.newFixedThreadPool(runIds.size());
      try {
        Map<String, CompletableFuture<RunflowPlatform.Answer>> pending = new LinkedHashMap<>();
        runIds.forEach(
            run ->
                pending.put(
                    run, CompletableFuture.supplyAsync(() -> deliver(server, run), senders)));
        Map<String, RunflowPlatform.Answer> answers = new LinkedHashMap<>();
        pending.forEach((run, answer) -> answers.put(run, answer.join()));
        return answers;
      } finally {
        senders.shutdownNow();
      }
    }

    /** The runs of this step's connection the bus has received so far. */
    Set<String> runsOnBus() {
      return world.busEvents(connectionId).stream()
          .map(CrashWorld.BusEvent::executionId)
          .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    void verify(ServerProcess restarted, Set<String> mayRepeat) {
      Set<String> expected = new LinkedHashSet<>(sent);
      expected.addAll(polled);
      verdict.awaitSettled(expected, SETTLE_WAIT);
      Set<String> acknowledged = new LinkedHashSet<>(polled);
      platform
          .acknowledged()
          .keySet()
          .forEach(
              eventId ->
                  sent.stream()
                      .filter(run -> verdict.eventIdOf(run).equals(eventId))
                      .forEach(acknowledged::add));
      System.out.printf(
          "crash step %s: failures=%d acknowledged=%d onBus=%s restart_s=%.2f total_s=%.1f%n",
          name,
          expected.size(),
          acknowledged.size(),
          verdict.onBus().values(),
          restart == null ? -1.0 : restart.toMillis() / 1000.0,
          (System.nanoTime() - startedNanos) / 1e9);
      assertThat(acknowledged).as("every callback was acknowledged in the end").containsAll(sent);
      verdict.check(restarted, acknowledged, mayRepeat, platform.falseDuplicates());
    }
  }
}
