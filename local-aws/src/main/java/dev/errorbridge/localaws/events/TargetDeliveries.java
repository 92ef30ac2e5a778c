package dev.errorbridge.localaws.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers matched events: every delivery is recorded (readable by tests and the control API), and
 * HTTP targets are also POSTed the envelope, off the request thread so a slow receiver never slows
 * PutEvents.
 */
public final class TargetDeliveries implements AutoCloseable {
  /**
   * Recorded deliveries kept per target; the oldest are dropped first, so a long benchmark cannot
   * OOM.
   */
  public static final int MAX_RECORDED_PER_TARGET = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(TargetDeliveries.class);

  private final Clock clock;
  private final Map<String, Deque<DeliveredEvent>> byTarget = new ConcurrentHashMap<>();
  private final ExecutorService httpSender =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "local-aws-http-targets");
            thread.setDaemon(true);
            return thread;
          });
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public TargetDeliveries(Clock clock) {
    this.clock = clock;
  }

  void deliver(EventRule rule, EventTarget target, String envelope) {
    DeliveredEvent delivered =
        new DeliveredEvent(target.arn(), rule.arn(), target.id(), envelope, clock.instant());
    Deque<DeliveredEvent> recorded =
        byTarget.computeIfAbsent(target.arn(), arn -> new ArrayDeque<>());
    synchronized (recorded) {
      if (recorded.size() == MAX_RECORDED_PER_TARGET) {
        recorded.removeFirst();
      }
      recorded.addLast(delivered);
    }
    if (target.isHttp()) {
      httpSender.execute(() -> post(target, envelope));
    }
  }

  private void post(EventTarget target, String envelope) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(target.arn()))
              .timeout(Duration.ofSeconds(5))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(envelope))
              .build();
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() >= 300) {
        LOG.warn("HTTP target answered {} target={}", response.statusCode(), target.arn());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // EventBridge drops (or dead-letters) what a target refuses; local-aws logs it and moves on.
      LOG.warn("HTTP target unreachable target={} error={}", target.arn(), e.toString());
    }
  }

  /** What was delivered to the target with this ARN (or URL), oldest first. */
  public List<DeliveredEvent> forTarget(String targetArn) {
    Deque<DeliveredEvent> recorded = byTarget.get(targetArn);
    if (recorded == null) {
      return List.of();
    }
    synchronized (recorded) {
      return new ArrayList<>(recorded);
    }
  }

  /** Every recorded delivery, grouped by target. */
  public List<DeliveredEvent> all() {
    List<DeliveredEvent> all = new ArrayList<>();
    byTarget.keySet().forEach(arn -> all.addAll(forTarget(arn)));
    return all;
  }

  /** Forgets every recorded delivery. */
  public void clear() {
    byTarget.clear();
  }

  @Override
  public void close() {
    httpSender.shutdownNow();
  }
}
