package dev.errorbridge.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Runflow's side of the webhooks: signed {@code run.failed} callbacks from concurrent senders, each
 * sent again on a 5xx, a 429 or a connection error (jittered exponential backoff, one resilience4j
 * policy) until any other answer, as a platform does while the receiver is down or overloaded.
 */
final class WebhookSenders {
  static final String SECRET = "whsec-chaos-benchmark-0123456789abcdef";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One callback: run {@code runId} through connection {@code connectionId}. */
  record Callback(String connectionId, String runId, String eventId) {}

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final List<URI> bases;
  private final AtomicLong nextBase = new AtomicLong();
  private final Predicate<String> onBus;
  private final Retry retry;
  private final Map<String, String> finalStatus = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong falseDuplicates = new AtomicLong();

  /**
   * @param base the server's URL (the same port across the restart)
   * @param onBus whether the bus has an event id now (to catch a {@code duplicate} for an event
   *     that is not on the bus)
   */
  WebhookSenders(URI base, Predicate<String> onBus) {
    this(List.of(base), onBus);
  }

  /**
   * @param bases the servers, sent to in turn attempt by attempt (round robin, as a load balancer
   *     does): a retry after a connection error goes to the next one
   */
  WebhookSenders(List<URI> bases, Predicate<String> onBus) {
    this.bases = List.copyOf(bases);
    this.onBus = onBus;
    this.retry =
        Retry.of(
            "platform",
            RetryConfig.<Answer>custom()
                .maxAttempts(1_000)
                .intervalFunction(
                    IntervalFunction.ofExponentialRandomBackoff(
                        Duration.ofMillis(100), 1.5, 0.5, Duration.ofSeconds(2)))
                .retryOnResult(Answer::retry)
                .build());
  }

  /** An answer, or a connection error ({@code httpStatus} -1). */
  record Answer(int httpStatus, String status) {
    boolean retry() {
      return httpStatus < 0 || httpStatus == 429 || httpStatus >= 500;
    }
  }

  /**
   * Sends every callback with {@code senders} threads; {@code beforeSend} runs once per callback
   * before its first attempt (the platform lists the run from then on). Returns when all are
   * answered for good.
   */
  void sendAll(
      List<Callback> callbacks, int senders, java.util.function.Consumer<Callback> beforeSend)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    for (Callback callback : callbacks) {
      pool.execute(
          () -> {
            beforeSend.accept(callback);
            Answer answer = retry.executeSupplier(() -> send(callback));
            finalStatus.put(callback.eventId(), answer.status() == null ? "none" : answer.status());
          });
    }
    pool.shutdown();
    if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
      throw new IllegalStateException("senders still busy after an hour");
    }
  }

  private Answer send(Callback callback) {
    attempts.incrementAndGet();
    byte[] body =
        ("{\"event\":\"run.failed\",\"run_id\":\""
                + callback.runId()
                + "\",\"status\":\"failed\",\"output\":{\"code\":\"NODE_FAILED\",\"message\":"
                + "\"Node 'Upscale' failed: out of memory\"},\"duration_ms\":88012,"
                + "\"completed_at\":\"2026-02-03T09:06:40+00:00\"}")
            .getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(
                bases
                    .get((int) (nextBase.getAndIncrement() % bases.size()))
                    .resolve("/webhooks/" + callback.connectionId()))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Runflow-Signature", sign(body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    Answer answer;
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
      answer =
          new Answer(
              response.statusCode(),
              json.path("status").isTextual() ? json.path("status").asText() : null);
    } catch (IOException e) {
      answer = new Answer(-1, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer = new Answer(-1, null);
    }
    String key = answer.httpStatus() + (answer.status() == null ? "" : " " + answer.status());
    statuses.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    if ("duplicate".equals(answer.status()) && !onBus.test(callback.eventId())) {
      falseDuplicates.incrementAndGet();
    }
    return answer;
  }

  /** Event ids whose callback was acknowledged: a 2xx other than {@code ignored}. */
  long acknowledged() {
    return finalStatus.values().stream()
        .filter(s -> !s.equals("ignored") && !s.equals("none"))
        .count();
  }

  Map<String, String> finalStatus() {
    return Map.copyOf(finalStatus);
  }

  /** How often each answer came, over every attempt. */
  Map<String, Integer> answerCounts() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    statuses.forEach((k, v) -> counts.put(k, v.get()));
    return counts;
  }

  long attempts() {
    return attempts.get();
  }

  long falseDuplicates() {
    return falseDuplicates.get();
  }

  private static String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
