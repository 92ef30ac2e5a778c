package dev.errorbridge.connector.time;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits out a backoff. Injected so that tests advance a fake clock instead of sleeping; the system
 * one parks the thread until the time has passed.
 */
@FunctionalInterface
public interface Sleeper {

  /** Parks the calling thread for {@code duration} (or until interrupted). */
  Sleeper SYSTEM =
      duration -> {
        long until = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = until - System.nanoTime()) {
          LockSupport.parkNanos(left);
          if (Thread.interrupted()) {
            throw new InterruptedException("interrupted during backoff");
          }
        }
      };

  void sleep(Duration duration) throws InterruptedException;
}
