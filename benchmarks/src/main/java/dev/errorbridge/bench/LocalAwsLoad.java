package dev.errorbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * How many {@code PutEvents} requests of 10 entries per second a running local-aws serves over
 * loopback, with every signature verified.
 *
 * <p>The requests are signed with the SDK's signer before the clock starts and replayed by a few
 * client threads over keep-alive connections, so the figure measures local-aws (SigV4 verification,
 * validation, rule matching, delivery recording) rather than the client. Signatures stay valid for
 * 15 minutes, far longer than a run. Every response is checked: a non-200 or a failed entry is
 * counted and reported.
 *
 * <p>Usage: {@code LocalAwsLoad <endpoint> <threads> <warmupSeconds> <measureSeconds>}.
 */
public final class LocalAwsLoad {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ENTRIES_PER_REQUEST = 10;
  private static final int DISTINCT_REQUESTS = 2_000;
  private static final String BUS = "bench-bus";

  private LocalAwsLoad() {}

  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(args[0]);
    int threads = Integer.parseInt(args[1]);
    Duration warmup = Duration.ofSeconds(Long.parseLong(args[2]));
    Duration measure = Duration.ofSeconds(Long.parseLong(args[3]));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    expectOk(http, sign(endpoint, "AWSEvents.CreateEventBus", "{\"Name\":\"" + BUS + "\"}"));
    expectOk(
        http,
        sign(
            endpoint,
            "AWSEvents.PutRule",
            "{\"Name\":\"failures\",\"EventBusName\":\""
                + BUS
                + "\",\"EventPattern\":\"{\\\"detail\\\":{\\\"outcome\\\":[\\\"FAILED\\\"]}}\"}"));
    expectOk(
        http,
        sign(
            endpoint,
            "AWSEvents.PutTargets",
            "{\"Rule\":\"failures\",\"EventBusName\":\""
                + BUS
                + "\",\"Targets\":[{\"Id\":\"inbox\",\"Arn\":\"arn:aws:sqs:us-east-1:000000000000:inbox\"}]}"));

    List<byte[]> requests = new ArrayList<>(DISTINCT_REQUESTS);
    for (int i = 0; i < DISTINCT_REQUESTS; i++) {
      String body = putEventsBody(i);
      requests.add(
          RawHttpConnection.serialize(
              endpoint, signedHeaders(endpoint, "AWSEvents.PutEvents", body), body));
    }

    run(requests, endpoint, threads, warmup);
    Result result = run(requests, endpoint, threads, measure);
    double seconds = measure.toNanos() / 1e9;
    double requestsPerSecond = result.ok / seconds;
    System.out.printf(
        "threads=%d measured=%ds ok_requests=%d failed_requests=%d failed_entries=%d%n",
        threads, measure.toSeconds(), result.ok, result.failedRequests, result.failedEntries);
    System.out.printf(
        "RESULT requests_per_s=%.0f entries_per_s=%.0f failed_requests=%d%n",
        requestsPerSecond, requestsPerSecond * ENTRIES_PER_REQUEST, result.failedRequests);
  }

  private record Result(long ok, long failedRequests, long failedEntries) {}

  private static Result run(List<byte[]> requests, URI endpoint, int threads, Duration duration)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong ok = new AtomicLong();
    AtomicLong failedRequests = new AtomicLong();
    AtomicLong failedEntries = new AtomicLong();
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int offset = t * (requests.size() / threads);
      Thread worker =
          new Thread(
              () -> {
                try (RawHttpConnection connection = new RawHttpConnection(endpoint)) {
                  int i = offset;
                  while (!stop.get()) {
                    RawHttpConnection.Response response =
                        connection.exchange(requests.get(i++ % requests.size()));
                    if (response.status() != 200) {
                      failedRequests.incrementAndGet();
                      continue;
                    }
                    int failed = failedEntryCount(response.body());
                    if (failed != 0) {
                      failedEntries.addAndGet(Math.abs(failed));
                    }
                    ok.incrementAndGet();
                  }
                } catch (Exception e) {
                  failedRequests.incrementAndGet();
                  System.err.println("load thread stopped: " + e);
                } finally {
                  done.countDown();
                }
              },
              "load-" + t);
      worker.start();
    }
    new CountDownLatch(1).await(duration.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    stop.set(true);
    done.await();
    return new Result(ok.get(), failedRequests.get(), failedEntries.get());
  }

  /** Reads {@code FailedEntryCount} without a full parse: it is the response's first member. */
  private static int failedEntryCount(byte[] body) {
    String prefix = new String(body, 0, Math.min(body.length, 40), StandardCharsets.UTF_8);
    int colon = prefix.indexOf(':');
    int comma = prefix.indexOf(',');
    return colon < 0 || comma < colon
        ? -1
        : Integer.parseInt(prefix.substring(colon + 1, comma).trim());
  }

  private static String putEventsBody(int seed) {
    StringBuilder body = new StringBuilder("{\"Entries\":[");
    for (int e = 0; e < ENTRIES_PER_REQUEST; e++) {
      if (e > 0) {
        body.append(',');
      }
      String detail =
          "{\"schemaVersion\":\"1\",\"eventId\":\"evt-"
              + seed
              + "-"
              + e
              + "\",\"platform\":\"dify\",\"outcome\":\""
              + (e % 2 == 0 ? "FAILED" : "STOPPED")
              + "\",\"workflow\":{\"id\":\"wf-"
              + (seed % 50)
              + "\",\"name\":\"Nightly sync\"},\"error\":{\"message\":\"HTTP 500 from https://api.example.com/v1/orders\"}}";
      body.append("{\"EventBusName\":\"")
          .append(BUS)
          .append(
              "\",\"Source\":\"errorbridge.dify\",\"DetailType\":\"Workflow Execution Failed\",\"Detail\":")
          .append(JSON.valueToTree(detail).toString())
          .append(",\"Resources\":[\"errorbridge:dify:workflow/wf-")
          .append(seed % 50)
          .append("\"]}");
    }
    return body.append("]}").toString();
  }

  private static HttpRequest sign(URI endpoint, String target, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.resolve("/"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    signedHeaders(endpoint, target, body)
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> request.header(name, v));
              }
            });
    return request.build();
  }

  private static java.util.Map<String, List<String>> signedHeaders(
      URI endpoint, String target, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint)
            .encodedPath("/")
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", target)
            .build();
    SdkHttpRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create("test", "test"))
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromByteArray(bytes))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "events")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.systemUTC()))
            .request();
    return signed.headers();
  }

  private static void expectOk(HttpClient http, HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      JsonNode error = JSON.readTree(response.body());
      throw new IllegalStateException("local-aws refused the benchmark's setup: " + error);
    }
  }
}
