package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.webhook.spi.ReplayGuard;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link ReplayGuard} in this process's memory: for tests, the standalone server with one
 * instance, and a Lambda until the DynamoDB guard exists (a Lambda's memory covers one container,
 * so replays to another container pass). Expired keys are dropped when the guard fills up; if it is
 * still full of live keys, new requests are refused (fail closed) until some expire.
 */
public final class InMemoryReplayGuard implements ReplayGuard {
  /** At the default 50 requests/s per connection and 5 minutes' tolerance: 6 connections' worth. */
  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  private final Map<Entry, Instant> seen = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int maxEntries;

  public InMemoryReplayGuard(Clock clock) {
    this(clock, DEFAULT_MAX_ENTRIES);
  }

  public InMemoryReplayGuard(Clock clock, int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1");
    }
    this.clock = clock;
    this.maxEntries = maxEntries;
  }

  @Override
  public boolean firstSeen(String connectionId, String key, Instant expiresAt) {
    Instant now = clock.instant();
    if (seen.size() >= maxEntries) {
      seen.values().removeIf(expiry -> !expiry.isAfter(now));
      if (seen.size() >= maxEntries) {
        return false;
      }
    }
    AtomicBoolean first = new AtomicBoolean();
    seen.compute(
        new Entry(connectionId, key),
        (entry, expiry) -> {
          if (expiry != null && expiry.isAfter(now)) {
            return expiry;
          }
          first.set(true);
          return expiresAt;
        });
    return first.get();
  }

  /** How many keys are held, expired or not. */
  public int size() {
    return seen.size();
  }

  private record Entry(String connectionId, String key) {}
}
