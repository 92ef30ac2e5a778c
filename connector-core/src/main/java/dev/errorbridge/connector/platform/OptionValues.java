package dev.errorbridge.connector.platform;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A connection's {@code source.options} as the settings API stores them (strings), read by type,
 * every problem collected so that one answer names them all. Not thread-safe: one per reading.
 */
public final class OptionValues {
  private final Map<String, String> values;
  private final List<String> problems = new ArrayList<>();

  /** {@code values} may be {@code null}: no options. */
  public OptionValues(Map<String, String> values) {
    this.values = values == null ? Map.of() : Map.copyOf(values);
  }

  /** The keys given. */
  public Set<String> keys() {
    return values.keySet();
  }

  /** Whether {@code key} was given. */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The text of {@code key} as given, or {@code null}. */
  public String text(String key) {
    return values.get(key);
  }

  /** The text of {@code key}, or {@code fallback} when it is not given. */
  public String text(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  /** {@code key} as a whole number, or {@code fallback}; a problem when it is not one. */
  public int integer(String key, int fallback) {
    return parsed(key, fallback, v -> Integer.parseInt(v.trim()), "a whole number");
  }

  /** {@code key} as {@code true} or {@code false}, or {@code fallback}; a problem otherwise. */
  public boolean bool(String key, boolean fallback) {
    return parsed(key, fallback, OptionValues::strictBoolean, "true or false");
  }

  /**
   * {@code key} as an ISO 8601 duration, or {@code null} when it is not given; a problem when it is
   * not one.
   */
  public Duration duration(String key) {
    return parsed(key, null, v -> Duration.parse(v.trim()), "an ISO 8601 duration such as PT2H");
  }

  /**
   * {@code key} read by {@code parser}, or {@code fallback} when it is not given; when {@code
   * parser} refuses it, the problem {@code option <key> must be <expected>} and {@code fallback}.
   */
  private <T> T parsed(String key, T fallback, Function<String, T> parser, String expected) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      problems.add("option " + key + " must be " + expected);
      return fallback;
    }
  }

  private static boolean strictBoolean(String value) {
    // Boolean.parseBoolean would take anything else as false, hiding a typo.
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException("not true or false");
    }
    return Boolean.parseBoolean(value);
  }

  /** Records a problem: the option, what is wrong and how to fix it. */
  public void problem(String problem) {
    problems.add(problem);
  }

  /** Records several problems, e.g. an options record's own checks. */
  public void problems(List<String> more) {
    problems.addAll(more);
  }

  /** Every problem so far, in the order found. */
  public List<String> problems() {
    return List.copyOf(problems);
  }
}
