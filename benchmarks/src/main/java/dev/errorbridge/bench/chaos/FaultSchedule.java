package dev.errorbridge.bench.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Injects faults through local-aws's control API ({@code POST /_localaws/faults}), one set per
 * tick, cycling through throttling, 5xx, dropped connections, latency, retryable per-entry errors
 * and a KMS {@code Decrypt} throttle; {@link #holdPutEvents} is the kill's instant: a latency fault
 * that keeps {@code PutEvents} calls in flight.
 */
final class FaultSchedule implements AutoCloseable {
  /** What each tick injects, in turn (local-aws's fault JSON). */
  static final List<String> CYCLE =
      List.of(
          "{\"operation\":\"PutEvents\",\"kind\":\"THROTTLE\",\"times\":4}",
          "{\"operation\":\"PutEvents\",\"kind\":\"HTTP_STATUS\",\"httpStatus\":503,\"times\":3}",
          "{\"operation\":\"PutEvents\",\"kind\":\"DROP_CONNECTION\",\"times\":2}",
          "{\"operation\":\"PutEvents\",\"kind\":\"LATENCY\",\"latencyMs\":1500,\"times\":3}",
          "{\"operation\":\"PutEvents\",\"kind\":\"ENTRY_ERROR\",\"errorCode\":\"ThrottlingException\","
              + "\"entries\":[0,3],\"times\":4}",
          "{\"operation\":\"PutEvents\",\"kind\":\"ENTRY_ERROR\",\"errorCode\":\"InternalFailure\","
              + "\"entries\":[1],\"times\":3}",
          "{\"operation\":\"PutEvents\",\"kind\":\"HTTP_STATUS\",\"httpStatus\":500,\"times\":3}",
          "{\"operation\":\"Decrypt\",\"kind\":\"THROTTLE\",\"times\":3}");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI faults;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ScheduledExecutorService ticks =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "fault-schedule");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean paused = new AtomicBoolean();
  private final AtomicInteger injected = new AtomicInteger();
  private int next;

  FaultSchedule(URI localAws, Duration period) {
    this.faults = localAws.resolve("/_localaws/faults");
    ticks.scheduleWithFixedDelay(
        this::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    if (paused.get()) {
      return;
    }
    post(CYCLE.get(next++ % CYCLE.size()));
    injected.incrementAndGet();
  }

  /** Stops injecting and clears what is pending. */
  void pause() {
    paused.set(true);
    send(HttpRequest.newBuilder(faults).DELETE().build());
  }

  void resume() {
    paused.set(false);
  }

  /** Holds the next {@code calls} {@code PutEvents} calls for {@code latency}. */
  void holdPutEvents(Duration latency, int calls) {
    post(
        "{\"operation\":\"PutEvents\",\"kind\":\"LATENCY\",\"latencyMs\":"
            + latency.toMillis()
            + ",\"times\":"
            + calls
            + "}");
  }

  /** Whether any injected fault is still to fire. */
  boolean pending() {
    try {
      return !JSON.readTree(send(HttpRequest.newBuilder(faults).GET().build()))
          .path("faults")
          .isEmpty();
    } catch (IOException e) {
      throw new IllegalStateException("control API answered something unreadable", e);
    }
  }

  int injected() {
    return injected.get();
  }

  private void post(String fault) {
    send(
        HttpRequest.newBuilder(faults)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(fault))
            .build());
  }

  private String send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "control API: " + response.statusCode() + " " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("control API unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    ticks.shutdownNow();
    pause();
  }
}
