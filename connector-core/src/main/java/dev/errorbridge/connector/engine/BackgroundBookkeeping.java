package dev.errorbridge.connector.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ConnectionDelivery}'s bookkeeping after a publish (the dedup claim made a 7-day
 * record, the health counters) on one background thread, so a webhook is answered as soon as its
 * event is on the bus: two store writes fewer on the request path. For a long-lived process (the
 * standalone server), not a Lambda function, whose sandbox freezes between invocations.
 *
 * <p>One thread keeps a connection's health updates in order. When {@code capacity} tasks are
 * waiting, or after {@link #close()}, the caller runs the next one itself, which slows intake to
 * the store's pace instead of growing the queue. A task lost in a crash costs nothing that matters:
 * the claim lapses after its lease (a re-read may then publish the event once more) and counters
 * are informational.
 */
public final class BackgroundBookkeeping implements Executor, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundBookkeeping.class);

  /** Tasks waiting before callers run their own. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private final ThreadPoolExecutor executor;
  private final Duration drainTimeout;

  /** {@link #DEFAULT_CAPACITY} waiting tasks; {@link #close()} waits up to 10 s for them. */
  public BackgroundBookkeeping() {
    this(DEFAULT_CAPACITY, Duration.ofSeconds(10));
  }

  /**
   * @param capacity how many tasks may wait before callers run their own
   * @param drainTimeout how long {@link #close()} waits for waiting tasks
   */
  public BackgroundBookkeeping(int capacity, Duration drainTimeout) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.drainTimeout = drainTimeout;
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(capacity),
            runnable -> {
              Thread thread = new Thread(runnable, "errorbridge-bookkeeping");
              thread.setDaemon(true);
              return thread;
            },
            // Full, or closing: the caller runs the task (CallerRunsPolicy would drop it once
            // the executor is shut down).
            (task, pool) -> task.run());
  }

  @Override
  public void execute(Runnable task) {
    executor.execute(task);
  }

  /** Tasks waiting now. */
  public int waiting() {
    return executor.getQueue().size();
  }

  /** Stops taking tasks and runs the waiting ones, up to the drain timeout. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        List<Runnable> dropped = executor.shutdownNow();
        LOG.warn(
            "bookkeeping did not finish within {}: {} dedup/health updates dropped (claims lapse"
                + " after their lease)",
            drainTimeout,
            dropped.size());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }
}
