package dev.errorbridge.connector.platform.dify;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.Execution;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.platform.RunDetailChecks;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.http.FailureFactory;
import dev.errorbridge.connector.source.http.JsonFields;
import dev.errorbridge.connector.source.http.JsonResponse;
import dev.errorbridge.connector.source.http.Origin;
import dev.errorbridge.connector.source.http.Query;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/** Maps Dify runs to failures: statuses, times, the console link. */
final class DifyRuns {
  private final DifyOptions options;
  private final FailureFactory factory;
  private final String appLogsUrl;

  DifyRuns(SourceConnection connection, DifyOptions options, Clock clock) {
    this.options = options;
    this.factory = new FailureFactory(connection, clock);
    this.appLogsUrl = appLogsUrl(connection.baseUrl(), options.appId());
  }

  /**
   * The outcome of a terminal failure status, or {@code null} for success, non-terminal and unknown
   * statuses.
   */
  static Outcome outcomeOf(String status) {
    return switch (status) {
      case "failed" -> Outcome.FAILED;
      case "stopped" -> Outcome.STOPPED;
      case "partial-succeeded" -> Outcome.PARTIAL;
      default -> null;
    };
  }

  /** Not ended: {@code running}, {@code paused} (human input), {@code suspended} (its old name). */
  static boolean isRunning(String status) {
    return "running".equals(status) || "paused".equals(status) || "suspended".equals(status);
  }

  /**
   * The failure from the run detail; {@code logRun} (the log row's {@code workflow_run}, or {@code
   * null} on a recheck) adds the version and trigger, which only the log carries.
   *
   * @param id the run asked for: the detail must name it
   * @param status the status the log listed (the detail must report it), or on a recheck the
   *     detail's own
   * @throws dev.errorbridge.connector.source.SourceResponseInvalidException when the detail names
   *     another run or reports another status than the log: an inconsistent answer must not become
   *     an event for another run, or a FAILED event for a run that succeeded
   */
  FailedExecution fromDetail(
      JsonResponse detail, String id, String status, Outcome outcome, JsonFields logRun) {
    JsonFields run = detail.body();
    requireRun(run, id);
    String reported = run.requiredText("status");
    if (!reported.equals(status)) {
      throw RunDetailChecks.contradicts(
          run, "status", reported, "a run the log lists as " + status);
    }
    String error = run.text("error");
    return factory.failure(
        detail.origin(),
        workflow(logRun == null ? null : logRun.text("version")),
        execution(id, status, outcome, logRun, run),
        FailureFactory.runError(
            error != null || logRun == null ? error : logRun.text("error"), null),
        List.of(),
        run.json());
  }

  /** Checks that a run detail names run {@code id}, the run asked for. */
  static void requireRun(JsonFields detail, String id) {
    RunDetailChecks.requireNamed(detail, "id", id, "run");
  }

  /** The failure from the log row alone, when the detail is gone. */
  FailedExecution fromLogRow(Origin origin, JsonFields logRun, String status, Outcome outcome) {
    return factory.failure(
        origin,
        workflow(logRun.text("version")),
        execution(logRun.requiredText("id"), status, outcome, logRun, logRun),
        FailureFactory.runError(logRun.text("error"), null),
        List.of(),
        logRun.json());
  }

  private Workflow workflow(String version) {
    return new Workflow(options.appId(), options.appName(), version);
  }

  private Execution execution(
      String id, String status, Outcome outcome, JsonFields logRun, JsonFields run) {
    Double elapsed = run.doubleValue("elapsed_time");
    if (elapsed == null && logRun != null) {
      elapsed = logRun.doubleValue("elapsed_time");
    }
    return factory.execution(
        id,
        status,
        outcome,
        logRun == null ? null : logRun.text("triggered_from"),
        first(run, logRun, "created_at"),
        first(run, logRun, "finished_at"),
        FailureFactory.millis(elapsed),
        factory.consoleUrl(options.appId(), id, appLogsUrl));
  }

  /** {@code field} of {@code run}, else of {@code logRun} (when there is one). */
  private static java.time.Instant first(JsonFields run, JsonFields logRun, String field) {
    java.time.Instant value = run.instant(field);
    return value != null || logRun == null ? value : logRun.instant(field);
  }

  /**
   * The app's log page in the Dify console: {@code cloud.dify.ai} for Dify Cloud, the API's host
   * without {@code /v1} when self-hosted. Dify has no link to a single run.
   */
  static String appLogsUrl(URI baseUrl, String appId) {
    String origin;
    if ("api.dify.ai".equals(baseUrl.getHost())) {
      origin = "https://cloud.dify.ai";
    } else {
      String text = baseUrl.toString();
      origin = text.endsWith("/v1") ? text.substring(0, text.length() - 3) : text;
    }
    return origin + "/app/" + Query.encode(appId) + "/logs";
  }
}
