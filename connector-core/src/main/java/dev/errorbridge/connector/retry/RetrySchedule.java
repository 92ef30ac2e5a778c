package dev.errorbridge.connector.retry;

import dev.errorbridge.connector.store.ParkedEvent;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When parked events are tried again and when they are given up: one resilience4j exponential
 * backoff with jitter ({@code initial × multiplier^(n-1)}, randomised by ±jitter, capped), plus a
 * limit on attempts and on age. Immutable; {@link #builder()} reports every invalid setting at
 * once.
 *
 * <p>Times are computed from the {@code now} the caller passes, never read from a clock here, and
 * nothing sleeps: a parked event simply comes due again at its next attempt time.
 *
 * <pre>{@code
 * RetrySchedule schedule = RetrySchedule.defaults();
 * Instant next = schedule.nextAttemptAt(now, event.attempts() + 1);
 * if (schedule.exhausted(event, now)) { ... dead-letter it ... }
 * }</pre>
 */
public final class RetrySchedule {
  /** Short enough that a brief throttling spell clears quickly, long enough not to add to it. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(30);

  public static final double DEFAULT_MULTIPLIER = 2.0;
  public static final double DEFAULT_JITTER = 0.5;

  /** With 30 s doubling, the cap is reached after about 7 attempts (~1 h elapsed). */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofHours(1);

  /** About 14 hours of retries at the defaults; the age limit usually decides first. */
  public static final int DEFAULT_MAX_ATTEMPTS = 20;

  /**
   * How long a parked event is retried before it becomes a dead letter; dedup records must outlive
   * it (see {@code DeliveryPolicy#dedupTtl}, 7 days by default).
   */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);

  private final Duration initialBackoff;
  private final double multiplier;
  private final double jitter;
  private final Duration maxBackoff;
  private final int maxAttempts;
  private final Duration maxAge;
  private final IntervalFunction intervals;

  private RetrySchedule(Builder b) {
    this.initialBackoff = b.initialBackoff;
    this.multiplier = b.multiplier;
    this.jitter = b.jitter;
    this.maxBackoff = b.maxBackoff;
    this.maxAttempts = b.maxAttempts;
    this.maxAge = b.maxAge;
    this.intervals =
        IntervalFunction.ofExponentialRandomBackoff(initialBackoff, multiplier, jitter, maxBackoff);
  }

  public static Builder builder() {
    return new Builder();
  }

  public static RetrySchedule defaults() {
    return builder().build();
  }

  public Duration initialBackoff() {
    return initialBackoff;
  }

  public double multiplier() {
    return multiplier;
  }

  public double jitter() {
    return jitter;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration maxAge() {
    return maxAge;
  }

  /**
   * The wait after attempt {@code attempt} (1 for the first), jittered.
   *
   * @throws IllegalArgumentException if {@code attempt} is below 1
   */
  public Duration backoff(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
    }
    return Duration.ofMillis(intervals.apply(attempt));
  }

  /** When an event whose attempt {@code attempt} starts at {@code now} is due again. */
  public Instant nextAttemptAt(Instant now, int attempt) {
    return now.plus(backoff(attempt));
  }

  /** Whether {@code event} has had its attempts, or has been parked too long, at {@code now}. */
  public boolean exhausted(ParkedEvent event, Instant now) {
    return event.attempts() >= maxAttempts
        || !now.isBefore(event.parkedAt().plus(maxAge)); // age reached counts as past it
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.initialBackoff = initialBackoff;
    b.multiplier = multiplier;
    b.jitter = jitter;
    b.maxBackoff = maxBackoff;
    b.maxAttempts = maxAttempts;
    b.maxAge = maxAge;
    return b;
  }

  @Override
  public String toString() {
    return "RetrySchedule[initialBackoff="
        + initialBackoff
        + ", multiplier="
        + multiplier
        + ", jitter="
        + jitter
        + ", maxBackoff="
        + maxBackoff
        + ", maxAttempts="
        + maxAttempts
        + ", maxAge="
        + maxAge
        + "]";
  }

  /** Builds a {@link RetrySchedule}. */
  public static final class Builder {
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private double multiplier = DEFAULT_MULTIPLIER;
    private double jitter = DEFAULT_JITTER;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration maxAge = DEFAULT_MAX_AGE;

    private Builder() {}

    /** Exponential backoff with jitter: {@code initial × multiplier^(n-1)}, ±jitter, capped. */
    public Builder backoff(Duration initial, double multiplier, double jitter, Duration max) {
      this.initialBackoff = initial;
      this.multiplier = multiplier;
      this.jitter = jitter;
      this.maxBackoff = max;
      return this;
    }

    /** Attempts (leases by a drainer) before the event becomes a dead letter. */
    public Builder maxAttempts(int value) {
      this.maxAttempts = value;
      return this;
    }

    /** Time since it was first parked after which the event becomes a dead letter. */
    public Builder maxAge(Duration value) {
      this.maxAge = value;
      return this;
    }

    /**
     * @throws RetryScheduleInvalidException listing every invalid setting
     */
    public RetrySchedule build() {
      List<String> problems = new ArrayList<>();
      if (initialBackoff == null || initialBackoff.toMillis() < 1) {
        problems.add("the initial backoff must be at least 1 ms, e.g. PT30S");
      }
      if (multiplier < 1.0) {
        problems.add("the backoff multiplier must be at least 1.0");
      }
      if (jitter < 0.0 || jitter >= 1.0) {
        problems.add("the jitter (randomization factor) must be at least 0 and below 1");
      }
      if (maxBackoff == null
          || initialBackoff != null && maxBackoff.compareTo(initialBackoff) < 0) {
        problems.add("the maximum backoff must be at least the initial backoff, e.g. PT1H");
      }
      if (maxAttempts < 1) {
        problems.add("maxAttempts must be at least 1");
      }
      if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
        problems.add("maxAge must be a positive duration, e.g. PT24H");
      }
      if (!problems.isEmpty()) {
        throw new RetryScheduleInvalidException(problems);
      }
      return new RetrySchedule(this);
    }
  }
}
