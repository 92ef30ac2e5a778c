package dev.errorbridge.bench;

import dev.errorbridge.connector.deadletter.InMemoryDeadLetterStore;
import dev.errorbridge.connector.mapping.EntrySize;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.publish.Deadline;
import dev.errorbridge.connector.publish.DefaultEventBridgeClientFactory;
import dev.errorbridge.connector.publish.DefaultEventPublisher;
import dev.errorbridge.connector.publish.DefaultPutEventsErrorClassifier;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.publish.PublishReport;
import dev.errorbridge.connector.publish.PublisherConfig;
import dev.errorbridge.localaws.LocalAws;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Publisher throughput against local-aws on loopback, in one run: events/s of {@link
 * DefaultEventPublisher} draining a backlog, events/s of a naive baseline (one entry per {@code
 * PutEvents}, sequential, the same SDK client), their ratio, and the publisher's mean entries per
 * call.
 *
 * <p>Both use the real SDK (SigV4 signing, JSON marshalling, url-connection HTTP) and local-aws
 * verifies every signature, all on the same machine. Usage: {@code PublisherThroughput
 * <backlogEvents> <naiveSeconds>}.
 */
public final class PublisherThroughput {
  private static final String BUS = "bench-errors";
  private static final AwsBasicCredentials KEYS = AwsBasicCredentials.create("test", "test");
  private static final String HTTP_CLIENT =
      System.getenv().getOrDefault("HTTP_CLIENT", "urlconnection");

  private PublisherThroughput() {}

  public static void main(String[] args) {
    int backlog = Integer.parseInt(args[0]);
    Duration naiveDuration = Duration.ofSeconds(Long.parseLong(args[1]));
    try (LocalAws localAws = LocalAws.start()) {
      try (EventBridgeClient admin = client(localAws, UrlConnectionHttpClient.create())) {
        admin.createEventBus(b -> b.name(BUS));
      }
      List<MappedEvent> events = events(backlog);
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
              .maxConcurrentRequests(
                  Integer.parseInt(System.getenv().getOrDefault("CONCURRENCY", "8")))
              .build();
      SdkHttpClient http = httpClient();
      try (DefaultEventPublisher publisher =
          new DefaultEventPublisher(
              config,
              new InMemoryDeadLetterStore(),
              new DefaultEventBridgeClientFactory(http),
              new DefaultPutEventsErrorClassifier())) {
        publisher.publish(destination, events.subList(0, Math.min(20_000, backlog)), deadline());
        ThreadCpu cpu = ThreadCpu.start();
        long started = System.nanoTime();
        PublishReport report = publisher.publish(destination, events, deadline());
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> cpuMillis = cpu.millisByPrefix("errorbridge-publish", "local-aws");
        if (!report.allDelivered()) {
          throw new IllegalStateException(report.parked().size() + " events were not delivered");
        }
        double publisherRate = backlog / seconds;
        double naiveRate = naive(localAws, http, events, naiveDuration);
        System.out.printf(
            "http_client=%s publisher: %d events in %.2f s over %d calls; naive baseline measured for %d s%n",
            HTTP_CLIENT, backlog, seconds, report.requests(), naiveDuration.toSeconds());
        double calls = report.requests();
        double clientUs = cpuMillis.get("errorbridge-publish") * 1000 / calls;
        double serverUs = cpuMillis.get("local-aws") * 1000 / calls;
        double otherUs = cpuMillis.get("other") * 1000 / calls;
        int cores = Runtime.getRuntime().availableProcessors();
        // With every core busy, calls/s cannot exceed the cores' microseconds over the CPU per
        // call.
        double ceiling = cores * 1e6 / (clientUs + serverUs + otherUs) * report.entriesPerRequest();
        System.out.printf(
            "cpu per PutEvents call: publisher threads %.0f us, local-aws threads %.0f us, other"
                + " threads (GC, JIT, timers) %.0f us; %d cores busy %.0f %% of the window;"
                + " CPU-bound ceiling at this cost %.0f events/s%n",
            clientUs,
            serverUs,
            otherUs,
            cores,
            (clientUs + serverUs + otherUs) * calls / 1e6 / seconds / cores * 100,
            ceiling);
        System.out.printf(
            "RESULT events_per_s=%.0f naive_events_per_s=%.0f ratio=%.1f entries_per_call=%.2f%n",
            publisherRate, naiveRate, publisherRate / naiveRate, report.entriesPerRequest());
      }
    }
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

  /** Realistic ~600-byte failure details, as the mapper produces them. */
  private static List<MappedEvent> events(int count) {
    List<MappedEvent> events = new ArrayList<>(count);
    Instant time = Instant.parse("2026-11-23T10:00:00Z");
    for (int i = 0; i < count; i++) {
      String detail =
          "{\"schemaVersion\":\"1\",\"eventId\":\"00000000-0000-8000-8000-"
              + String.format("%012d", i)
              + "\",\"platform\":\"dify\",\"tenantId\":\"bench-tenant\",\"connectionId\":\"bench-connection\","
              + "\"outcome\":\"FAILED\",\"workflow\":{\"id\":\"wf-"
              + (i % 100)
              + "\",\"name\":\"Nightly CRM sync\"},\"execution\":{\"id\":\"run-"
              + i
              + "\",\"status\":\"failed\",\"startedAt\":\"2026-11-23T09:59:58.000Z\",\"finishedAt\":"
              + "\"2026-11-23T10:00:00.000Z\",\"durationMs\":2000},\"error\":{\"message\":\"Node 'Fetch orders'"
              + " failed: HTTP 502 from upstream\"},\"failedSteps\":[{\"id\":\"node-3\",\"name\":\"Fetch orders\","
              + "\"type\":\"http-request\",\"errorMessage\":\"HTTP 502 Bad Gateway\",\"httpStatus\":502}],"
              + "\"delivery\":{\"path\":\"poll\",\"detectedAt\":\"2026-11-23T10:00:05.000Z\"},\"truncated\":false}";
      PutEventsRequestEntry entry =
          PutEventsRequestEntry.builder()
              .source("errorbridge.dify")
              .detailType("Workflow Execution Failed")
              .detail(detail)
              .resources(
                  "errorbridge:dify:workflow/wf-" + (i % 100),
                  "errorbridge:dify:execution/run-" + i)
              .time(time)
              .build();
      events.add(new MappedEvent("evt-" + i, entry, EntrySize.of(entry), false));
    }
    return events;
  }
}
