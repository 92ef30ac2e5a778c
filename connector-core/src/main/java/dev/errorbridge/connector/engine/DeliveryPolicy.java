package dev.errorbridge.connector.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long delivery remembers a failure, and how long a claimed one waits for its publisher.
 *
 * @param dedupTtl how long an event's record outlives its latest write; must exceed the pollers'
 *     lookback plus the retry horizon of parked events, so no overlap or retry can publish it twice
 * @param lease how long after its publish deadline a claimed event waits in the outbox before the
 *     retry drain takes it over: it covers the claimant's settle (the background bookkeeping) and a
 *     process dying between the claim and the settle costs this much delay, never the event
 */
public record DeliveryPolicy(Duration dedupTtl, Duration lease) {
  /** The default {@link #lease()}. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(1);

  public DeliveryPolicy {
    List<String> problems = new ArrayList<>();
    if (dedupTtl == null || dedupTtl.compareTo(Duration.ofHours(1)) < 0) {
      problems.add("dedupTtl must be at least 1 hour (lookback + retry horizon); default 7 days");
    }
    if (lease == null || lease.isNegative() || lease.isZero()) {
      problems.add("lease must be positive; default " + DEFAULT_LEASE);
    } else if (dedupTtl != null && lease.compareTo(dedupTtl) >= 0) {
      problems.add("lease must be shorter than dedupTtl");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid delivery policy: " + String.join("; ", problems));
    }
  }

  /** 7 days of dedup, a 1-minute lease. */
  public static DeliveryPolicy defaults() {
    return new DeliveryPolicy(Duration.ofDays(7), DEFAULT_LEASE);
  }

  /** The same policy with another {@link #lease()}. */
  public DeliveryPolicy withLease(Duration value) {
    return new DeliveryPolicy(dedupTtl, value);
  }
}
