package dev.errorbridge.connector.publish;

import dev.errorbridge.connector.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the publisher batches, retries and protects each destination. Immutable; {@link #builder()}
 * validates every setting together and reports all problems at once.
 */
public final class PublisherConfig {
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

  private final int maxEntriesPerRequest;
  private final int maxPartnerEntriesPerRequest;
  private final int maxRequestBytes;
  private final int maxConcurrentRequests;
  private final int requestsPerSecond;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final double backoffMultiplier;
  private final double jitter;
  private final Duration maxBackoff;
  private final Duration attemptTimeout;
  private final Duration minAttemptTime;
  private final int breakerMinimumCalls;
  private final int breakerWindow;
  private final float breakerFailureRate;
  private final Duration breakerOpenDuration;
  private final Clock clock;
  private final Sleeper sleeper;

  private PublisherConfig(Builder b) {
    this.maxEntriesPerRequest = b.maxEntriesPerRequest;
    this.maxPartnerEntriesPerRequest = b.maxPartnerEntriesPerRequest;
    this.maxRequestBytes = b.maxRequestBytes;
    this.maxConcurrentRequests = b.maxConcurrentRequests;
    this.requestsPerSecond = b.requestsPerSecond;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.backoffMultiplier = b.backoffMultiplier;
    this.jitter = b.jitter;
    this.maxBackoff = b.maxBackoff;
    this.attemptTimeout = b.attemptTimeout;
    this.minAttemptTime = b.minAttemptTime;
    this.breakerMinimumCalls = b.breakerMinimumCalls;
    this.breakerWindow = b.breakerWindow;
    this.breakerFailureRate = b.breakerFailureRate;
    this.breakerOpenDuration = b.breakerOpenDuration;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static PublisherConfig defaults() {
    return builder().build();
  }

  public int maxEntriesPerRequest() {
    return maxEntriesPerRequest;
  }

  /** Entries per {@code PutPartnerEvents} call (partner event source destinations). */
  public int maxPartnerEntriesPerRequest() {
    return maxPartnerEntriesPerRequest;
  }

  public int maxRequestBytes() {
    return maxRequestBytes;
  }

  public int maxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  public int requestsPerSecond() {
    return requestsPerSecond;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration initialBackoff() {
    return initialBackoff;
  }

  public double backoffMultiplier() {
    return backoffMultiplier;
  }

  public double jitter() {
    return jitter;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  public Duration attemptTimeout() {
    return attemptTimeout;
  }

  /** The least time before the deadline with which an attempt still starts. */
  public Duration minAttemptTime() {
    return minAttemptTime;
  }

  public int breakerMinimumCalls() {
    return breakerMinimumCalls;
  }

  public int breakerWindow() {
    return breakerWindow;
  }

  public float breakerFailureRate() {
    return breakerFailureRate;
  }

  public Duration breakerOpenDuration() {
    return breakerOpenDuration;
  }

  public Clock clock() {
    return clock;
  }

  public Sleeper sleeper() {
    return sleeper;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxEntriesPerRequest = maxEntriesPerRequest;
    b.maxPartnerEntriesPerRequest = maxPartnerEntriesPerRequest;
    b.maxRequestBytes = maxRequestBytes;
    b.maxConcurrentRequests = maxConcurrentRequests;
    b.requestsPerSecond = requestsPerSecond;
    b.maxAttempts = maxAttempts;
    b.initialBackoff = initialBackoff;
    b.backoffMultiplier = backoffMultiplier;
    b.jitter = jitter;
    b.maxBackoff = maxBackoff;
    b.attemptTimeout = attemptTimeout;
    b.minAttemptTime = minAttemptTime;
    b.breakerMinimumCalls = breakerMinimumCalls;
    b.breakerWindow = breakerWindow;
    b.breakerFailureRate = breakerFailureRate;
    b.breakerOpenDuration = breakerOpenDuration;
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
      List<String> problems = new ArrayList<>();
      if (maxEntriesPerRequest < 1 || maxEntriesPerRequest > MAX_ENTRIES_PER_REQUEST) {
        problems.add("maxEntriesPerRequest must be between 1 and 10 (EventBridge's limit)");
      }
      if (maxPartnerEntriesPerRequest < 1
          || maxPartnerEntriesPerRequest > MAX_PARTNER_ENTRIES_PER_REQUEST) {
        problems.add(
            "maxPartnerEntriesPerRequest must be between 1 and 20 (PutPartnerEvents' limit)");
      }
      if (maxRequestBytes < 1024 || maxRequestBytes > MAX_REQUEST_BYTES) {
        problems.add(
            "maxRequestBytes must be between 1024 and 1048576 (1 MB, EventBridge's limit)");
      }
      if (maxConcurrentRequests < 1 || maxConcurrentRequests > 64) {
        problems.add("maxConcurrentRequests must be between 1 and 64");
      }
      if (requestsPerSecond < 1) {
        problems.add("requestsPerSecond must be at least 1");
      }
      if (maxAttempts < 1) {
        problems.add("maxAttempts must be at least 1 (1 means no retries)");
      }
      if (initialBackoff == null || initialBackoff.isNegative() || initialBackoff.isZero()) {
        problems.add("the initial backoff must be a positive duration, e.g. PT0.1S");
      }
      if (backoffMultiplier < 1.0) {
        problems.add("the backoff multiplier must be at least 1.0");
      }
      if (jitter < 0.0 || jitter >= 1.0) {
        problems.add("the jitter (randomization factor) must be at least 0 and below 1");
      }
      if (maxBackoff == null
          || initialBackoff != null && maxBackoff.compareTo(initialBackoff) < 0) {
        problems.add("the maximum backoff must be at least the initial backoff");
      }
      if (attemptTimeout == null || attemptTimeout.isNegative() || attemptTimeout.isZero()) {
        problems.add("attemptTimeout must be a positive duration, e.g. PT5S");
      }
      if (minAttemptTime == null || minAttemptTime.isNegative()) {
        problems.add("minAttemptTime must be zero or a positive duration, e.g. PT1S");
      } else if (attemptTimeout != null && minAttemptTime.compareTo(attemptTimeout) > 0) {
        problems.add("minAttemptTime must not exceed attemptTimeout");
      }
      if (breakerMinimumCalls < 1 || breakerWindow < 1 || breakerMinimumCalls > breakerWindow) {
        problems.add("the circuit breaker needs 1 <= minimumCalls <= window");
      }
      if (breakerFailureRate <= 0 || breakerFailureRate > 100) {
        problems.add("the circuit breaker failure rate must be a percentage in (0, 100]");
      }
      if (breakerOpenDuration == null
          || breakerOpenDuration.isNegative()
          || breakerOpenDuration.isZero()) {
        problems.add("the circuit breaker open duration must be a positive duration");
      }
      if (clock == null) {
        problems.add("clock must not be null");
      }
      if (sleeper == null) {
        problems.add("sleeper must not be null");
      }
      if (!problems.isEmpty()) {
        throw new PublisherConfigInvalidException(problems);
      }
      return new PublisherConfig(this);
    }
  }
}
