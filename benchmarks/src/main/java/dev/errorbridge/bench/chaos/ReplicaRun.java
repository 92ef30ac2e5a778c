package dev.errorbridge.bench.chaos;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Replicas of the standalone server on one table (behind {@code bench/replicas.sh} and {@code
 * ReplicaRunIT}): {@code REPLICAS} processes of the server jar on real-AWS settings against one
 * local-aws and one DynamoDB Local (in this JVM), {@code CONNECTIONS} Runflow connections polled
 * every {@code INTERVAL} from a WireMock platform that answers each listing {@code DELAY_MS} late,
 * {@code FAILURES} failed runs (80 % told by signed callbacks sent round-robin to every replica at
 * a steady pace over two intervals, 20 % listed for the pollers only), and one replica {@code kill
 * -9}'d in the second round of polls while one of its own poll cycles holds its connection (its
 * {@code errorbridge_poll_cycles_running} gauge) and listings are in flight.
 *
 * <p>It checks: every failure on the bus once ({@code lost}, {@code duplicated}; a duplicate is
 * excused only when its two deliveries straddle the kill, the documented window between {@code
 * PutEvents} and its settle); every connection polled in every interval by some replica (gaps
 * between its listings at most the interval plus one tick and a little, and no two listings closer
 * than a third of the interval); the killed replica's work taken over within one interval plus the
 * poll lease. Last line: {@code RESULT replicas=… connections=… failures=… delivered=… lost=…
 * duplicated=… excused_duplicates=… polls=… max_gap_s=… max_gap_across_kill_s=… missed_intervals=…
 * double_polls=… takeover_s=… elapsed_s=…}.
 */
public final class ReplicaRun {
  static final String OPERATOR_TOKEN = ChaosRun.OPERATOR_TOKEN;

  /** What a run is asked to do. */
  record Settings(
      int replicas,
      int connections,
      int failures,
      Duration interval,
      Duration tick,
      Duration pollLease,
      Duration deliveryLease,
      int delayMillis,
      int basePort,
      Duration slack) {
    static Settings fromEnvironment() {
      return new Settings(
          intSetting("REPLICAS", 3),
          intSetting("CONNECTIONS", 200),
          intSetting("FAILURES", 1500),
          Duration.parse(setting("INTERVAL", "PT30S")),
          Duration.parse(setting("TICK", "PT2S")),
          Duration.parse(setting("POLL_LEASE", "PT20S")),
          Duration.parse(setting("DELIVERY_LEASE", "PT5S")),
          intSetting("DELAY_MS", 200),
          intSetting("PORT", 18500),
          Duration.ofSeconds(intSetting("SLACK_S", 2)));
    }

    /** The longest gap between two polls of a connection that still polls it every interval. */
    Duration allowedGap() {
      return interval.plus(tick).plus(slack);
    }

    /** The same across the kill: a dead replica's connections wait for its poll lease too. */
    Duration allowedGapAcrossKill() {
      return allowedGap().plus(pollLease);
    }
  }

  /** What a run found; {@link #problems()} is empty when every check passed. */
  record Result(String line, List<String> problems) {}

  private ReplicaRun() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: ReplicaRun <errorbridge-server.jar> <work directory>");
      System.exit(2);
    }
    int status = 0;
    try {
      Result result = run(Path.of(args[0]), Path.of(args[1]), Settings.fromEnvironment());
      result.problems().forEach(p -> System.out.println("PROBLEM " + p));
      System.out.println(result.line());
      status = result.problems().isEmpty() ? 0 : 3;
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  static Result run(Path jar, Path work, Settings settings) throws Exception {
    List<ServerChild> servers = new ArrayList<>();
    try {
      return run(jar, work, settings, servers);
    } finally {
      servers.forEach(ServerChild::kill);
    }
  }

  private static Result run(Path jar, Path work, Settings s, List<ServerChild> servers)
      throws Exception {
    System.out.printf(
        "replicas: replicas=%d connections=%d failures=%d interval=%s tick=%s poll_lease=%s"
            + " delay_ms=%d%n",
        s.replicas(),
        s.connections(),
        s.failures(),
        s.interval(),
        s.tick(),
        s.pollLease(),
        s.delayMillis());
    long t0 = System.nanoTime();
    Files.createDirectories(work.resolve("dynamodb"));
    ChaosPlatform platform = new ChaosPlatform().delay(s.delayMillis());
    WireMockServer runflow =
        new WireMockServer(
            wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(32)
                .disableRequestJournal()
                .extensions(platform));
    runflow.start();
    runflow.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.ok()));
    try (ChaosWorld world = new ChaosWorld(work.resolve("dynamodb"))) {
      startReplicas(jar, work, s, world, servers);
      Operator operator = new Operator(servers.get(0).base());
      List<String> connectionIds = new ArrayList<>();
      for (int i = 0; i < s.connections(); i++) {
        connectionIds.add(operator.createConnection(i, runflow.port(), s.interval().toString()));
      }
      Plan plan = Plan.of(s.failures(), connectionIds);
      Set<String> expected = plan.allEventIds();
      List<URI> bases = servers.stream().map(ServerChild::base).toList();
      WebhookSenders senders =
          new WebhookSenders(bases, id -> world.deliveredEventIds().contains(id));
      // Callbacks at a steady pace over about two intervals, so that some are in flight at the
      // kill.
      double perSecond = Math.max(1.0, plan.callbacks.size() / (2.0 * s.interval().toSeconds()));
      RateLimiter pace =
          RateLimiter.of(
              "webhook-pace",
              RateLimiterConfig.custom()
                  .limitRefreshPeriod(Duration.ofMillis(Math.max(1, (long) (1000 / perSecond))))
                  .limitForPeriod(1)
                  .timeoutDuration(Duration.ofHours(1))
                  .build());
      CompletableFuture<Void> sending =
          CompletableFuture.runAsync(
              () -> {
                try {
                  senders.sendAll(
                      plan.callbacks,
                      8,
                      cb -> {
                        pace.acquirePermission();
                        if (plan.listedToo.contains(cb.runId())) {
                          platform.reveal(plan.connectionIndex(cb), cb.runId());
                        }
                      });
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      plan.pollOnly.forEach(run -> platform.reveal(run.connection(), run.runId()));

      // Every connection polled once; then, in the next round, a burst of cycles in flight on
      // every replica: more listings in flight than the other replicas' threads could hold.
      Awaitility.await("every connection polled once")
          .atMost(s.interval().multipliedBy(3))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> polledAtLeast(platform, s.connections(), 1));
      long secondRound = System.nanoTime() + s.interval().toNanos() / 2;
      int killedIndex = s.replicas() / 2;
      Operator victim = new Operator(servers.get(killedIndex).base());
      // A listing is answered DELAY_MS after it arrives: one that arrived less than that ago is in
      // flight, its cycle with it. The replica to kill says how many of its own cycles hold their
      // connections (its replica-only metrics): it dies mid-cycle, with listings in flight.
      long inFlightWindow = Duration.ofMillis(Math.max(1, s.delayMillis() - 20)).toNanos();
      int[] mostRunning = {0};
      try {
        Awaitility.await("a poll cycle in flight on the replica to kill")
            .atMost(s.interval().multipliedBy(3))
            .pollInterval(Duration.ofMillis(5))
            .until(
                () -> {
                  if (System.nanoTime() < secondRound || inFlight(platform, inFlightWindow) == 0) {
                    return false;
                  }
                  int running = victim.pollCyclesRunning();
                  mostRunning[0] = Math.max(mostRunning[0], running);
                  return running >= 1;
                });
      } catch (ConditionTimeoutException e) {
        throw new IllegalStateException(
            "the replica to kill never ran a poll cycle while listings were in flight (at most "
                + mostRunning[0]
                + " at once): raise DELAY_MS",
            e);
      }
      long killedAt = System.nanoTime();
      servers.get(killedIndex).kill();
      List<Integer> inFlightAtKill = inFlightConnections(platform, killedAt, inFlightWindow);
      System.out.printf(
          "killed replica-%d with %d listings in flight, %d of %d callbacks answered%n",
          killedIndex + 1,
          inFlightAtKill.size(),
          senders.finalStatus().size(),
          plan.callbacks.size());

      sending.join();
      // Long enough for a connection the dead replica held to wait out its lease and be polled.
      Duration observeUntil = s.allowedGapAcrossKill().plus(s.tick());
      try {
        Awaitility.await("every failure on the bus")
            .atMost(observeUntil.plus(s.deliveryLease()).plusSeconds(60))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> new HashSet<>(world.deliveredEventIds()).containsAll(expected));
      } catch (ConditionTimeoutException e) {
        System.out.println("not everything reached the bus in time");
      }
      // Keep observing the polls for an interval plus the lease after the kill, at least.
      long observeEnd = killedAt + observeUntil.toNanos();
      Awaitility.await("the observation window")
          .atMost(observeUntil.plusSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> System.nanoTime() >= observeEnd);
      long endedAt = System.nanoTime();

      Set<String> deadLettered = new HashSet<>();
      Operator survivor = new Operator(servers.get(0).base());
      connectionIds.forEach(id -> deadLettered.addAll(survivor.deadLetters(id)));
      return verdict(
          s,
          world,
          platform,
          expected,
          deadLettered,
          killedAt,
          endedAt,
          inFlightAtKill,
          senders,
          t0);
    } finally {
      runflow.stop();
    }
  }

  private static void startReplicas(
      Path jar, Path work, Settings s, ChaosWorld world, List<ServerChild> servers)
      throws Exception {
    ExecutorService starting = Executors.newFixedThreadPool(s.replicas());
    try {
      List<Future<ServerChild>> started = new ArrayList<>();
      for (int i = 0; i < s.replicas(); i++) {
        Map<String, String> env = new LinkedHashMap<>(world.serverEnvironment());
        env.put("ERRORBRIDGE_OPERATOR_TOKEN", OPERATOR_TOKEN);
        env.put("ERRORBRIDGE_ALLOWED_HOSTS", "127.0.0.1");
        env.put("ERRORBRIDGE_POLL_INTERVAL", s.tick().toString());
        env.put("ERRORBRIDGE_POLL_LEASE", s.pollLease().toString());
        env.put("ERRORBRIDGE_RETRY_DRAIN_INTERVAL", "PT2S");
        env.put("ERRORBRIDGE_DELIVERY_LEASE", s.deliveryLease().toString());
        env.put("ERRORBRIDGE_REPLICA_ID", "replica-" + (i + 1));
        env.put("ERRORBRIDGE_LOG_LEVEL", setting("SERVER_LOG_LEVEL", "WARN"));
        int port = s.basePort() + i;
        Path log = work.resolve("replica-" + (i + 1) + ".log");
        started.add(starting.submit(() -> ServerChild.start(jar, port, env, log)));
      }
      for (Future<ServerChild> child : started) {
        servers.add(child.get());
      }
    } finally {
      starting.shutdownNow();
    }
  }

  private static boolean polledAtLeast(ChaosPlatform platform, int connections, int times) {
    for (int i = 0; i < connections; i++) {
      List<Long> listings = platform.failedListings().get(i);
      if (listings == null || listings.size() < times) {
        return false;
      }
    }
    return true;
  }

  private static long inFlight(ChaosPlatform platform, long windowNanos) {
    return inFlightConnections(platform, System.nanoTime(), windowNanos).size();
  }

  private static List<Integer> inFlightConnections(
      ChaosPlatform platform, long at, long windowNanos) {
    List<Integer> connections = new ArrayList<>();
    platform
        .failedListings()
        .forEach(
            (connection, listings) -> {
              if (listings.stream().anyMatch(t -> t <= at && at - t < windowNanos)) {
                connections.add(connection);
              }
            });
    return connections;
  }

  private static Result verdict(
      Settings s,
      ChaosWorld world,
      ChaosPlatform platform,
      Set<String> expected,
      Set<String> deadLettered,
      long killedAt,
      long endedAt,
      List<Integer> inFlightAtKill,
      WebhookSenders senders,
      long t0) {
    List<String> problems = new ArrayList<>();
    // Deliveries: once each; a second delivery is excused only across the kill.
    Map<String, List<Long>> deliveries = new HashMap<>();
    long wallToNano = System.nanoTime() - System.currentTimeMillis() * 1_000_000L;
    world.aws.deliveries().forTarget(ChaosWorld.RECORDER).stream()
        .forEach(
            d -> {
              String id = ChaosWorld.eventId(d.envelope());
              if (expected.contains(id)) {
                deliveries
                    .computeIfAbsent(id, k -> new ArrayList<>())
                    .add(d.deliveredAt().toEpochMilli() * 1_000_000L + wallToNano);
              }
            });
    long duplicated = deliveries.values().stream().mapToLong(d -> d.size() - 1).sum();
    long excused =
        deliveries.values().stream()
            .filter(d -> d.size() == 2 && d.get(0) <= killedAt && d.get(1) > killedAt)
            .count();
    long lost =
        expected.stream()
            .filter(id -> !deliveries.containsKey(id) && !deadLettered.contains(id))
            .count();
    if (lost > 0) {
      problems.add(lost + " failures never reached the bus (nor the dead letters)");
    }
    if (duplicated > excused) {
      problems.add(
          (duplicated - excused) + " failures reached the bus twice outside the kill's window");
    }
    // Polls: every connection in every interval, never twice at once, taken over after the kill.
    long allowed = s.allowedGap().toNanos();
    long allowedAcross = s.allowedGapAcrossKill().toNanos();
    long tooClose = s.interval().toNanos() / 3;
    long maxGap = 0;
    long maxGapAcross = 0;
    int missed = 0;
    int doublePolls = 0;
    int polls = 0;
    for (int c = 0; c < s.connections(); c++) {
      List<Long> listings = new ArrayList<>(platform.failedListings().getOrDefault(c, List.of()));
      listings.sort(Long::compare);
      polls += listings.size();
      if (listings.isEmpty()) {
        problems.add("connection " + c + " was never polled");
        continue;
      }
      listings.add(endedAt); // the time since its last poll counts too
      for (int k = 1; k < listings.size(); k++) {
        long from = listings.get(k - 1);
        long to = listings.get(k);
        long gap = to - from;
        boolean acrossKill = from <= killedAt && to > killedAt;
        if (acrossKill) {
          maxGapAcross = Math.max(maxGapAcross, gap);
        } else {
          maxGap = Math.max(maxGap, gap);
        }
        if (gap > (acrossKill ? allowedAcross : allowed)) {
          missed++;
        }
        if (k < listings.size() - 1 && gap < tooClose) {
          doublePolls++;
        }
      }
    }
    if (missed > 0) {
      problems.add(missed + " gaps between polls of a connection exceeded the interval");
    }
    if (doublePolls > 0) {
      problems.add(doublePolls + " polls of a connection came too soon after another (overlap)");
    }
    long takeover = 0;
    for (int c : inFlightAtKill) {
      long next =
          platform.failedListings().get(c).stream()
              .filter(t -> t > killedAt)
              .min(Long::compare)
              .orElse(endedAt);
      takeover = Math.max(takeover, next - killedAt);
    }
    if (takeover > s.allowedGapAcrossKill().toNanos()) {
      problems.add(
          "a connection in flight at the kill waited "
              + seconds(takeover)
              + " s, more than the interval plus the poll lease");
    }
    System.out.printf(
        "answers=%s attempts=%d false_duplicate_answers=%d dead_lettered=%d%n",
        senders.answerCounts(), senders.attempts(), senders.falseDuplicates(), deadLettered.size());
    String line =
        String.format(
            "RESULT replicas=%d connections=%d failures=%d delivered=%d lost=%d duplicated=%d"
                + " excused_duplicates=%d polls=%d max_gap_s=%.1f max_gap_across_kill_s=%.1f"
                + " missed_intervals=%d double_polls=%d takeover_s=%.1f elapsed_s=%.1f",
            s.replicas(),
            s.connections(),
            s.failures(),
            deliveries.size(),
            lost,
            duplicated,
            excused,
            polls,
            seconds(maxGap),
            seconds(maxGapAcross),
            missed,
            doublePolls,
            seconds(takeover),
            seconds(System.nanoTime() - t0));
    return new Result(line, problems);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static String setting(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static int intSetting(String name, int fallback) {
    return Integer.parseInt(setting(name, Integer.toString(fallback)));
  }
}
