package dev.errorbridge.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts requests in flight and turns new ones away once shutdown began: they get 503 with {@code
 * Connection: close} and {@code Retry-After}, so a webhook sender retries (against another
 * instance, or this one after its restart) while requests already inside finish.
 */
public final class RequestGate {
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final Object lock = new Object();
  private int inFlight; // guarded by lock

  /** Wraps a handler so that it is counted and refused after {@link #close()}. */
  Handler guard(Handler handler) {
    return ctx -> {
      if (!enter()) {
        refuse(ctx);
        return;
      }
      try {
        handler.handle(ctx);
      } finally {
        leave();
      }
    };
  }

  private boolean enter() {
    synchronized (lock) {
      if (!open.get()) {
        return false;
      }
      inFlight++;
      return true;
    }
  }

  private void leave() {
    synchronized (lock) {
      inFlight--;
      lock.notifyAll();
    }
  }

  private static void refuse(Context ctx) {
    ctx.header("Connection", "close");
    ctx.header("Retry-After", "5");
    Problems.write(ctx, 503, "ShuttingDown", "the server is shutting down; retry shortly");
  }

  /** Stops admitting requests. */
  public void close() {
    open.set(false);
  }

  /** Whether requests are still admitted. */
  public boolean isOpen() {
    return open.get();
  }

  /** Requests being handled now. */
  public int inFlight() {
    synchronized (lock) {
      return inFlight;
    }
  }

  /**
   * Waits until no request is in flight, at most {@code timeout}.
   *
   * @return whether all finished in time
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }
}
