package dev.errorbridge.bench;

import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.publish.DefaultEventBridgeClientFactory;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.store.dynamodb.DynamoDbConnectionStore;
import dev.errorbridge.connector.store.dynamodb.DynamoDbOutbox;
import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Webhook latency through the standalone server on embedded defaults, against its own floor
 * measured in the same run. Sequential signed Runflow webhooks on one keep-alive connection (send
 * to 202 received), spread round-robin over 4 connections so that each stays under the intake's
 * per-connection rate limit. Interleaved with each webhook, the three calls its answer waits on are
 * made directly on the same DynamoDB Local and local-aws, through Errorbridge's own store classes
 * and client configuration: the connection read ({@code GetItem}), the claim ({@code
 * TransactWriteItems} of the record and the outbox entry) and one {@code PutEvents}. The overhead
 * ratio is the webhook's p99 over the sum of the three calls' p99s.
 *
 * <p>Usage: {@code WebhookLatency <serverUrl> <operatorTokenFile> <dynamoDbUrl> <awsUrl> <warmup>
 * <requests>}.
 */
public final class WebhookLatency {
  private static final String SECRET = "whsec-benchmark-0123456789abcdef";
  private static final String ACCESS_KEY = "AKIAERRORBRIDGEDEMO1";
  private static final String SECRET_KEY = "ErrorbridgeDemoSecretKeyNotRealAWS000000";
  private static final String BUS = "errorbridge-demo";

  private WebhookLatency() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    String token = Files.readString(Path.of(args[1])).trim();
    URI dynamoDbEndpoint = URI.create(args[2]);
    URI awsEndpoint = URI.create(args[3]);
    int warmup = Integer.parseInt(args[4]);
    int requests = Integer.parseInt(args[5]);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String[] connectionIds = new String[4];
    URI[] webhooks = new URI[connectionIds.length];
    for (int c = 0; c < webhooks.length; c++) {
      connectionIds[c] = createConnection(http, base, token);
      webhooks[c] = base.resolve("/webhooks/" + connectionIds[c]);
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    try (DynamoDbClient dynamoDb =
            DynamoDbClient.builder()
                .endpointOverride(dynamoDbEndpoint)
                .region(Region.US_EAST_1)
                // DynamoDB Local keeps a table set per access key: the server's embedded one
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        EventBridgeClient events =
            new DefaultEventBridgeClientFactory()
                .create(
                    new Destination(
                        "default",
                        "bench-direct",
                        Region.US_EAST_1,
                        BUS,
                        StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                        awsEndpoint))) {
      ErrorbridgeTable table = new ErrorbridgeTable(dynamoDb, ErrorbridgeTable.DEFAULT_NAME);
      DynamoDbConnectionStore connections = new DynamoDbConnectionStore(table);
      DynamoDbOutbox outbox = new DynamoDbOutbox(table, Clock.systemUTC(), Duration.ofDays(7));
      long[] webhook = new long[requests];
      long[] read = new long[requests];
      long[] claim = new long[requests];
      long[] put = new long[requests];
      int failures = 0;
      for (int i = 0; i < warmup + requests; i++) {
        String runId = "bench-" + i + "-" + System.nanoTime();
        byte[] body = runflowFailure(runId);
        HttpRequest request =
            HttpRequest.newBuilder(webhooks[i % webhooks.length])
                .header("Content-Type", "application/json")
                .header("Runflow-Signature", HexFormat.of().formatHex(mac.doFinal(body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long webhookNanos = System.nanoTime() - start;
        if (response.statusCode() != 202 || !response.body().contains("\"accepted\"")) {
          failures++;
          if (failures <= 3) {
            System.err.println(
                "unexpected answer " + response.statusCode() + " " + response.body());
          }
        }
        // The same three calls, made directly: a read, a claim of a new event, a PutEvents.
        String connectionId = connectionIds[i % connectionIds.length];
        start = System.nanoTime();
        connections.find(connectionId).orElseThrow();
        long readNanos = System.nanoTime() - start;
        DeadLetter.Entry entry = entry(runId);
        Instant now = Instant.now();
        start = System.nanoTime();
        outbox.claim(
            List.of(
                new ParkedEvent(
                    "default",
                    "bench-direct",
                    "direct-" + runId,
                    entry,
                    0,
                    now,
                    now.plus(Duration.ofMinutes(1)))));
        long claimNanos = System.nanoTime() - start;
        start = System.nanoTime();
        events.putEvents(
            b ->
                b.entries(
                    PutEventsRequestEntry.builder()
                        .eventBusName(BUS)
                        .source(entry.source())
                        .detailType(entry.detailType())
                        .detail(entry.detail())
                        .resources(entry.resources())
                        .time(entry.time())
                        .build()));
        long putNanos = System.nanoTime() - start;
        if (i >= warmup) {
          webhook[i - warmup] = webhookNanos;
          read[i - warmup] = readNanos;
          claim[i - warmup] = claimNanos;
          put[i - warmup] = putNanos;
        }
      }
      double floorP99 = transportFloor(http, base);
      double p50 = percentile(webhook, 0.50);
      double p99 = percentile(webhook, 0.99);
      double readP99 = percentile(read, 0.99);
      double claimP99 = percentile(claim, 0.99);
      double putP99 = percentile(put, 0.99);
      double callsP99 = readP99 + claimP99 + putP99;
      System.out.printf(
          "requests=%d warmup=%d failures=%d p90_ms=%.2f max_ms=%.2f transport_floor_p99_ms=%.2f%n",
          requests,
          warmup,
          failures,
          percentile(webhook, 0.90),
          percentile(webhook, 1.0),
          floorP99);
      System.out.printf(
          "direct calls p99: connection read %.2f ms, claim transaction %.2f ms, PutEvents %.2f ms"
              + " (p50 %.2f / %.2f / %.2f ms)%n",
          readP99,
          claimP99,
          putP99,
          percentile(read, 0.50),
          percentile(claim, 0.50),
          percentile(put, 0.50));
      System.out.printf(
          "RESULT p50_ms=%.2f p99_ms=%.2f calls_p99_ms=%.2f overhead_p99_ratio=%.2f%n",
          p50, p99, callsP99, p99 / callsP99);
    }
  }

  private static String createConnection(HttpClient http, URI base, String token) throws Exception {
    String connection =
        """
        {"name":"bench","enabled":true,"source":{"platform":"runflow"},"webhook":{"secret":"%s"},
         "destination":{"region":"us-east-1","eventBus":"%s","auth":{"mode":"ACCESS_KEYS",
         "accessKeyId":"%s","secretAccessKey":"%s"}}}
        """
            .formatted(SECRET, BUS, ACCESS_KEY, SECRET_KEY);
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(base.resolve("/connections"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(connection))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IllegalStateException("create failed: " + created.body());
    }
    return created.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
  }

  private static byte[] runflowFailure(String runId) {
    return ("{\"event\":\"run.failed\",\"run_id\":\""
            + runId
            + "\",\"status\":\"failed\",\"output\":{\"code\":\"NODE_FAILED\",\"message\":\"Node"
            + " 'Upscale' failed: worker out of memory\"},\"duration_ms\":88012,\"created_at\":"
            + "\"2026-02-03T09:05:12+00:00\",\"completed_at\":\"2026-02-03T09:06:40+00:00\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** An entry the size of the webhook's (~700 bytes of detail). */
  private static DeadLetter.Entry entry(String runId) {
    String detail =
        "{\"schemaVersion\":\"1\",\"eventId\":\"direct-"
            + runId
            + "\",\"platform\":\"runflow\",\"tenantId\":\"default\",\"connectionId\":\"bench-direct\","
            + "\"outcome\":\"FAILED\",\"workflow\":{\"id\":\"unknown\"},\"execution\":{\"id\":\""
            + runId
            + "\",\"status\":\"failed\",\"startedAt\":\"2026-02-03T09:05:12Z\",\"finishedAt\":"
            + "\"2026-02-03T09:06:40Z\",\"durationMs\":88012},\"error\":{\"message\":\"Node 'Upscale'"
            + " failed: worker out of memory\",\"code\":\"NODE_FAILED\"},\"failedSteps\":[],"
            + "\"delivery\":{\"path\":\"WEBHOOK\",\"detectedAt\":\"2026-02-03T09:06:41Z\"},"
            + "\"truncated\":false}";
    return new DeadLetter.Entry(
        "errorbridge.runflow",
        "Workflow Execution Failed",
        detail,
        List.of("errorbridge:runflow:execution/" + runId),
        Instant.parse("2026-02-03T09:06:40Z"));
  }

  /**
   * The transport's own floor: a webhook for an id the intake refuses before any lookup (one
   * starting with '-', outside the id pattern) is read, routed and answered without DynamoDB.
   */
  private static double transportFloor(HttpClient http, URI base) throws Exception {
    URI floorUri = base.resolve("/webhooks/-floor");
    long[] floor = new long[1000];
    for (int i = 0; i < 2000; i++) {
      HttpRequest request =
          HttpRequest.newBuilder(floorUri)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"run.failed\"}"))
              .build();
      long start = System.nanoTime();
      http.send(request, HttpResponse.BodyHandlers.ofString());
      if (i >= 1000) {
        floor[i - 1000] = System.nanoTime() - start;
      }
    }
    return percentile(floor, 0.99);
  }

  private static double percentile(long[] nanos, double p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = Math.max(0, (int) Math.ceil(p * sorted.length) - 1);
    return sorted[index] / 1e6;
  }
}
