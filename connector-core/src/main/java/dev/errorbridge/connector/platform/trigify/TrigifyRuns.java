package dev.errorbridge.connector.platform.trigify;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.platform.RunDetailChecks;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.http.ErrorValue;
import dev.errorbridge.connector.source.http.FailureFactory;
import dev.errorbridge.connector.source.http.JsonFields;
import dev.errorbridge.connector.source.http.JsonResponse;
import dev.errorbridge.connector.source.http.Origin;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps Trigify executions to failures: {@code failed} is the only failure status; the failed steps
 * are {@code steps[]} with status {@code failed}, whose {@code error} is a string or an object.
 */
final class TrigifyRuns {
  private final FailureFactory factory;

  TrigifyRuns(SourceConnection connection, Clock clock) {
    this.factory = new FailureFactory(connection, clock);
  }

  /** Not ended yet: {@code running}, and the queue states other Trigify pages mention. */
  static boolean isRunning(String status) {
    return "running".equals(status) || "pending".equals(status) || "queued".equals(status);
  }

  /**
   * The failure of a failed execution.
   *
   * @param row the list row, or {@code null} on a recheck
   * @param detail the execution detail's {@code data}, or {@code null} when Trigify has lost it
   */
  FailedExecution failure(
      Origin origin, String workflowId, String workflowName, JsonFields row, JsonFields detail) {
    JsonFields run = detail != null ? detail : row;
    String runId = run.requiredText("run_id");
    ErrorValue error = ErrorValue.of(run.raw("error"));
    if (error == null && detail != null && row != null) {
      error = ErrorValue.of(row.raw("error"));
    }
    Long duration = run.longValue(detail != null ? "duration_ms" : "duration");
    return factory.failure(
        origin,
        new Workflow(workflowId, workflowName, null),
        factory.execution(
            runId,
            run.requiredText("status"),
            Outcome.FAILED,
            detail == null ? null : detail.text("event_name"),
            first(run.instant("started_at"), row, "started_at"),
            first(detail == null ? null : detail.instant("ended_at"), row, "completed_at"),
            duration,
            factory.consoleUrl(workflowId, runId, null)),
        error == null ? null : FailureFactory.runError(error.message(), error.code()),
        detail == null ? List.of() : failedSteps(detail),
        run.json());
  }

  private static List<FailedStep> failedSteps(JsonFields detail) {
    List<FailedStep> steps = new ArrayList<>();
    for (JsonFields step : detail.array("steps")) {
      String status = step.text("status");
      ErrorValue error = ErrorValue.of(step.raw("error"));
      if (!"failed".equals(status) && (status != null || error == null)) {
        continue;
      }
      String id = step.text("step_id");
      steps.add(
          new FailedStep(
              id != null ? id : step.requiredText("step_name"),
              step.text("step_name"),
              step.text("operation"),
              error == null ? null : error.message(),
              error == null ? null : error.detail(),
              error == null ? null : error.httpStatus(),
              JsonFields.toJson(step.raw("input")),
              JsonFields.toJson(step.raw("output"))));
    }
    return steps;
  }

  /**
   * The time the scan window places a list row at: when it started, else (a run that failed before
   * it started, or is queued) when it completed; {@code null} when the row has neither, and is
   * placed where it was first seen.
   */
  static Instant listedAt(JsonFields row) {
    Instant started = row.instant("started_at");
    return started != null ? started : row.instant("completed_at");
  }

  /**
   * The {@code data} of an execution detail, which must name run {@code runId} and, when {@code
   * status} is given (the status the list showed), report it.
   *
   * @throws dev.errorbridge.connector.source.SourceResponseInvalidException when it does not: an
   *     inconsistent answer must not become another run's event or a failure of a run that did not
   *     fail
   */
  static JsonFields detailOf(JsonResponse detail, String runId, String status) {
    JsonFields data = detail.body().requiredObject("data");
    RunDetailChecks.requireNamed(data, "run_id", runId, "run");
    String reported = data.requiredText("status");
    if (status != null && !reported.equals(status)) {
      throw RunDetailChecks.contradicts(
          data, "status", reported, "a run the list shows as " + status);
    }
    return data;
  }

  /** {@code value}, else {@code field} of the list row (when there is one). */
  private static Instant first(Instant value, JsonFields row, String field) {
    return value != null || row == null ? value : row.instant(field);
  }
}
