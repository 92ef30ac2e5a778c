package dev.errorbridge.bench;

import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.deadletter.InMemoryDeadLetterStore;
import dev.errorbridge.connector.mapping.DefaultFailedExecutionMapper;
import dev.errorbridge.connector.mapping.FailedExecutionMapper;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.mapping.MappingOptions;
import dev.errorbridge.connector.publish.DefaultEventBridgeClientFactory;
import dev.errorbridge.connector.publish.DefaultEventPublisher;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.publish.EventBridgeClientFactory;
import dev.errorbridge.connector.publish.PublishReport;
import dev.errorbridge.connector.publish.PublisherConfig;
import dev.errorbridge.connector.publish.PutEventsErrorClassifier;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.localaws.LocalAws;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Publisher throughput against local-aws on loopback, measured against the real limit in one run:
 *
 * <ul>
 *   <li><b>the ceiling</b>: a bare loop of pre-built 10-entry {@code PutEvents} requests through
 *       the very client the publisher uses ({@link DefaultEventBridgeClientFactory}: same HTTP
 *       client, retries off, the same per-call attempt timeout), at the publisher's concurrency;
 *   <li><b>the publisher</b>: {@link DefaultEventPublisher} mapping failed executions to entries
 *       (schema v1, size budget) and publishing them, batching, per-entry result bookkeeping and
 *       all;
 *   <li><b>the naive baseline</b>: one entry per call, one call after another.
 * </ul>
 *
 * The bare loop and the publisher alternate for {@code ROUNDS} rounds (default 3) and the medians
 * are compared, because this VM's speed drifts within minutes. Usage: {@code PublisherThroughput
 * <eventsPerRound> <naiveSeconds>}.
 */
public final class PublisherThroughput {
  private static final String BUS = "bench-errors";
  private static final AwsBasicCredentials KEYS = AwsBasicCredentials.create("test", "test");
  private static final String HTTP_CLIENT =
      System.getenv().getOrDefault("HTTP_CLIENT", "urlconnection");
  private static final int ROUNDS = Integer.parseInt(System.getenv().getOrDefault("ROUNDS", "3"));

  private PublisherThroughput() {}

  public static void main(String[] args) throws Exception {
    int perRound = Integer.parseInt(args[0]);
    Duration naiveDuration = Duration.ofSeconds(Long.parseLong(args[1]));
    int concurrency = Integer.parseInt(System.getenv().getOrDefault("CONCURRENCY", "8"));
    try (LocalAws localAws = LocalAws.start()) {
      try (EventBridgeClient admin = client(localAws, UrlConnectionHttpClient.create())) {
        admin.createEventBus(b -> b.name(BUS));
      }
      Destination destination =
          new Destination(
              "bench-tenant",
              "bench-connection",
              Region.US_EAST_1,
              BUS,
              StaticCredentialsProvider.create(KEYS),
              localAws.endpoint());
      PublisherConfig config =
          PublisherConfig.builder()
              .requestsPerSecond(1_000_000)
              .maxConcurrentRequests(concurrency)
              .build();
      SdkHttpClient http = httpClient();
      EventBridgeClientFactory clients = new DefaultEventBridgeClientFactory(http);
      List<FailedExecution> failures = failures(perRound);
      FailedExecutionMapper mapper = new DefaultFailedExecutionMapper();
      List<PutEventsRequest> prebuilt = prebuilt(map(mapper, failures), config);
      try (DefaultEventPublisher publisher =
              new DefaultEventPublisher(
                  config, new InMemoryDeadLetterStore(), clients, new PutEventsErrorClassifier());
          EventBridgeClient bareClient = clients.create(destination)) {
        ExecutorService bareThreads = Executors.newFixedThreadPool(concurrency);
        // warm both paths (JIT, connections) before anything counts
        publisher.publish(destination, map(mapper, failures.subList(0, perRound / 4)), deadline());
        bare(bareClient, prebuilt.subList(0, prebuilt.size() / 4), bareThreads);

        double[] bareRates = new double[ROUNDS];
        double[] publisherRates = new double[ROUNDS];
        PublishReport last = null;
        ThreadCpu cpu = ThreadCpu.start();
        double publisherSeconds = 0;
        for (int round = 0; round < ROUNDS; round++) {
          bareRates[round] = perRound / bare(bareClient, prebuilt, bareThreads);
          long started = System.nanoTime();
          last = publisher.publish(destination, map(mapper, failures), deadline());
          double seconds = (System.nanoTime() - started) / 1e9;
          publisherSeconds += seconds;
          if (!last.allDelivered()) {
            throw new IllegalStateException(last.parked().size() + " events were not delivered");
          }
          publisherRates[round] = perRound / seconds;
          System.out.printf(
              "round %d: bare SDK loop %.0f events/s, publisher (mapping included) %.0f events/s%n",
              round + 1, bareRates[round], publisherRates[round]);
        }
        bareThreads.shutdownNow();
        Map<String, Double> cpuMillis = cpu.millisByPrefix("errorbridge-publish", "local-aws");
        double naiveRate = naive(localAws, http, map(mapper, failures), naiveDuration);
        double bareRate = median(bareRates);
        double publisherRate = median(publisherRates);
        System.out.printf(
            "http_client=%s concurrency=%d events_per_round=%d rounds=%d; naive baseline measured"
                + " for %d s; cpu over the run: publisher threads %.0f ms, local-aws threads %.0f"
                + " ms, other %.0f ms (publisher %.1f s of it)%n",
            HTTP_CLIENT,
            concurrency,
            perRound,
            ROUNDS,
            naiveDuration.toSeconds(),
            cpuMillis.get("errorbridge-publish"),
            cpuMillis.get("local-aws"),
            cpuMillis.get("other"),
            publisherSeconds);
        System.out.printf(
            "RESULT events_per_s=%.0f sdk_events_per_s=%.0f ratio_to_sdk=%.2f"
                + " naive_events_per_s=%.0f ratio=%.1f entries_per_call=%.2f%n",
            publisherRate,
            bareRate,
            publisherRate / bareRate,
            naiveRate,
            publisherRate / naiveRate,
            last.entriesPerRequest());
      }
    }
  }

  /**
   * Sends every pre-built request from {@code threads} at once, each thread taking the next one;
   * answers the seconds it took.
   */
  private static double bare(
      EventBridgeClient client, List<PutEventsRequest> requests, ExecutorService threads)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    int workers = ((java.util.concurrent.ThreadPoolExecutor) threads).getCorePoolSize();
    long started = System.nanoTime();
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      running.add(
          threads.submit(
              () -> {
                for (int i = next.getAndIncrement();
                    i < requests.size();
                    i = next.getAndIncrement()) {
                  PutEventsResponse response = client.putEvents(requests.get(i));
                  if (response.failedEntryCount() > 0) {
                    throw new IllegalStateException("bare loop: an entry failed");
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    return (System.nanoTime() - started) / 1e9;
  }

  /** The requests the publisher would send, built in advance, with its attempt timeout. */
  private static List<PutEventsRequest> prebuilt(List<MappedEvent> events, PublisherConfig config) {
    List<PutEventsRequest> requests = new ArrayList<>();
    for (int from = 0; from < events.size(); from += PublisherConfig.MAX_ENTRIES_PER_REQUEST) {
      List<PutEventsRequestEntry> entries = new ArrayList<>();
      for (MappedEvent e :
          events.subList(
              from, Math.min(events.size(), from + PublisherConfig.MAX_ENTRIES_PER_REQUEST))) {
        entries.add(e.entry().toBuilder().eventBusName(BUS).build());
      }
      requests.add(
          PutEventsRequest.builder()
              .entries(entries)
              .overrideConfiguration(o -> o.apiCallAttemptTimeout(config.attemptTimeout()))
              .build());
    }
    return requests;
  }

  private static List<MappedEvent> map(
      FailedExecutionMapper mapper, List<FailedExecution> failures) {
    List<MappedEvent> mapped = new ArrayList<>(failures.size());
    for (FailedExecution failure : failures) {
      mapped.add(mapper.map(failure, MappingOptions.defaults()));
    }
    return mapped;
  }

  /** One entry per call, one call after another: what a connector without batching does. */
  private static double naive(
      LocalAws localAws, SdkHttpClient http, List<MappedEvent> events, Duration duration) {
    try (EventBridgeClient client = client(localAws, http)) {
      for (int i = 0; i < 500; i++) {
        send(client, events.get(i));
      }
      long started = System.nanoTime();
      long until = started + duration.toNanos();
      int sent = 0;
      while (System.nanoTime() < until) {
        send(client, events.get(sent % events.size()));
        sent++;
      }
      return sent / ((System.nanoTime() - started) / 1e9);
    }
  }

  private static void send(EventBridgeClient client, MappedEvent event) {
    var response =
        client.putEvents(b -> b.entries(event.entry().toBuilder().eventBusName(BUS).build()));
    if (response.failedEntryCount() > 0) {
      throw new IllegalStateException(
          "baseline entry failed: " + response.entries().get(0).errorCode());
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /**
   * {@code HTTP_CLIENT=crt} measures the AWS CRT client; the default is url-connection, as in
   * production.
   */
  private static SdkHttpClient httpClient() {
    return "crt".equals(HTTP_CLIENT)
        ? AwsCrtHttpClient.builder().maxConcurrency(16).build()
        : UrlConnectionHttpClient.create();
  }

  private static EventBridgeClient client(LocalAws localAws, SdkHttpClient http) {
    return EventBridgeClient.builder()
        .endpointOverride(localAws.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(KEYS))
        .httpClient(http)
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  private static Deadline deadline() {
    return Deadline.after(Duration.ofMinutes(10), Clock.systemUTC());
  }

  /** Realistic failures (a failed step with an HTTP error), each mapping to ~700 bytes. */
  private static List<FailedExecution> failures(int count) {
    List<FailedExecution> failures = new ArrayList<>(count);
    Instant finished = Instant.parse("2026-11-23T10:00:00Z");
    for (int i = 0; i < count; i++) {
      failures.add(
          new FailedExecution(
              Platform.DIFY,
              "bench-tenant",
              "bench-connection",
              new FailedExecution.Workflow("wf-" + (i % 100), "Nightly CRM sync", null),
              new FailedExecution.Execution(
                  "run-" + i,
                  "failed",
                  Outcome.FAILED,
                  "schedule",
                  finished.minusSeconds(2),
                  finished,
                  2000L,
                  null),
              new FailedExecution.RunError(
                  "Node 'Fetch orders' failed: HTTP 502 from upstream", null),
              List.of(
                  new FailedExecution.FailedStep(
                      "node-3",
                      "Fetch orders",
                      "http-request",
                      "HTTP 502 Bad Gateway",
                      null,
                      502,
                      null,
                      null)),
              new FailedExecution.Delivery(DeliveryPath.POLL, finished.plusSeconds(5)),
              null));
    }
    return failures;
  }
}
