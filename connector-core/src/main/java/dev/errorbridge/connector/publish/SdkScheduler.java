package dev.errorbridge.connector.publish;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one scheduler every AWS SDK client Errorbridge builds per connection shares. Left alone, the
 * SDK gives each client its own five-thread {@code sdk-ScheduledExecutor} pool (for its timeouts):
 * a process serving a thousand connections would start thousands of idle threads. The SDK does not
 * shut down a scheduler it was given, so closing a connection's client leaves this one running; its
 * daemon threads never keep the JVM alive.
 */
public final class SdkScheduler {
  private static final int THREADS = 2;

  private SdkScheduler() {}

  /** The process-wide scheduler, started on first use. */
  public static ScheduledExecutorService shared() {
    return Holder.SCHEDULER;
  }

  private static final class Holder {
    static final ScheduledExecutorService SCHEDULER =
        Executors.newScheduledThreadPool(THREADS, daemonThreads());

    private static java.util.concurrent.ThreadFactory daemonThreads() {
      AtomicInteger count = new AtomicInteger();
      return runnable -> {
        Thread thread =
            new Thread(runnable, "errorbridge-sdk-scheduler-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      };
    }
  }
}
