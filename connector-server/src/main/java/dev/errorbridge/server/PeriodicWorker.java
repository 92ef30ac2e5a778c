package dev.errorbridge.server;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one background task (the poll schedule, the retry drain) on its own thread, one run an
 * interval after the previous one started, or at once when that run took longer: runs never
 * overlap, and a busy worker (a long due list, a backlog of parked events) does not sit idle for an
 * interval between runs it needs back to back. A run that throws is logged and the next one still
 * happens. {@link #stop} lets the run in progress finish its batch, up to a timeout, then
 * interrupts it.
 */
final class PeriodicWorker {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicWorker.class);

  private final String name;
  private final ScheduledThreadPoolExecutor executor;
  private final AtomicReference<String> lastError = new AtomicReference<>();

  private PeriodicWorker(String name) {
    this.name = name;
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "errorbridge-" + name);
              thread.setDaemon(true);
              return thread;
            });
    // Stopping must not wait out the next run's delay.
    this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /**
   * Starts running {@code task} every {@code interval} (start to start), the first time after
   * {@code delay}.
   */
  static PeriodicWorker start(String name, Duration delay, Duration interval, Runnable task) {
    PeriodicWorker worker = new PeriodicWorker(name);
    worker.schedule(worker.guarded(task), delay.toNanos(), interval.toNanos());
    LOG.info("worker started worker={} intervalMs={}", name, interval.toMillis());
    return worker;
  }

  private void schedule(Runnable run, long delayNanos, long intervalNanos) {
    try {
      executor.schedule(
          () -> {
            long started = System.nanoTime();
            run.run();
            long elapsed = System.nanoTime() - started;
            schedule(run, nextDelayNanos(intervalNanos, elapsed), intervalNanos);
          },
          delayNanos,
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException stopped) {
      // stop() shut the executor down while a run was in progress: no next run.
    }
  }

  /**
   * What is left of the interval after a run that took {@code elapsedNanos}; none if it overran.
   */
  static long nextDelayNanos(long intervalNanos, long elapsedNanos) {
    return Math.max(0, intervalNanos - elapsedNanos);
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
