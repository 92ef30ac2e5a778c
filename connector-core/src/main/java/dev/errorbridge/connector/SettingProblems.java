package dev.errorbridge.connector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Collects every problem of a set of settings, so that a builder reports all of them at once
 * instead of the first: {@code problems.check(maxAttempts >= 1, "maxAttempts must be at least 1")},
 * then {@link #throwIfAny} with the builder's own {@link InvalidSettingsException}.
 */
public final class SettingProblems {
  private final List<String> problems = new ArrayList<>();

  /** Notes {@code problem} unless {@code valid}; returns {@code valid}. */
  public boolean check(boolean valid, String problem) {
    if (!valid) {
      problems.add(problem);
    }
    return valid;
  }

  /** Notes that {@code field} is required unless {@code value} has text; returns whether it has. */
  public boolean requireText(String value, String field) {
    return check(value != null && !value.isBlank(), field + " is required and must not be blank");
  }

  /** Notes every one of {@code more}. */
  public void addAll(List<String> more) {
    problems.addAll(more);
  }

  /** The problems noted so far. */
  public List<String> list() {
    return List.copyOf(problems);
  }

  /** Throws {@code exception} of the problems if there is any. */
  public void throwIfAny(Function<List<String>, ? extends InvalidSettingsException> exception) {
    if (!problems.isEmpty()) {
      throw exception.apply(List.copyOf(problems));
    }
  }

  /** Whether {@code value} is there and longer than zero. */
  public static boolean positive(Duration value) {
    return value != null && !value.isNegative() && !value.isZero();
  }

  /** Whether {@code value} is there and in {@code [min, max]}. */
  public static boolean within(Duration value, Duration min, Duration max) {
    return value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
  }

  /** Whether {@code value} is in {@code [min, max]}. */
  public static boolean within(long value, long min, long max) {
    return value >= min && value <= max;
  }
}
