package dev.errorbridge.connector.publish;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Exponential backoff with jitter, as resilience4j computes it: the wait after attempt {@code n} is
 * {@code initial × multiplier^(n-1)}, randomised by ±{@code jitter}, capped at {@code max}. The
 * publisher's retries and the parked events' schedule both wait this way; {@link #problems} is
 * their one check of the four settings.
 */
public record Backoff(Duration initial, double multiplier, double jitter, Duration max) {

  /**
   * @throws IllegalArgumentException listing every invalid setting (builders report {@link
   *     #problems} with their own others instead)
   */
  public Backoff {
    List<String> problems = problems(initial, multiplier, jitter, max);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid backoff: " + String.join("; ", problems));
    }
  }

  /** What is wrong with these settings, each naming its setting and fix; empty when nothing. */
  public static List<String> problems(
      Duration initial, double multiplier, double jitter, Duration max) {
    List<String> problems = new ArrayList<>();
    if (initial == null || initial.toMillis() < 1) {
      problems.add("the initial backoff must be at least 1 ms, e.g. PT0.1S");
    }
    if (multiplier < 1.0) {
      problems.add("the backoff multiplier must be at least 1.0");
    }
    if (jitter < 0.0 || jitter >= 1.0) {
      problems.add("the jitter (randomization factor) must be at least 0 and below 1");
    }
    if (max == null || initial != null && max.compareTo(initial) < 0) {
      problems.add("the maximum backoff must be at least the initial backoff, e.g. PT1H");
    }
    return problems;
  }

  /** resilience4j's interval function for these settings, e.g. for a {@code RetryConfig}. */
  public IntervalFunction intervals() {
    return IntervalFunction.ofExponentialRandomBackoff(initial, multiplier, jitter, max);
  }

  /**
   * The wait after attempt {@code attempt} (1 for the first), jittered.
   *
   * @throws IllegalArgumentException if {@code attempt} is below 1
   */
  public Duration after(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
    }
    return Duration.ofMillis(intervals().apply(attempt));
  }
}
