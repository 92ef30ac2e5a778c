package dev.errorbridge.connector.runtime;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads on which a long-lived process lets a webhook's publish finish after the webhook was
 * answered ({@code ConnectionDelivery(Parts, Executor)}). Bounded, with no queue: when every thread
 * is busy the webhook's own thread publishes, which slows answers to the bus's pace rather than
 * piling work up.
 */
final class BackgroundPublishing {
  /** How long a webhook's publish may go on after its 3-second answer. */
  static final Duration WEBHOOK_PUBLISH_WINDOW = Duration.ofSeconds(20);

  /** Publishes running at once at most; each mostly waits on EventBridge. */
  static final int MAX_THREADS = 32;

  /** How long {@link #finish} waits for publishes in flight. */
  static final Duration FINISH_TIMEOUT = WEBHOOK_PUBLISH_WINDOW;

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundPublishing.class);

  private BackgroundPublishing() {}

  static ExecutorService create() {
    AtomicInteger number = new AtomicInteger();
    return new ThreadPoolExecutor(
        0,
        MAX_THREADS,
        60,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        runnable -> {
          Thread thread =
              new Thread(runnable, "errorbridge-webhook-publish-" + number.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        },
        new ThreadPoolExecutor.AbortPolicy());
  }

  /** Takes no more work and waits for the publishes in flight, so that their attempts finish. */
  static void finish(ExecutorService executor) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(FINISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "webhook publishes still running after {}; their events stay in the outbox and the"
                + " retry worker sends them",
            FINISH_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
