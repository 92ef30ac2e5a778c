package dev.errorbridge.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * One step of the crash harness: its own table (as its own deployment), its servers (the one killed
 * and the one restarted on the same state), its connection, the platform that sends the callbacks,
 * and the verdict on what reached the bus.
 */
final class CrashStep {
  /** How long the platform keeps sending one callback. */
  static final Duration PLATFORM_RETRIES = Duration.ofSeconds(30);

  /**
   * How long the restarted server gets to put everything on the bus. On a loaded machine the
   * restarted server's first poll cycle can begin before the dead one's claims are settled; it then
   * claims them under its own cycle's budget (the poll interval, a minute at least) plus the
   * delivery lease, and the retry worker sends them once that has passed: so more than a minute.
   */
  static final Duration SETTLE_WAIT = Duration.ofSeconds(100);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CrashWorld world;
  private final RunflowApi runflow;
  private final List<ServerProcess> servers;
  final String name;
  final String table;
  final RunflowPlatform platform;
  final Set<String> sent = new LinkedHashSet<>();
  final Set<String> polled = new LinkedHashSet<>();
  final long startedNanos = System.nanoTime();
  DeliveryVerdict verdict;
  String connectionId;
  int starts;
  Duration restart;

  /**
   * @param servers where the servers it starts are registered, so the test kills them all
   */
  CrashStep(CrashWorld world, RunflowApi runflow, List<ServerProcess> servers, String name) {
    this.world = world;
    this.runflow = runflow;
    this.servers = servers;
    this.name = name;
    this.table = "errorbridge-crash-" + name;
    this.platform = new RunflowPlatform(world::timesOnBus);
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

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
              pending.put(run, CompletableFuture.supplyAsync(() -> deliver(server, run), senders)));
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
