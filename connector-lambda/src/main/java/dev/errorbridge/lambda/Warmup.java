package dev.errorbridge.lambda;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs priming steps (see {@link Primers}: no I/O, no credentials, no secrets) on a background
 * thread during a cold start's init, while the handler's main thread builds the object graph: the
 * classes the first request needs (SDK pipelines, Jackson, the mapper) are then loaded by the time
 * it arrives. It pays where a second core is free (this project's build machine; Lambda from 1,769
 * MB, which gives one full vCPU and shows two); on a fraction of one vCPU the work is the same
 * class loading the first request would do anyway, plus a few throwaway client builds.
 */
final class Warmup {
  private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

  private final Thread thread;

  private Warmup(Thread thread) {
    this.thread = thread;
  }

  /**
   * Starts the steps on a daemon thread named {@code errorbridge-warmup-<handler>}, unless the
   * environment sets {@value LambdaEnvironment#INIT_WARMUP} to {@code false}.
   */
  static Warmup start(LambdaEnvironment environment, String handler, List<Runnable> steps) {
    return environment.initWarmup() ? start(handler, steps) : none();
  }

  /** Starts the steps on a daemon thread named {@code errorbridge-warmup-<handler>}. */
  static Warmup start(String handler, List<Runnable> steps) {
    List<Runnable> copy = List.copyOf(steps);
    Thread thread =
        new Thread(
            () -> {
              long start = System.nanoTime();
              for (Runnable step : copy) {
                try {
                  step.run();
                } catch (RuntimeException e) {
                  LOG.debug("warm-up step failed handler={}", handler, e);
                }
              }
              LOG.debug(
                  "warm-up done handler={} ms={}",
                  handler,
                  (System.nanoTime() - start) / 1_000_000);
            },
            "errorbridge-warmup-" + handler);
    thread.setDaemon(true);
    thread.start();
    return new Warmup(thread);
  }

  /** A warm-up that has nothing to do (handlers built with injected components in tests). */
  static Warmup none() {
    return new Warmup(null);
  }

  /** Waits for the steps to finish (e.g. before a SnapStart snapshot), at most 10 s. */
  void awaitDone() {
    if (thread == null) {
      return;
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
