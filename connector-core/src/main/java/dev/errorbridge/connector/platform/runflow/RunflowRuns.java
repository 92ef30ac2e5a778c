package dev.errorbridge.connector.platform.runflow;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.platform.RunDetailChecks;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.http.FailureFactory;
import dev.errorbridge.connector.source.http.JsonFields;
import dev.errorbridge.connector.source.http.JsonResponse;
import dev.errorbridge.connector.source.http.Origin;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps Runflow runs to failures. The workflow is the run's target: its flow, else its model or
 * ComfyUI workflow. Failed steps are the node runs with an {@code error_message} (their {@code
 * state_code} vocabulary is undocumented), identified by {@code node_id}.
 */
final class RunflowRuns {
  /** Stands in for a run that names no target at all (none has been seen). */
  static final String NO_TARGET = "unknown";

  private final FailureFactory factory;

  RunflowRuns(SourceConnection connection, Clock clock) {
    this.factory = new FailureFactory(connection, clock);
  }

  /**
   * The outcome of a terminal failure status, or {@code null}. Both spellings of cancelled are used
   * by Runflow (the SDK's {@code canceled}, the callbacks' {@code run.cancelled}).
   */
  static Outcome outcomeOf(String status) {
    return switch (status) {
      case "failed" -> Outcome.FAILED;
      case "canceled", "cancelled" -> Outcome.STOPPED;
      case "partial_succeeded" -> Outcome.PARTIAL;
      default -> null;
    };
  }

  static boolean isRunning(String status) {
    return "queued".equals(status) || "running".equals(status);
  }

  /**
   * A run detail, which must name run {@code id} and, when {@code listed} is given (the outcome the
   * list showed), end with that outcome.
   *
   * @throws dev.errorbridge.connector.source.SourceResponseInvalidException when it does not: an
   *     inconsistent answer must not become another run's event, or a failure of a run that did not
   *     fail
   */
  static JsonFields detailOf(JsonResponse detail, String id, Outcome listed) {
    JsonFields run = detail.body();
    RunDetailChecks.requireNamed(run, "id", id, "run");
    RunDetailChecks.requireListedOutcome(
        run, "status_code", RunflowRuns::outcomeOf, listed, "a run");
    return run;
  }

  /** The run's workflow id, for the request's workflow filter. */
  static String targetId(JsonFields run) {
    for (String field : List.of("flow_id", "model_id", "comfyui_workflow_id")) {
      String id = run.text(field);
      if (id != null) {
        return id;
      }
    }
    return NO_TARGET;
  }

  /**
   * The failure of {@code run} (the detail, or the list row when the detail is gone), with the node
   * runs that carry an error.
   */
  FailedExecution failure(Origin origin, JsonFields run, Outcome outcome, List<JsonFields> nodes) {
    return failure(origin, run, outcome, nodes, null);
  }

  /**
   * The failure of {@code run}, whose {@code status_code} may be missing from a list row: then
   * {@code listedStatus}, the status the list was asked for, stands in.
   */
  FailedExecution failure(
      Origin origin, JsonFields run, Outcome outcome, List<JsonFields> nodes, String listedStatus) {
    String id = run.requiredText("id");
    String status =
        listedStatus == null ? run.requiredText("status_code") : run.text("status_code");
    String workflowId = targetId(run);
    JsonFields flow = run.object("flow");
    String version = run.text("flow_version_id");
    return factory.failure(
        origin,
        new Workflow(
            workflowId,
            flow == null ? null : flow.text("name"),
            version != null ? version : run.text("target_version")),
        factory.execution(
            id,
            status != null ? status : listedStatus,
            outcome,
            run.text("source_code"),
            run.has("started_at") ? run.instant("started_at") : run.instant("created_at"),
            run.instant("completed_at"),
            run.longValue("duration_ms"),
            factory.consoleUrl(workflowId, id, null)),
        FailureFactory.runError(run.text("failure_message"), run.text("failure_code")),
        failedSteps(nodes),
        run.json());
  }

  private static List<FailedStep> failedSteps(List<JsonFields> nodes) {
    List<FailedStep> steps = new ArrayList<>();
    for (JsonFields node : nodes) {
      String error = node.text("error_message");
      if (error == null && !"failed".equals(node.text("state_code"))) {
        continue;
      }
      String id = node.text("node_id");
      steps.add(
          new FailedStep(
              id != null ? id : node.requiredText("id"),
              node.text("node_name"),
              null,
              error,
              null,
              null,
              JsonFields.toJson(node.raw("input")),
              JsonFields.toJson(node.raw("output"))));
    }
    return steps;
  }
}
