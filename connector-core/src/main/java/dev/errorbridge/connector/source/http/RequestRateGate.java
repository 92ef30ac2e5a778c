package dev.errorbridge.connector.source.http;

import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.connector.time.Sleeper;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps a client inside a fixed-window request budget (Trigify: 100 requests per 60 s per key). Two
 * views are combined: our own count of this connection's share, and what the server's {@code
 * RateLimit-Remaining} / {@code RateLimit-Reset} headers (or their {@code X-RateLimit-*} forms)
 * last said, which also counts other users of the same key. A request waits until both allow it.
 *
 * <p>Waiting goes through the injected {@link Sleeper} and {@link Clock}, never a sleep of its own,
 * so tests run at once. resilience4j's {@code RateLimiter} is not used because it reads {@code
 * System.nanoTime} and parks the thread itself, and cannot follow the server's headers.
 */
public final class RequestRateGate {
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Sleeper sleeper;

  private Instant windowEnd;
  private int remaining;
  private Integer serverRemaining;
  private Instant serverResetAt;

  /**
   * @param limit requests allowed per window
   * @param window the window's length
   */
  public RequestRateGate(int limit, Duration window, Clock clock, Sleeper sleeper) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    this.limit = limit;
    this.window = window;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Takes one request from the budget, first waiting (through the sleeper) for the window to reset
   * when it is spent.
   *
   * @return {@code false}, without waiting, when the wait would end after {@code deadline}
   */
  public synchronized boolean acquire(Deadline deadline) throws InterruptedException {
    // A few rounds at most: a clock that does not move while "sleeping" must not spin forever.
    for (int round = 0; round < 3; round++) {
      Instant now = clock.instant();
      Instant allowedAt = allowedAt(now);
      if (!allowedAt.isAfter(now)) {
        break;
      }
      if (allowedAt.isAfter(deadline.instant())) {
        return false;
      }
      sleeper.sleep(Duration.between(now, allowedAt));
    }
    remaining--;
    if (serverRemaining != null) {
      serverRemaining--;
    }
    return true;
  }

  /** Reads the server's view of the budget from a response's headers. */
  public synchronized void observe(HttpHeaders headers) {
    Integer left =
        intHeader(headers, "RateLimit-Remaining")
            .orElse(intHeader(headers, "X-RateLimit-Remaining").orElse(null));
    if (left == null) {
      return;
    }
    Instant now = clock.instant();
    Integer resetSeconds = intHeader(headers, "RateLimit-Reset").orElse(null);
    serverRemaining = Math.max(0, left);
    serverResetAt = now.plus(resetSeconds == null ? window : Duration.ofSeconds(resetSeconds));
  }

  /** After a 429: no request until {@code wait} has passed, whatever the counts say. */
  public synchronized void pauseFor(Duration wait) {
    Instant until = clock.instant().plus(wait);
    serverRemaining = 0;
    serverResetAt = serverResetAt == null || serverResetAt.isBefore(until) ? until : serverResetAt;
  }

  private Instant allowedAt(Instant now) {
    if (windowEnd == null || !now.isBefore(windowEnd)) {
      windowEnd = now.plus(window);
      remaining = limit;
    }
    if (serverResetAt != null && !now.isBefore(serverResetAt)) {
      serverRemaining = null;
      serverResetAt = null;
    }
    Instant allowed = remaining > 0 ? now : windowEnd;
    if (serverRemaining != null && serverRemaining <= 0 && serverResetAt.isAfter(allowed)) {
      allowed = serverResetAt;
    }
    return allowed;
  }

  private static Optional<Integer> intHeader(HttpHeaders headers, String name) {
    return RetryAfter.header(headers, name)
        .flatMap(
            value -> {
              try {
                return Optional.of(Integer.parseInt(value));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }
}
