package dev.errorbridge.connector.publish;

import dev.errorbridge.connector.SettingProblems;
import dev.errorbridge.connector.time.Sleeper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the publisher batches, retries and protects each destination. Immutable; {@link #builder()}
 * validates every setting together and reports all problems at once. Built by code only, so a
 * record holding resilience4j's own circuit breaker configuration and the shared {@link Backoff}.
 */
public record PublisherConfig(
    int maxEntriesPerRequest,
    int maxPartnerEntriesPerRequest,
    int maxRequestBytes,
    int maxConcurrentRequests,
    int requestsPerSecond,
    int maxAttempts,
    Backoff backoff,
    Duration attemptTimeout,
    Duration minAttemptTime,
    CircuitBreakerConfig circuitBreaker,
    Clock clock,
    Sleeper sleeper) {
  /** EventBridge accepts at most 10 entries per {@code PutEvents}. */
  public static final int MAX_ENTRIES_PER_REQUEST = 10;

  /** EventBridge accepts at most 20 entries per {@code PutPartnerEvents}. */
  public static final int MAX_PARTNER_ENTRIES_PER_REQUEST = PutPartnerEventsSink.MAX_ENTRIES;

  /**
   * EventBridge's classic request limit; it accepts up to {@link #MAX_REQUEST_BYTES} since
   * 2026-01-29.
   */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;

  public static final int MAX_REQUEST_BYTES = 1024 * 1024;

  /**
   * Per destination. The smallest regional {@code PutEvents} quota is 400 requests/s per account,
   * shared with the customer's own producers, so we stay well under it unless told otherwise.
   */
  public static final int DEFAULT_REQUESTS_PER_SECOND = 100;

  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 4;
  public static final int DEFAULT_MAX_ATTEMPTS = 8;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
  public static final double DEFAULT_BACKOFF_MULTIPLIER = 2.0;
  public static final double DEFAULT_JITTER = 0.5;
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Less than this left before the deadline, no attempt starts: an attempt cut that short would
   * give up while EventBridge may still accept it, and its events would be sent twice.
   */
  public static final Duration DEFAULT_MIN_ATTEMPT_TIME = Duration.ofSeconds(1);

  /** A Lambda sees few calls per invocation, so the breaker decides on a small window. */
  public static final int DEFAULT_BREAKER_MINIMUM_CALLS = 5;

  public static final int DEFAULT_BREAKER_WINDOW = 10;
  public static final float DEFAULT_BREAKER_FAILURE_RATE = 50f;
  public static final Duration DEFAULT_BREAKER_OPEN_DURATION = Duration.ofSeconds(30);

  /**
   * @throws PublisherConfigInvalidException listing every invalid setting
   */
  public PublisherConfig {
    SettingProblems problems = new SettingProblems();
    check(
        problems,
        maxEntriesPerRequest,
        maxPartnerEntriesPerRequest,
        maxRequestBytes,
        maxConcurrentRequests,
        requestsPerSecond,
        maxAttempts,
        attemptTimeout,
        minAttemptTime);
    problems.throwIfAny(PublisherConfigInvalidException::new);
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(circuitBreaker, "circuitBreaker");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
  }

  private static void check(
      SettingProblems problems,
      int maxEntriesPerRequest,
      int maxPartnerEntriesPerRequest,
      int maxRequestBytes,
      int maxConcurrentRequests,
      int requestsPerSecond,
      int maxAttempts,
      Duration attemptTimeout,
      Duration minAttemptTime) {
    problems.check(
        SettingProblems.within(maxEntriesPerRequest, 1, MAX_ENTRIES_PER_REQUEST),
        "maxEntriesPerRequest must be between 1 and 10 (EventBridge's limit)");
    problems.check(
        SettingProblems.within(maxPartnerEntriesPerRequest, 1, MAX_PARTNER_ENTRIES_PER_REQUEST),
        "maxPartnerEntriesPerRequest must be between 1 and 20 (PutPartnerEvents' limit)");
    problems.check(
        SettingProblems.within(maxRequestBytes, 1024, MAX_REQUEST_BYTES),
        "maxRequestBytes must be between 1024 and 1048576 (1 MB, EventBridge's limit)");
    problems.check(
        SettingProblems.within(maxConcurrentRequests, 1, 64),
        "maxConcurrentRequests must be between 1 and 64");
    problems.check(requestsPerSecond >= 1, "requestsPerSecond must be at least 1");
    problems.check(maxAttempts >= 1, "maxAttempts must be at least 1 (1 means no retries)");
    problems.check(
        SettingProblems.positive(attemptTimeout),
        "attemptTimeout must be a positive duration, e.g. PT5S");
    if (problems.check(
        minAttemptTime != null && !minAttemptTime.isNegative(),
        "minAttemptTime must be zero or a positive duration, e.g. PT1S")) {
      problems.check(
          attemptTimeout == null || minAttemptTime.compareTo(attemptTimeout) <= 0,
          "minAttemptTime must not exceed attemptTimeout");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public static PublisherConfig defaults() {
    return builder().build();
  }

  /** How long the circuit breaker stays open before it lets a call through again. */
  public Duration breakerOpenDuration() {
    return Duration.ofMillis(circuitBreaker.getWaitIntervalFunctionInOpenState().apply(1));
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxEntriesPerRequest = maxEntriesPerRequest;
    b.maxPartnerEntriesPerRequest = maxPartnerEntriesPerRequest;
    b.maxRequestBytes = maxRequestBytes;
    b.maxConcurrentRequests = maxConcurrentRequests;
    b.requestsPerSecond = requestsPerSecond;
    b.maxAttempts = maxAttempts;
    b.initialBackoff = backoff.initial();
    b.backoffMultiplier = backoff.multiplier();
    b.jitter = backoff.jitter();
    b.maxBackoff = backoff.max();
    b.attemptTimeout = attemptTimeout;
    b.minAttemptTime = minAttemptTime;
    b.breakerMinimumCalls = circuitBreaker.getMinimumNumberOfCalls();
    b.breakerWindow = circuitBreaker.getSlidingWindowSize();
    b.breakerFailureRate = circuitBreaker.getFailureRateThreshold();
    b.breakerOpenDuration = breakerOpenDuration();
    b.clock = clock;
    b.sleeper = sleeper;
    return b;
  }

  /** Builds a {@link PublisherConfig}. */
  public static final class Builder {
    private int maxEntriesPerRequest = MAX_ENTRIES_PER_REQUEST;
    private int maxPartnerEntriesPerRequest = MAX_PARTNER_ENTRIES_PER_REQUEST;
    private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
    private int requestsPerSecond = DEFAULT_REQUESTS_PER_SECOND;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private double backoffMultiplier = DEFAULT_BACKOFF_MULTIPLIER;
    private double jitter = DEFAULT_JITTER;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
    private Duration minAttemptTime = DEFAULT_MIN_ATTEMPT_TIME;
    private int breakerMinimumCalls = DEFAULT_BREAKER_MINIMUM_CALLS;
    private int breakerWindow = DEFAULT_BREAKER_WINDOW;
    private float breakerFailureRate = DEFAULT_BREAKER_FAILURE_RATE;
    private Duration breakerOpenDuration = DEFAULT_BREAKER_OPEN_DURATION;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;

    private Builder() {}

    public Builder maxEntriesPerRequest(int value) {
      this.maxEntriesPerRequest = value;
      return this;
    }

    /** Entries per {@code PutPartnerEvents} call; 1 to 20 (EventBridge's limit). */
    public Builder maxPartnerEntriesPerRequest(int value) {
      this.maxPartnerEntriesPerRequest = value;
      return this;
    }

    /** The size budget per request, by AWS's entry-size formula; up to 1 MB. */
    public Builder maxRequestBytes(int value) {
      this.maxRequestBytes = value;
      return this;
    }

    /** How many {@code PutEvents} calls run at once for one publish. */
    public Builder maxConcurrentRequests(int value) {
      this.maxConcurrentRequests = value;
      return this;
    }

    /** The per-destination rate limit. */
    public Builder requestsPerSecond(int value) {
      this.requestsPerSecond = value;
      return this;
    }

    /**
     * Calls per batch including the first; retries stop earlier if the deadline would be passed.
     */
    public Builder maxAttempts(int value) {
      this.maxAttempts = value;
      return this;
    }

    /**
     * Exponential backoff with jitter: {@code initial × multiplier^(n-1)}, randomised by ±jitter,
     * capped.
     */
    public Builder backoff(Duration initial, double multiplier, double jitter, Duration max) {
      this.initialBackoff = initial;
      this.backoffMultiplier = multiplier;
      this.jitter = jitter;
      this.maxBackoff = max;
      return this;
    }

    /**
     * The timeout of one {@code PutEvents} call (shortened to what is left before the deadline).
     */
    public Builder attemptTimeout(Duration value) {
      this.attemptTimeout = value;
      return this;
    }

    /**
     * With less than this left before the deadline no attempt starts (the events are left for the
     * retry worker, unsent); default {@link #DEFAULT_MIN_ATTEMPT_TIME}.
     */
    public Builder minAttemptTime(Duration value) {
      this.minAttemptTime = value;
      return this;
    }

    /**
     * The circuit breaker: opens when {@code failureRate}% of the last {@code window} calls failed.
     */
    public Builder circuitBreaker(
        int minimumCalls, int window, float failureRate, Duration openFor) {
      this.breakerMinimumCalls = minimumCalls;
      this.breakerWindow = window;
      this.breakerFailureRate = failureRate;
      this.breakerOpenDuration = openFor;
      return this;
    }

    /** The clock deadlines are checked against. */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /** What waits out backoffs; tests pass one that advances their clock. */
    public Builder sleeper(Sleeper value) {
      this.sleeper = value;
      return this;
    }

    /**
     * @throws PublisherConfigInvalidException listing every invalid setting
     */
    public PublisherConfig build() {
      SettingProblems problems = new SettingProblems();
      problems.addAll(Backoff.problems(initialBackoff, backoffMultiplier, jitter, maxBackoff));
      problems.check(
          breakerMinimumCalls >= 1 && breakerWindow >= 1 && breakerMinimumCalls <= breakerWindow,
          "the circuit breaker needs 1 <= minimumCalls <= window");
      problems.check(
          breakerFailureRate > 0 && breakerFailureRate <= 100,
          "the circuit breaker failure rate must be a percentage in (0, 100]");
      problems.check(
          SettingProblems.positive(breakerOpenDuration),
          "the circuit breaker open duration must be a positive duration");
      check(
          problems,
          maxEntriesPerRequest,
          maxPartnerEntriesPerRequest,
          maxRequestBytes,
          maxConcurrentRequests,
          requestsPerSecond,
          maxAttempts,
          attemptTimeout,
          minAttemptTime);
      problems.check(clock != null, "clock must not be null");
      problems.check(sleeper != null, "sleeper must not be null");
      problems.throwIfAny(PublisherConfigInvalidException::new);
      return new PublisherConfig(
          maxEntriesPerRequest,
          maxPartnerEntriesPerRequest,
          maxRequestBytes,
          maxConcurrentRequests,
          requestsPerSecond,
          maxAttempts,
          new Backoff(initialBackoff, backoffMultiplier, jitter, maxBackoff),
          attemptTimeout,
          minAttemptTime,
          CircuitBreakerConfig.custom()
              .slidingWindowSize(breakerWindow)
              .minimumNumberOfCalls(breakerMinimumCalls)
              .failureRateThreshold(breakerFailureRate)
              .waitDurationInOpenState(breakerOpenDuration)
              .build(),
          clock,
          sleeper);
    }
  }
}
