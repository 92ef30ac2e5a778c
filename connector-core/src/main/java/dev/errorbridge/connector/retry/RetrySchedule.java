package dev.errorbridge.connector.retry;

import dev.errorbridge.connector.SettingProblems;
import dev.errorbridge.connector.publish.Backoff;
import dev.errorbridge.connector.store.ParkedEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * When parked events are tried again and when they are given up: one resilience4j exponential
 * backoff with jitter ({@code initial × multiplier^(n-1)}, randomised by ±jitter, capped), plus a
 * limit on attempts and on age. Immutable; {@link #builder()} reports every invalid setting at
 * once.
 *
 * <p>Built by code only, so a record; its backoff is the publisher's kind ({@link Backoff}).
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
public record RetrySchedule(Backoff backoff, int maxAttempts, Duration maxAge) {
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

  /**
   * @throws RetryScheduleInvalidException listing every invalid setting
   */
  public RetrySchedule {
    SettingProblems problems = new SettingProblems();
    problems.check(backoff != null, "the backoff must be given");
    check(problems, maxAttempts, maxAge);
    problems.throwIfAny(RetryScheduleInvalidException::new);
  }

  private static void check(SettingProblems problems, int maxAttempts, Duration maxAge) {
    problems.check(maxAttempts >= 1, "maxAttempts must be at least 1");
    problems.check(
        SettingProblems.positive(maxAge), "maxAge must be a positive duration, e.g. PT24H");
  }

  public static Builder builder() {
    return new Builder();
  }

  public static RetrySchedule defaults() {
    return builder().build();
  }

  /**
   * The wait after attempt {@code attempt} (1 for the first), jittered.
   *
   * @throws IllegalArgumentException if {@code attempt} is below 1
   */
  public Duration backoff(int attempt) {
    return backoff.after(attempt);
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
    return new Builder()
        .backoff(backoff.initial(), backoff.multiplier(), backoff.jitter(), backoff.max())
        .maxAttempts(maxAttempts)
        .maxAge(maxAge);
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
      SettingProblems problems = new SettingProblems();
      problems.addAll(Backoff.problems(initialBackoff, multiplier, jitter, maxBackoff));
      check(problems, maxAttempts, maxAge);
      problems.throwIfAny(RetryScheduleInvalidException::new);
      return new RetrySchedule(
          new Backoff(initialBackoff, multiplier, jitter, maxBackoff), maxAttempts, maxAge);
    }
  }
}
