package dev.errorbridge.server.crash;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Runflow as a platform behaves towards a webhook receiver: a signed {@code run.failed} callback
 * per run ({@code Runflow-Signature}: hex HMAC-SHA256 of the raw body), sent again on a 5xx, a 429
 * or a connection error until it gets any other answer. Every answer is kept, and each {@code
 * duplicate} answer is checked at once against the bus: Errorbridge may only say {@code duplicate}
 * for an event the bus already has.
 */
final class RunflowPlatform {
  static final String SECRET = "whsec-crash-harness-0123456789abcdef";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final ToLongFunction<String> timesOnBus;
  private final Map<String, Answer> acknowledged = new ConcurrentHashMap<>();
  private final List<String> falseDuplicates = new ArrayList<>(); // guarded by itself

  /**
   * @param timesOnBus how many times the bus has delivered an event id so far
   */
  RunflowPlatform(ToLongFunction<String> timesOnBus) {
    this.timesOnBus = timesOnBus;
  }

  /**
   * What one attempt got back.
   *
   * @param httpStatus the status, or -1 when the connection failed (no answer)
   * @param status the JSON {@code status} ({@code accepted}, {@code duplicate}, …), or {@code null}
   * @param eventId the JSON {@code eventId}, or {@code null}
   * @param body the raw body, or the connection error
   */
  record Answer(int httpStatus, String status, String eventId, String body) {
    /** Whether a platform would send the same callback again. */
    boolean retry() {
      return httpStatus < 0 || httpStatus == 429 || httpStatus >= 500;
    }

    /** A 2xx saying the event is delivered, kept, or known: anything but {@code ignored}. */
    boolean acknowledged() {
      return httpStatus >= 200 && httpStatus < 300 && !"ignored".equals(status);
    }
  }

  /** The signed {@code run.failed} callback of {@code runId}. */
  static String body(String runId) {
    return """
        {"event": "run.failed", "run_id": "%s", "status": "failed",
         "output": {"code": "NODE_FAILED", "message": "Node 'Upscale' failed: out of memory"},
         "duration_ms": 88012, "created_at": "2026-02-03T09:05:12+00:00",
         "completed_at": "2026-02-03T09:06:40+00:00"}
        """
        .formatted(runId);
  }

  /** One attempt, not waited for: a crash point may hold it until the server is killed. */
  CompletableFuture<Answer> sendAsync(URI server, String connectionId, String runId) {
    return http.sendAsync(
            request(server, connectionId, runId), HttpResponse.BodyHandlers.ofString())
        .handle((response, error) -> answer(response, error));
  }

  /** One attempt. */
  Answer send(URI server, String connectionId, String runId) {
    return sendAsync(server, connectionId, runId).join();
  }

  /**
   * Sends until an answer that ends the platform's retries, as a platform does: every 5xx, 429 or
   * connection error is followed by another attempt (polled, not slept, up to {@code within}).
   *
   * @return the final answer
   */
  Answer deliver(URI server, String connectionId, String runId, Duration within) {
    AtomicReference<Answer> last = new AtomicReference<>();
    await("the platform's retries of " + runId)
        .atMost(within)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              last.set(send(server, connectionId, runId));
              return !last.get().retry();
            });
    return last.get();
  }

  /** The answers that ended a callback's retries with an acknowledgement, by run id. */
  Map<String, Answer> acknowledged() {
    return Map.copyOf(acknowledged);
  }

  /** {@code duplicate} answers given while the bus did not have the event (should be none). */
  List<String> falseDuplicates() {
    synchronized (falseDuplicates) {
      return List.copyOf(falseDuplicates);
    }
  }

  private HttpRequest request(URI server, String connectionId, String runId) {
    byte[] bytes = body(runId).getBytes(StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(server.resolve("/webhooks/" + connectionId))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("Runflow-Signature", hmacHex(bytes))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
        .build();
  }

  private Answer answer(HttpResponse<String> response, Throwable error) {
    if (response == null) {
      return new Answer(-1, null, null, String.valueOf(error));
    }
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      json = JSON.createObjectNode();
    }
    String status = json.path("status").isTextual() ? json.path("status").asText() : null;
    String eventId = json.path("eventId").isTextual() ? json.path("eventId").asText() : null;
    Answer answer = new Answer(response.statusCode(), status, eventId, response.body());
    if ("duplicate".equals(status) && eventId != null && timesOnBus.applyAsLong(eventId) == 0) {
      synchronized (falseDuplicates) {
        falseDuplicates.add(eventId);
      }
    }
    if (answer.acknowledged() && eventId != null) {
      acknowledged.put(eventId, answer);
    }
    return answer;
  }

  private static String hmacHex(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
