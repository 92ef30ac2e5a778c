package dev.errorbridge.connector.credentials;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long assumed-role sessions last and when they are refreshed. The SDK's provider refreshes
 * from {@code prefetchTime} before expiry (with jitter up to a minute before {@code staleTime}, so
 * many connections do not call STS at once) without making callers wait, and makes a caller wait
 * for a refresh only from {@code staleTime} before expiry.
 *
 * @param sessionDuration the {@code DurationSeconds} asked of STS, 15 minutes to 12 hours
 * @param prefetchTime how long before expiry a refresh starts
 * @param staleTime how long before expiry the credentials are no longer used
 * @param asyncRefresh whether the prefetch runs on the SDK's background thread ({@code true}) or on
 *     the calling thread ({@code false}, deterministic for tests)
 */
public record AssumeRoleRefresh(
    Duration sessionDuration, Duration prefetchTime, Duration staleTime, boolean asyncRefresh) {

  /**
   * One hour: every role allows it (a role's MaxSessionDuration is at least an hour, and asking
   * more fails on roles left at that default), and short sessions limit what a leaked session could
   * do. At one AssumeRole per connection per hour per runtime, STS quotas are no concern.
   */
  public static final Duration DEFAULT_SESSION_DURATION = Duration.ofHours(1);

  /**
   * Five minutes (the SDK's default): a background refresh that fails (an STS brownout) is retried
   * on later calls for about three minutes before any caller has to wait.
   */
  public static final Duration DEFAULT_PREFETCH_TIME = Duration.ofMinutes(5);

  /**
   * Two minutes (the SDK's default is one): credentials about to expire are not handed out, so a
   * request signed with them still arrives in time even when this host's clock is a minute behind
   * AWS's and the request takes a full attempt timeout (10 s) to get there.
   */
  public static final Duration DEFAULT_STALE_TIME = Duration.ofMinutes(2);

  private static final Duration MIN_SESSION = Duration.ofMinutes(15);
  private static final Duration MAX_SESSION = Duration.ofHours(12);

  public AssumeRoleRefresh {
    List<String> problems = new ArrayList<>();
    if (sessionDuration == null
        || sessionDuration.compareTo(MIN_SESSION) < 0
        || sessionDuration.compareTo(MAX_SESSION) > 0
        || sessionDuration.toNanos() % 1_000_000_000L != 0) {
      problems.add(
          "sessionDuration must be whole seconds between PT15M and PT12H (STS's range); got "
              + sessionDuration);
    }
    if (staleTime == null || staleTime.isNegative() || staleTime.isZero()) {
      problems.add("staleTime must be positive, e.g. PT2M; got " + staleTime);
    }
    if (prefetchTime == null || staleTime == null || prefetchTime.compareTo(staleTime) <= 0) {
      problems.add(
          "prefetchTime must be longer than staleTime, so a refresh starts before callers must"
              + " wait; got prefetchTime "
              + prefetchTime
              + " and staleTime "
              + staleTime);
    }
    if (prefetchTime != null
        && sessionDuration != null
        && prefetchTime.compareTo(sessionDuration) >= 0) {
      problems.add(
          "prefetchTime must be shorter than sessionDuration, or every call would refresh; got "
              + prefetchTime);
    }
    if (!problems.isEmpty()) {
      throw new CredentialsConfigInvalidException(problems);
    }
  }

  /** One-hour sessions, refreshed in the background from 5 minutes before expiry, stale at 2. */
  public static AssumeRoleRefresh defaults() {
    return new AssumeRoleRefresh(
        DEFAULT_SESSION_DURATION, DEFAULT_PREFETCH_TIME, DEFAULT_STALE_TIME, true);
  }

  /** The same settings with the prefetch on the calling thread (or back in the background). */
  public AssumeRoleRefresh withAsyncRefresh(boolean async) {
    return new AssumeRoleRefresh(sessionDuration, prefetchTime, staleTime, async);
  }

  /** The session duration in STS's {@code DurationSeconds}. */
  public int durationSeconds() {
    return Math.toIntExact(sessionDuration.toSeconds());
  }
}
