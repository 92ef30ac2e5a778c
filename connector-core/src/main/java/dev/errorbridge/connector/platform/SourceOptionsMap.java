package dev.errorbridge.connector.platform;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.PlatformOptions;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceConnectionInvalidException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a connection's options from the string map the settings API stores ({@code
 * source.options}), reporting every problem at once. Every polled platform takes the keys below;
 * each platform's own keys are its {@link PollSupport#optionKeys()}, documented on its options
 * record.
 *
 * <table>
 *   <caption>Option keys of every polled platform</caption>
 *   <tr><th>Key</th><th>Value</th></tr>
 *   <tr><td>{@code lookback}</td><td>ISO 8601 duration, e.g. {@code PT2H}</td></tr>
 *   <tr><td>{@code requestTimeout}</td><td>ISO 8601 duration, e.g. {@code PT15S}</td></tr>
 *   <tr><td>{@code consoleUrlTemplate}</td><td>https URL with {@code {executionId}}, {@code
 *       {workflowId}}</td></tr>
 *   <tr><td>{@code pollInterval}</td><td>ISO 8601 duration from {@code PT30S} to {@code P1D}, e.g.
 *       {@code PT5M}: how often the scheduler polls the connection (the sources do not read
 *       it)</td></tr>
 * </table>
 */
public final class SourceOptionsMap {
  /** The option that sets how often the scheduler polls the connection. */
  public static final String POLL_INTERVAL = "pollInterval";

  /** Shorter intervals would spend the platforms' request budgets (Trigify: 100/min) on polling. */
  public static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(30);

  public static final Duration MAX_POLL_INTERVAL = Duration.ofDays(1);

  /** The keys every polled platform takes. */
  public static final Set<String> COMMON_KEYS =
      Set.of("lookback", "requestTimeout", "consoleUrlTemplate", POLL_INTERVAL);

  private SourceOptionsMap() {}

  /**
   * Applies {@code options} to {@code builder} (a builder for {@code platform}).
   *
   * @param polling how {@code platform} is polled, or {@code null} when it is not
   * @throws SourceConnectionInvalidException listing every unknown key and invalid value
   */
  public static SourceConnection.Builder apply(
      Platform platform,
      PollSupport polling,
      Map<String, String> options,
      SourceConnection.Builder builder) {
    if (polling == null) {
      throw new SourceConnectionInvalidException(
          List.of("platform " + platform + " is not polled and takes no source options"));
    }
    OptionValues values = new OptionValues(options);
    Set<String> known = polling.optionKeys();
    for (String key : new TreeSet<>(values.keys())) {
      if (!known.contains(key) && !COMMON_KEYS.contains(key)) {
        values.problem(
            "unknown option "
                + key
                + " for "
                + platform.id()
                + " (known: "
                + new TreeSet<>(known)
                + " and "
                + new TreeSet<>(COMMON_KEYS)
                + ")");
      }
    }
    Duration lookback = values.duration("lookback");
    Duration timeout = values.duration("requestTimeout");
    pollInterval(values);
    PlatformOptions platformOptions;
    try {
      platformOptions = polling.readOptions(values);
    } catch (SourceConnectionInvalidException e) {
      values.problems(e.problems());
      platformOptions = null;
    }
    if (!values.problems().isEmpty()) {
      throw new SourceConnectionInvalidException(values.problems());
    }
    if (lookback != null) {
      builder.lookback(lookback);
    }
    if (timeout != null) {
      builder.requestTimeout(timeout);
    }
    return builder.consoleUrlTemplate(values.text("consoleUrlTemplate")).options(platformOptions);
  }

  /** Checked here, where the settings API asks; the scheduler reads it from the stored options. */
  private static void pollInterval(OptionValues values) {
    if (!values.has(POLL_INTERVAL)) {
      return;
    }
    String value = values.text(POLL_INTERVAL);
    Duration interval = null;
    try {
      interval = value == null ? null : Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      // reported below
    }
    if (interval == null
        || interval.compareTo(MIN_POLL_INTERVAL) < 0
        || interval.compareTo(MAX_POLL_INTERVAL) > 0) {
      values.problem(
          "option "
              + POLL_INTERVAL
              + " must be an ISO 8601 duration from PT30S to P1D, e.g. PT5M (every five"
              + " minutes); leave it out to poll every minute");
    }
  }
}
