package dev.errorbridge.connector;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
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

  /** Notes {@code "<name> is required"} for every component of {@code parts} that is null. */
  public void requireParts(Record parts) {
    missingParts(parts).forEach(name -> problems.add(name + " is required"));
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

  /**
   * {@code parts} when none of its components is null; else an {@link IllegalStateException} naming
   * every missing one: {@code "<owner> needs a, b; set them in its parts"}. For the records of
   * collaborators that only code builds, where a null is a wiring mistake to fix all at once.
   */
  public static <R extends Record> R requireAll(String owner, R parts) {
    List<String> missing = missingParts(parts);
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          owner + " needs " + String.join(", ", missing) + "; set them in its parts");
    }
    return parts;
  }

  /** The names of {@code parts}' null components, in their order. */
  private static List<String> missingParts(Record parts) {
    List<String> missing = new ArrayList<>();
    for (RecordComponent component : parts.getClass().getRecordComponents()) {
      try {
        if (component.getAccessor().invoke(parts) == null) {
          missing.add(component.getName());
        }
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException(
            "cannot read " + component.getName() + " of " + parts.getClass().getSimpleName(), e);
      }
    }
    return missing;
  }

  /** Whether {@code value} is there and not blank. */
  public static boolean present(String value) {
    return value != null && !value.isBlank();
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
