package dev.errorbridge.connector.source;

import dev.errorbridge.connector.Platform;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a connection's options from the string map the settings API stores ({@code
 * source.options}), reporting every problem at once. Keys, all optional unless marked:
 *
 * <table>
 *   <caption>Option keys</caption>
 *   <tr><th>Platform</th><th>Key</th><th>Value</th></tr>
 *   <tr><td>all</td><td>{@code lookback}</td><td>ISO 8601 duration, e.g. {@code PT2H}</td></tr>
 *   <tr><td>all</td><td>{@code requestTimeout}</td><td>ISO 8601 duration, e.g. {@code PT15S}</td></tr>
 *   <tr><td>all</td><td>{@code consoleUrlTemplate}</td><td>https URL with {@code {executionId}},
 *       {@code {workflowId}}</td></tr>
 *   <tr><td>all</td><td>{@code pollInterval}</td><td>ISO 8601 duration from {@code PT30S} to {@code
 *       P1D}, e.g. {@code PT5M}: how often the scheduler polls the connection (the sources do not
 *       read it)</td></tr>
 *   <tr><td>alloy</td><td>{@code generation}</td><td>{@code 2025-09} (default), {@code 2024-03},
 *       {@code 2023-12}</td></tr>
 *   <tr><td>alloy</td><td>{@code userId}, {@code pageSize}, {@code serverTimeFilter}</td><td>see
 *       {@link AlloyOptions}</td></tr>
 *   <tr><td>dify</td><td>{@code appId} (required), {@code appName}, {@code pageSize}</td><td>see
 *       {@link DifyOptions}</td></tr>
 *   <tr><td>trigify</td><td>{@code pageSize}, {@code requestsPerMinute}, {@code workflowStatus},
 *       {@code maxPagesPerWorkflow}</td><td>see {@link TrigifyOptions}</td></tr>
 *   <tr><td>runflow</td><td>{@code pageSize}, {@code organizationId}, {@code nodeRuns}</td><td>see
 *       {@link RunflowOptions}</td></tr>
 * </table>
 */
public final class SourceOptionsMap {
  /** The option that sets how often the scheduler polls the connection. */
  public static final String POLL_INTERVAL = "pollInterval";

  /** Shorter intervals would spend the platforms' request budgets (Trigify: 100/min) on polling. */
  public static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(30);

  public static final Duration MAX_POLL_INTERVAL = Duration.ofDays(1);

  private static final Set<String> COMMON =
      Set.of("lookback", "requestTimeout", "consoleUrlTemplate", POLL_INTERVAL);
  private static final Map<Platform, Set<String>> KEYS =
      Map.of(
          Platform.ALLOY, Set.of("generation", "userId", "pageSize", "serverTimeFilter"),
          Platform.DIFY, Set.of("appId", "appName", "pageSize"),
          Platform.TRIGIFY,
              Set.of("pageSize", "requestsPerMinute", "workflowStatus", "maxPagesPerWorkflow"),
          Platform.RUNFLOW, Set.of("pageSize", "organizationId", "nodeRuns"),
          Platform.N8N, Set.of("pageSize", "manualRuns"));

  private final Map<String, String> values;
  private final List<String> problems = new ArrayList<>();

  private SourceOptionsMap(Map<String, String> values) {
    this.values = values == null ? Map.of() : values;
  }

  /**
   * Applies {@code options} to {@code builder} (a builder for a polled platform).
   *
   * @throws SourceConnectionInvalidException listing every unknown key and invalid value
   */
  public static SourceConnection.Builder apply(
      Platform platform, Map<String, String> options, SourceConnection.Builder builder) {
    SourceOptionsMap map = new SourceOptionsMap(options);
    Set<String> known = KEYS.get(platform);
    if (known == null) {
      throw new SourceConnectionInvalidException(
          List.of("platform " + platform + " is not polled and takes no source options"));
    }
    for (String key : new TreeSet<>(map.values.keySet())) {
      if (!known.contains(key) && !COMMON.contains(key)) {
        map.problems.add(
            "unknown option "
                + key
                + " for "
                + platform.id()
                + " (known: "
                + new TreeSet<>(known)
                + " and "
                + new TreeSet<>(COMMON)
                + ")");
      }
    }
    Duration lookback = map.duration("lookback");
    Duration timeout = map.duration("requestTimeout");
    map.pollInterval();
    PlatformOptions platformOptions = map.platformOptions(platform);
    if (!map.problems.isEmpty()) {
      throw new SourceConnectionInvalidException(map.problems);
    }
    if (lookback != null) {
      builder.lookback(lookback);
    }
    if (timeout != null) {
      builder.requestTimeout(timeout);
    }
    return builder
        .consoleUrlTemplate(map.values.get("consoleUrlTemplate"))
        .options(platformOptions);
  }

  private PlatformOptions platformOptions(Platform platform) {
    try {
      return switch (platform) {
        case ALLOY -> alloy();
        case DIFY ->
            new DifyOptions(
                values.get("appId"),
                values.get("appName"),
                integer("pageSize", DifyOptions.MAX_PAGE_SIZE));
        case TRIGIFY ->
            new TrigifyOptions(
                integer("pageSize", TrigifyOptions.MAX_PAGE_SIZE),
                integer("requestsPerMinute", TrigifyOptions.MAX_REQUESTS_PER_MINUTE),
                values.get("workflowStatus"),
                integer("maxPagesPerWorkflow", TrigifyOptions.DEFAULT_MAX_PAGES_PER_WORKFLOW));
        case RUNFLOW ->
            new RunflowOptions(
                integer("pageSize", RunflowOptions.MAX_PAGE_SIZE),
                values.get("organizationId"),
                bool("nodeRuns", true));
        case N8N ->
            new dev.errorbridge.connector.platform.n8n.N8nOptions(
                integer(
                    "pageSize",
                    dev.errorbridge.connector.platform.n8n.N8nOptions.DEFAULT_PAGE_SIZE),
                bool("manualRuns", false));
        case WEBHOOK -> null;
      };
    } catch (SourceConnectionInvalidException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  private AlloyOptions alloy() {
    String generation = values.getOrDefault("generation", "2025-09");
    AlloyApiGeneration found = null;
    for (AlloyApiGeneration candidate : AlloyApiGeneration.values()) {
      if (candidate.version().equals(generation)) {
        found = candidate;
      }
    }
    if (found == null) {
      problems.add("option generation must be 2025-09, 2024-03 or 2023-12");
    }
    return new AlloyOptions(
        found == null ? AlloyApiGeneration.V2025_09 : found,
        integer("pageSize", AlloyOptions.DEFAULT_PAGE_SIZE),
        values.get("userId"),
        bool("serverTimeFilter", true));
  }

  private int integer(String key, int fallback) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      problems.add("option " + key + " must be a whole number");
      return fallback;
    }
  }

  private boolean bool(String key, boolean fallback) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    if (!value.equals("true") && !value.equals("false")) {
      problems.add("option " + key + " must be true or false");
      return fallback;
    }
    return Boolean.parseBoolean(value);
  }

  /** Checked here, where the settings API asks; the scheduler reads it from the stored options. */
  private void pollInterval() {
    if (!values.containsKey(POLL_INTERVAL)) {
      return;
    }
    String value = values.get(POLL_INTERVAL);
    Duration interval = null;
    try {
      interval = value == null ? null : Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      // reported below
    }
    if (interval == null
        || interval.compareTo(MIN_POLL_INTERVAL) < 0
        || interval.compareTo(MAX_POLL_INTERVAL) > 0) {
      problems.add(
          "option "
              + POLL_INTERVAL
              + " must be an ISO 8601 duration from PT30S to P1D, e.g. PT5M (every five"
              + " minutes); leave it out to poll every minute");
    }
  }

  private Duration duration(String key) {
    String value = values.get(key);
    if (value == null) {
      return null;
    }
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      problems.add("option " + key + " must be an ISO 8601 duration such as PT2H");
      return null;
    }
  }
}
