package dev.errorbridge.server;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one background task (the poll schedule, the retry drain) on its own thread at a fixed delay.
 * A run that throws is logged and the next one still happens. {@link #stop} lets the run in
 * progress finish its batch, up to a timeout, then interrupts it.
 */
final class PeriodicWorker {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicWorker.class);

  private final String name;
  private final ScheduledExecutorService executor;
  private final AtomicReference<String> lastError = new AtomicReference<>();

  private PeriodicWorker(String name) {
    this.name = name;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "errorbridge-" + name);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts running {@code task} every {@code interval}, the first time after {@code delay}. */
  static PeriodicWorker start(String name, Duration delay, Duration interval, Runnable task) {
    PeriodicWorker worker = new PeriodicWorker(name);
    worker.executor.scheduleWithFixedDelay(
        worker.guarded(task), delay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("worker started worker={} intervalMs={}", name, interval.toMillis());
    return worker;
  }

  private Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
        lastError.set(null);
      } catch (RuntimeException e) {
        lastError.set(e.getClass().getSimpleName());
        LOG.warn("worker run failed worker={}", name, e);
      }
    };
  }

  String name() {
    return name;
  }

  /** Whether it still runs (not stopped), and the last run's failure if it failed. */
  boolean running() {
    return !executor.isShutdown();
  }

  String lastError() {
    return lastError.get();
  }

  /**
   * Stops scheduling runs and waits up to {@code timeout} for the current one.
   *
   * @return whether it finished in time
   */
  boolean stop(Duration timeout) throws InterruptedException {
    executor.shutdown();
    boolean finished = executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      LOG.warn("worker did not finish in time worker={} timeoutMs={}", name, timeout.toMillis());
      executor.shutdownNow();
    }
    return finished;
  }
}
