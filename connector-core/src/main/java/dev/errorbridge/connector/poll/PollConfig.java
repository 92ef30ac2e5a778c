package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.SettingProblems;
import dev.errorbridge.connector.platform.SourceOptionsMap;
import java.time.Duration;

/**
 * How the poll engine, its scheduler and backfills pace themselves. Immutable; {@link #builder()}
 * checks every setting together and reports all problems at once. Built by code only, so a record.
 *
 * <pre>{@code
 * PollConfig config = PollConfig.builder().maxCycleDuration(Duration.ofSeconds(50)).build();
 * }</pre>
 *
 * @param defaultInterval how often a connection is polled unless its {@value #POLL_INTERVAL_OPTION}
 *     option says
 * @param initialLookback how far before now a connection's first watermark lies (its lookback comes
 *     on top)
 * @param authRetryInterval how long a connection whose key the platform refused is left alone
 *     before the next try
 * @param maxRechecksPerCycle pending runs rechecked per cycle at most, least recently checked first
 * @param maxCycleDuration a cycle ends by this long after it starts even when its caller's deadline
 *     is later: each connection's own budget ({@link PollRunner} gives every cycle its own
 *     deadline)
 * @param publishReserve time kept at the end of a cycle (at most a quarter of it) for publishing
 *     the last page
 * @param backfillChunk a backfill reads its window in chunks of this length; each finished chunk is
 *     a resume point
 * @param errorAfterFailedCycles failed cycles in a row (any end but {@link PollStatus#COMPLETE}
 *     that saved the checkpoint) after which the connection's health is ERROR with the last cycle's
 *     reason and its fix; the first complete cycle makes it ACTIVE again
 * @param minCycleTime the least time before its deadline with which {@link PollRunner} starts a
 *     cycle
 */
public record PollConfig(
    Duration defaultInterval,
    Duration initialLookback,
    Duration authRetryInterval,
    int maxRechecksPerCycle,
    Duration maxCycleDuration,
    Duration publishReserve,
    Duration backfillChunk,
    int errorAfterFailedCycles,
    Duration minCycleTime) {
  /**
   * The connection option (in {@code source.options}) that sets its poll interval; the settings API
   * validates it ({@link SourceOptionsMap}).
   */
  public static final String POLL_INTERVAL_OPTION = SourceOptionsMap.POLL_INTERVAL;

  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  /** Shorter intervals would spend the platforms' request budgets (Trigify: 100/min) on polling. */
  public static final Duration MIN_INTERVAL = SourceOptionsMap.MIN_POLL_INTERVAL;

  public static final Duration MAX_INTERVAL = SourceOptionsMap.MAX_POLL_INTERVAL;

  /** A first scan covers the connection's lookback and no more: backfill older history. */
  public static final Duration DEFAULT_INITIAL_LOOKBACK = Duration.ZERO;

  /** A refused key is tried again this often, so a fixed key is noticed without hammering. */
  public static final Duration DEFAULT_AUTH_RETRY_INTERVAL = Duration.ofMinutes(15);

  public static final int DEFAULT_MAX_RECHECKS_PER_CYCLE = 25;
  public static final Duration DEFAULT_MAX_CYCLE_DURATION = Duration.ofMinutes(5);

  /** Kept free at the end of a cycle to publish the last page rather than park it. */
  public static final Duration DEFAULT_PUBLISH_RESERVE = Duration.ofSeconds(5);

  public static final Duration DEFAULT_BACKFILL_CHUNK = Duration.ofHours(6);

  /**
   * Cycles in a row that could not read or settle their window before the connection shows ERROR:
   * one bad cycle (a platform's passing 503) is noted on the connection, three are a problem.
   */
  public static final int DEFAULT_ERROR_AFTER_FAILED_CYCLES = 3;

  /**
   * The least time a cycle starts with: a list request of the platform's and a publish reserve that
   * still covers a whole {@code PutEvents} attempt ({@link #publishReserve()} is at most a quarter
   * of the cycle). A connection whose turn comes with less waits for the next tick.
   */
  public static final Duration DEFAULT_MIN_CYCLE_TIME = Duration.ofSeconds(20);

  /**
   * @throws PollConfigInvalidException listing every invalid setting
   */
  public PollConfig {
    SettingProblems problems = new SettingProblems();
    problems.check(
        SettingProblems.within(defaultInterval, MIN_INTERVAL, MAX_INTERVAL),
        "defaultInterval must be between 30 seconds and 1 day; default 1 minute");
    problems.check(
        SettingProblems.within(initialLookback, Duration.ZERO, Duration.ofDays(366)),
        "initialLookback must be zero or positive, at most 366 days; default 0");
    problems.check(
        SettingProblems.positive(authRetryInterval),
        "authRetryInterval must be positive; default 15 minutes");
    problems.check(
        maxRechecksPerCycle >= 0, "maxRechecksPerCycle must be zero or more; default 25");
    problems.check(
        SettingProblems.positive(maxCycleDuration),
        "maxCycleDuration must be positive; default 5 minutes");
    problems.check(
        SettingProblems.within(publishReserve, Duration.ZERO, Duration.ofMinutes(5)),
        "publishReserve must be zero or positive, at most 5 minutes; default 5 s");
    problems.check(
        SettingProblems.within(backfillChunk, Duration.ofMinutes(1), Duration.ofDays(31)),
        "backfillChunk must be between 1 minute and 31 days; default 6 hours");
    problems.check(
        SettingProblems.within(errorAfterFailedCycles, 1, 100),
        "errorAfterFailedCycles must be between 1 and 100; default 3");
    checkMinCycleTime(problems, minCycleTime, publishReserve, maxCycleDuration);
    problems.throwIfAny(PollConfigInvalidException::new);
  }

  /** A cycle of {@code minCycleTime} keeps its whole publish reserve (a quarter at most). */
  private static void checkMinCycleTime(
      SettingProblems problems,
      Duration minCycleTime,
      Duration publishReserve,
      Duration maxCycleDuration) {
    if (!problems.check(
        SettingProblems.positive(minCycleTime), "minCycleTime must be positive; default 20 s")) {
      return;
    }
    if (publishReserve != null) {
      Duration fourReserves = publishReserve.multipliedBy(4);
      if (!problems.check(
          minCycleTime.compareTo(fourReserves) >= 0,
          "minCycleTime must be at least 4 × publishReserve ("
              + fourReserves.toSeconds()
              + " s), so that a cycle that starts keeps its whole publish reserve")) {
        return;
      }
    }
    problems.check(
        !SettingProblems.positive(maxCycleDuration)
            || minCycleTime.compareTo(maxCycleDuration) <= 0,
        "minCycleTime must not exceed maxCycleDuration");
  }

  public static PollConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
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
    private int errorAfterFailedCycles = DEFAULT_ERROR_AFTER_FAILED_CYCLES;
    private Duration minCycleTime = DEFAULT_MIN_CYCLE_TIME;

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

    public Builder errorAfterFailedCycles(int value) {
      this.errorAfterFailedCycles = value;
      return this;
    }

    public Builder minCycleTime(Duration value) {
      this.minCycleTime = value;
      return this;
    }

    /**
     * @throws PollConfigInvalidException listing every invalid setting
     */
    public PollConfig build() {
      return new PollConfig(
          defaultInterval,
          initialLookback,
          authRetryInterval,
          maxRechecksPerCycle,
          maxCycleDuration,
          publishReserve,
          backfillChunk,
          errorAfterFailedCycles,
          minCycleTime);
    }
  }
}
