package dev.errorbridge.connector.poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the poll engine, its scheduler and backfills pace themselves. Immutable; {@link #builder()}
 * checks every setting together and reports all problems at once.
 *
 * <pre>{@code
 * PollConfig config = PollConfig.builder().maxCycleDuration(Duration.ofSeconds(50)).build();
 * }</pre>
 */
public final class PollConfig {
  /** The connection option (in {@code source.options}) that sets its poll interval. */
  public static final String POLL_INTERVAL_OPTION = "pollInterval";

  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  /** Shorter intervals would spend the platforms' request budgets (Trigify: 100/min) on polling. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(30);

  public static final Duration MAX_INTERVAL = Duration.ofDays(1);

  /** A first scan covers the connection's lookback and no more: backfill older history. */
  public static final Duration DEFAULT_INITIAL_LOOKBACK = Duration.ZERO;

  /** A refused key is tried again this often, so a fixed key is noticed without hammering. */
  public static final Duration DEFAULT_AUTH_RETRY_INTERVAL = Duration.ofMinutes(15);

  public static final int DEFAULT_MAX_RECHECKS_PER_CYCLE = 25;
  public static final Duration DEFAULT_MAX_CYCLE_DURATION = Duration.ofMinutes(5);

  /** Kept free at the end of a cycle to publish the last page rather than park it. */
  public static final Duration DEFAULT_PUBLISH_RESERVE = Duration.ofSeconds(5);

  public static final Duration DEFAULT_BACKFILL_CHUNK = Duration.ofHours(6);

  private final Duration defaultInterval;
  private final Duration initialLookback;
  private final Duration authRetryInterval;
  private final int maxRechecksPerCycle;
  private final Duration maxCycleDuration;
  private final Duration publishReserve;
  private final Duration backfillChunk;

  private PollConfig(Builder b) {
    this.defaultInterval = b.defaultInterval;
    this.initialLookback = b.initialLookback;
    this.authRetryInterval = b.authRetryInterval;
    this.maxRechecksPerCycle = b.maxRechecksPerCycle;
    this.maxCycleDuration = b.maxCycleDuration;
    this.publishReserve = b.publishReserve;
    this.backfillChunk = b.backfillChunk;
  }

  public static PollConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How often a connection is polled unless its {@value #POLL_INTERVAL_OPTION} option says. */
  public Duration defaultInterval() {
    return defaultInterval;
  }

  /** How far before now a connection's first watermark lies (its lookback comes on top). */
  public Duration initialLookback() {
    return initialLookback;
  }

  /** How long a connection whose key the platform refused is left alone before the next try. */
  public Duration authRetryInterval() {
    return authRetryInterval;
  }

  /** Pending runs rechecked per cycle at most, least recently checked first. */
  public int maxRechecksPerCycle() {
    return maxRechecksPerCycle;
  }

  /** A cycle ends by this long after it starts even when its caller's deadline is later. */
  public Duration maxCycleDuration() {
    return maxCycleDuration;
  }

  /** Time kept at the end of a cycle (at most a quarter of it) for publishing the last page. */
  public Duration publishReserve() {
    return publishReserve;
  }

  /**
   * A backfill reads its window in chunks of this length; each finished chunk is a resume point.
   */
  public Duration backfillChunk() {
    return backfillChunk;
  }

  /** Builds a {@link PollConfig}; every setting starts at its default. */
  public static final class Builder {
    private Duration defaultInterval = DEFAULT_INTERVAL;
    private Duration initialLookback = DEFAULT_INITIAL_LOOKBACK;
    private Duration authRetryInterval = DEFAULT_AUTH_RETRY_INTERVAL;
    private int maxRechecksPerCycle = DEFAULT_MAX_RECHECKS_PER_CYCLE;
    private Duration maxCycleDuration = DEFAULT_MAX_CYCLE_DURATION;
    private Duration publishReserve = DEFAULT_PUBLISH_RESERVE;
    private Duration backfillChunk = DEFAULT_BACKFILL_CHUNK;

    private Builder() {}

    public Builder defaultInterval(Duration value) {
      this.defaultInterval = value;
      return this;
    }

    public Builder initialLookback(Duration value) {
      this.initialLookback = value;
      return this;
    }

    public Builder authRetryInterval(Duration value) {
      this.authRetryInterval = value;
      return this;
    }

    public Builder maxRechecksPerCycle(int value) {
      this.maxRechecksPerCycle = value;
      return this;
    }

    public Builder maxCycleDuration(Duration value) {
      this.maxCycleDuration = value;
      return this;
    }

    public Builder publishReserve(Duration value) {
      this.publishReserve = value;
      return this;
    }

    public Builder backfillChunk(Duration value) {
      this.backfillChunk = value;
      return this;
    }

    /**
     * @throws PollConfigInvalidException listing every invalid setting
     */
    public PollConfig build() {
      List<String> problems = new ArrayList<>();
      if (!within(defaultInterval, MIN_INTERVAL, MAX_INTERVAL)) {
        problems.add("defaultInterval must be between 30 seconds and 1 day; default 1 minute");
      }
      if (!within(initialLookback, Duration.ZERO, Duration.ofDays(366))) {
        problems.add("initialLookback must be zero or positive, at most 366 days; default 0");
      }
      if (!positive(authRetryInterval)) {
        problems.add("authRetryInterval must be positive; default 15 minutes");
      }
      if (maxRechecksPerCycle < 0) {
        problems.add("maxRechecksPerCycle must be zero or more; default 25");
      }
      if (!positive(maxCycleDuration)) {
        problems.add("maxCycleDuration must be positive; default 5 minutes");
      }
      if (!within(publishReserve, Duration.ZERO, Duration.ofMinutes(5))) {
        problems.add("publishReserve must be zero or positive, at most 5 minutes; default 5 s");
      }
      if (!within(backfillChunk, Duration.ofMinutes(1), Duration.ofDays(31))) {
        problems.add("backfillChunk must be between 1 minute and 31 days; default 6 hours");
      }
      if (!problems.isEmpty()) {
        throw new PollConfigInvalidException(problems);
      }
      return new PollConfig(this);
    }

    private static boolean positive(Duration value) {
      return value != null && !value.isNegative() && !value.isZero();
    }

    private static boolean within(Duration value, Duration min, Duration max) {
      return value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }
  }

  @Override
  public String toString() {
    return "PollConfig[defaultInterval="
        + defaultInterval
        + ", initialLookback="
        + initialLookback
        + ", maxCycleDuration="
        + maxCycleDuration
        + ", maxRechecksPerCycle="
        + maxRechecksPerCycle
        + "]";
  }
}
