package dev.errorbridge.connector.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long deduplication remembers a failure.
 *
 * @param dedupTtl how long a published failure's event id is remembered; must exceed the pollers'
 *     lookback plus the retry horizon of parked events, so no overlap or retry can publish it twice
 * @param claimLease how long a claim taken just before publishing holds if the process dies before
 *     the failure is settled; after it lapses the next poll (or webhook retry) publishes it
 */
public record DeliveryPolicy(Duration dedupTtl, Duration claimLease) {
  public DeliveryPolicy {
    List<String> problems = new ArrayList<>();
    if (dedupTtl == null || dedupTtl.compareTo(Duration.ofHours(1)) < 0) {
      problems.add("dedupTtl must be at least 1 hour (lookback + retry horizon); default 7 days");
    }
    if (claimLease == null || claimLease.isNegative() || claimLease.isZero()) {
      problems.add("claimLease must be positive; default 10 minutes");
    } else if (dedupTtl != null && claimLease.compareTo(dedupTtl) >= 0) {
      problems.add("claimLease must be shorter than dedupTtl");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid delivery policy: " + String.join("; ", problems));
    }
  }

  /** 7 days of dedup, 10-minute claims. */
  public static DeliveryPolicy defaults() {
    return new DeliveryPolicy(Duration.ofDays(7), Duration.ofMinutes(10));
  }
}
