package dev.errorbridge.bench.chaos;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The chaos run behind {@code bench/chaos.sh}: the standalone server jar on real-AWS settings
 * against local-aws and DynamoDB Local (in this JVM, kept across the restart), {@code N} failures
 * (60 % told by webhook only, 20 % by webhook and listed for the poller, 20 % listed only) spread
 * over several Runflow connections, 16 concurrent senders that retry like a platform, a fault
 * schedule through local-aws's control API, one {@code kill -9} while {@code PutEvents} calls are
 * held in flight once {@code KILL_AT} of the callbacks are answered, a restart on the same state,
 * then a wait until everything is on the bus. Last line: {@code RESULT sent=… acked=… delivered=…
 * lost=… duplicated=… dead_lettered=… restart_s=…}.
 *
 * <p>Settings (environment): {@code N} (2000), {@code SENDERS} (16), {@code CONNECTIONS} (8),
 * {@code KILL_AT} (0.5), {@code HOLD_CALLS} (4, the {@code PutEvents} calls held in flight at the
 * kill), {@code PORT} (18490), {@code LEASE} (PT15S, the delivery lease), {@code FAULT_PERIOD_MS}
 * (1500), {@code SETTLE_TIMEOUT_S} (300). Arguments: the server jar, a work directory.
 */
public final class ChaosRun {
  static final String TENANT = "default";
  static final String OPERATOR_TOKEN = "chaos-benchmark-operator-token-0123456789abcdef";

  private ChaosRun() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: ChaosRun <errorbridge-server.jar> <work directory>");
      System.exit(2);
    }
    List<ServerChild> servers = new ArrayList<>();
    int status = 0;
    try {
      run(args, servers);
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    } finally {
      servers.forEach(ServerChild::kill);
    }
    // Exit now: the senders' and WireMock's threads must not keep a finished run alive.
    System.exit(status);
  }

  private static void run(String[] args, List<ServerChild> servers) throws Exception {
    Path jar = Path.of(args[0]);
    Path work = Path.of(args[1]);
    int n = intSetting("N", 2000);
    int senders = intSetting("SENDERS", 16);
    int connections = intSetting("CONNECTIONS", 8);
    double killAt = Double.parseDouble(System.getenv().getOrDefault("KILL_AT", "0.5"));
    int port = intSetting("PORT", 18490);
    String lease = System.getenv().getOrDefault("LEASE", "PT15S");
    int holdCalls = intSetting("HOLD_CALLS", 4);
    Duration faultPeriod = Duration.ofMillis(intSetting("FAULT_PERIOD_MS", 1500));
    Duration settleTimeout = Duration.ofSeconds(intSetting("SETTLE_TIMEOUT_S", 300));
    System.out.printf(
        "chaos: N=%d senders=%d connections=%d kill_at=%.2f lease=%s fault_period_ms=%d%n",
        n, senders, connections, killAt, lease, faultPeriod.toMillis());

    Files.createDirectories(work.resolve("dynamodb"));
    ChaosPlatform platform = new ChaosPlatform();
    WireMockServer runflow =
        new WireMockServer(
            wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(16)
                .disableRequestJournal()
                .extensions(platform));
    runflow.start();
    runflow.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.ok()));
    try (ChaosWorld world = new ChaosWorld(work.resolve("dynamodb"))) {
      Map<String, String> env = new LinkedHashMap<>(world.serverEnvironment());
      env.put("ERRORBRIDGE_OPERATOR_TOKEN", OPERATOR_TOKEN);
      env.put("ERRORBRIDGE_ALLOWED_HOSTS", "127.0.0.1");
      env.put("ERRORBRIDGE_POLL_INTERVAL", "PT5S");
      env.put("ERRORBRIDGE_RETRY_DRAIN_INTERVAL", "PT2S");
      env.put("ERRORBRIDGE_DELIVERY_LEASE", lease);
      env.put("ERRORBRIDGE_LOG_LEVEL", "WARN");
      ServerChild first = ServerChild.start(jar, port, env, work.resolve("server-1.log"));
      servers.add(first);
      Operator operator = new Operator(first.base());
      List<String> connectionIds = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        connectionIds.add(operator.createConnection(i, runflow.port()));
      }
      Plan plan = Plan.of(n, connectionIds);

      WebhookSenders platformSenders =
          new WebhookSenders(first.base(), id -> world.deliveredEventIds().contains(id));
      FaultSchedule faults = new FaultSchedule(world.aws.endpoint(), faultPeriod);
      ScheduledExecutorService revealer = Executors.newSingleThreadScheduledExecutor();
      AtomicInteger revealed = new AtomicInteger();
      revealer.scheduleWithFixedDelay(
          () -> {
            int due =
                (int)
                    ((long) plan.pollOnly.size()
                        * platformSenders.finalStatus().size()
                        / Math.max(1, plan.callbacks.size()));
            while (revealed.get() < due) {
              Plan.Run run = plan.pollOnly.get(revealed.getAndIncrement());
              platform.reveal(run.connection(), run.runId());
            }
          },
          0,
          250,
          TimeUnit.MILLISECONDS);
      DeliveryClock clock = new DeliveryClock(world::deliveryCount, Duration.ofMillis(5));
      long startedNanos = System.nanoTime();
      CompletableFuture<Void> sending =
          CompletableFuture.runAsync(
              () -> {
                try {
                  platformSenders.sendAll(
                      plan.callbacks,
                      senders,
                      cb -> {
                        if (plan.listedToo.contains(cb.runId())) {
                          platform.reveal(plan.connectionIndex(cb), cb.runId());
                        }
                      });
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });

      Awaitility.await("KILL_AT of the callbacks answered")
          .atMost(Duration.ofMinutes(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> platformSenders.finalStatus().size() >= killAt * plan.callbacks.size());
      faults.pause();
      faults.holdPutEvents(Duration.ofSeconds(3), holdCalls);
      boolean held;
      try {
        Awaitility.await("PutEvents calls held in flight")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(10))
            .until(() -> !faults.pending());
        held = true;
      } catch (ConditionTimeoutException e) {
        held = false;
      }
      first.kill();
      long killedNanos = System.nanoTime();
      System.out.printf(
          "killed the server at %d of %d callbacks answered, %s%n",
          platformSenders.finalStatus().size(),
          plan.callbacks.size(),
          held ? "with PutEvents calls in flight" : "(no PutEvents call was in flight)");
      ServerChild second = ServerChild.start(jar, port, env, work.resolve("server-2.log"));
      servers.add(second);
      faults.resume();
      sending.join();
      faults.close();
      revealer.shutdownNow();
      if (!revealer.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the revealer did not stop");
      }
      while (revealed.get() < plan.pollOnly.size()) {
        Plan.Run run = plan.pollOnly.get(revealed.getAndIncrement());
        platform.reveal(run.connection(), run.runId());
      }
      Set<String> expected = plan.allEventIds();
      try {
        Awaitility.await("every failure on the bus")
            .atMost(settleTimeout)
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> new HashSet<>(world.deliveredEventIds()).containsAll(expected));
      } catch (ConditionTimeoutException e) {
        System.out.println("not everything reached the bus within " + settleTimeout);
      }
      Operator after = new Operator(second.base());
      Set<String> deadLettered = new HashSet<>();
      connectionIds.forEach(id -> deadLettered.addAll(after.deadLetters(id)));
      second.kill();

      List<String> deliveries = world.deliveredEventIds();
      Map<String, Integer> times = new HashMap<>();
      deliveries.stream()
          .filter(expected::contains)
          .forEach(id -> times.merge(id, 1, Integer::sum));
      long delivered = times.size();
      long duplicated = times.values().stream().mapToLong(c -> c - 1).sum();
      clock.close();
      // A call in flight at the kill started at most one attempt timeout before it and, if held,
      // completed at most the hold's latency after it: a duplicate whose first copy reached the bus
      // in that span may have been sent by the killed process after its last record.
      long windowStart = killedNanos - IN_FLIGHT_BEFORE_KILL.toNanos();
      long windowEnd = killedNanos + IN_FLIGHT_AFTER_KILL.toNanos();
      Map<String, Integer> firstIndex = new HashMap<>();
      for (int i = 0; i < deliveries.size(); i++) {
        firstIndex.putIfAbsent(deliveries.get(i), i);
      }
      long duplicatedInFlight =
          times.entrySet().stream()
              .filter(e -> e.getValue() > 1)
              .filter(
                  e -> {
                    long at = clock.deliveredAtNanos(firstIndex.get(e.getKey()));
                    return at >= windowStart && at <= windowEnd;
                  })
              .mapToLong(e -> e.getValue() - 1)
              .sum();
      Set<String> acked = new HashSet<>(platformSenders.finalStatus().keySet());
      acked.removeIf(id -> "none".equals(platformSenders.finalStatus().get(id)));
      plan.pollOnly.forEach(run -> acked.add(run.eventId()));
      long lost =
          acked.stream().filter(id -> !times.containsKey(id) && !deadLettered.contains(id)).count();
      System.out.printf(
          "answers=%s attempts=%d false_duplicate_answers=%d faults_injected=%d elapsed_s=%.1f%n",
          platformSenders.answerCounts(),
          platformSenders.attempts(),
          platformSenders.falseDuplicates(),
          faults.injected(),
          (System.nanoTime() - startedNanos) / 1e9);
      System.out.printf(
          "RESULT sent=%d acked=%d delivered=%d lost=%d duplicated=%d"
              + " duplicated_in_flight_at_kill=%d duplicated_other=%d dead_lettered=%d"
              + " restart_s=%.2f%n",
          n,
          acked.size(),
          delivered,
          lost,
          duplicated,
          duplicatedInFlight,
          duplicated - duplicatedInFlight,
          deadLettered.size(),
          second.startup().toMillis() / 1000.0);
    } finally {
      runflow.stop();
    }
  }

  /** The publisher's default attempt timeout: the oldest a call in flight at the kill can be. */
  private static final Duration IN_FLIGHT_BEFORE_KILL = Duration.ofSeconds(5);

  /** The hold's latency plus a sampling margin: the latest a held call can complete. */
  private static final Duration IN_FLIGHT_AFTER_KILL = Duration.ofMillis(3_500);

  private static int intSetting(String name, int fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }
}
