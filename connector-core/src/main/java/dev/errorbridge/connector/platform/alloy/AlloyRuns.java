package dev.errorbridge.connector.platform.alloy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.http.ErrorValue;
import dev.errorbridge.connector.source.http.FailureFactory;
import dev.errorbridge.connector.source.http.JsonFields;
import dev.errorbridge.connector.source.http.Origin;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps Alloy executions to failures. Alloy has no run status or run error: the status is the
 * notification's {@code message} ({@code executionError}), the failed steps are the blocks whose
 * {@code runData[blockId].error} is set (named through {@code metadata[blockId]}), and the first of
 * them stands in for the run error.
 */
final class AlloyRuns {
  private final FailureFactory factory;

  AlloyRuns(SourceConnection connection, Clock clock) {
    this.factory = new FailureFactory(connection, clock);
  }

  /**
   * The failure of {@code executionId}.
   *
   * @param origin where {@code detail} came from
   * @param note the {@code GET /logs} notification, or {@code null} on a recheck
   * @param detail {@code GET /logs/{id}}'s {@code data}, or {@code null} when Alloy no longer has
   *     it
   */
  FailedExecution failure(Origin origin, String executionId, JsonFields note, JsonFields detail) {
    List<FailedStep> steps = detail == null ? List.of() : failedSteps(detail);
    String workflowId = first(note, detail, "workflowId");
    if (workflowId == null) {
      workflowId = first(note, detail, "forgeWorkflowId");
    }
    if (workflowId == null) {
      throw (note != null ? note : detail).invalid("workflowId", "is missing");
    }
    JsonFields forge = note == null ? null : note.object("forgeWorkflow");
    Long version = note == null ? null : note.longValue("workflowVersion");
    return factory.failure(
        origin,
        new Workflow(
            workflowId,
            forge == null ? null : forge.text("name"),
            version == null ? null : "" + version),
        factory.execution(
            executionId,
            AlloyLogQuery.EXECUTION_ERROR,
            Outcome.FAILED,
            detail == null ? null : detail.text("executionMode"),
            instant(detail, "startedAt", note, "startedAt"),
            instant(detail, "stoppedAt", note, "completedAt"),
            null,
            factory.consoleUrl(workflowId, executionId, null)),
        steps.isEmpty() ? null : FailureFactory.runError(steps.get(0).errorMessage(), null),
        steps,
        detail != null ? detail.json() : note.json());
  }

  /** The blocks with an error, in {@code runData}'s order. */
  static List<FailedStep> failedSteps(JsonFields detail) {
    JsonFields runData = detail.object("runData");
    if (runData == null) {
      return List.of();
    }
    JsonFields metadata = detail.object("metadata");
    List<FailedStep> steps = new ArrayList<>();
    for (Map.Entry<String, JsonFields> block : runData.members().entrySet()) {
      ErrorValue error = ErrorValue.of(block.getValue().raw("error"));
      if (error == null) {
        continue;
      }
      JsonFields meta = metadata == null ? null : metadata.object(block.getKey());
      JsonNode inputs = meta == null ? null : meta.raw("inputs");
      steps.add(
          new FailedStep(
              block.getKey(),
              meta == null ? null : meta.text("name"),
              meta == null ? null : meta.text("type"),
              error.message(),
              error.detail(),
              error.httpStatus() != null ? error.httpStatus() : statusCode(block.getValue()),
              inputs == null || inputs.isEmpty() ? null : JsonFields.toJson(inputs),
              null));
    }
    return steps;
  }

  /** The first HTTP status in the block's {@code data[[{statusCode}]]}, if any. */
  private static Integer statusCode(JsonFields block) {
    JsonNode data = block.raw("data");
    if (data == null || !data.isArray()) {
      return null;
    }
    for (JsonNode run : data) {
      for (JsonNode item : run.isArray() ? run : List.<JsonNode>of()) {
        JsonNode code = item.get("statusCode");
        if (code != null && code.canConvertToInt()) {
          Integer status = FailureFactory.httpStatus((long) code.asInt());
          if (status != null) {
            return status;
          }
        }
      }
    }
    return null;
  }

  private static Instant instant(
      JsonFields detail, String detailField, JsonFields note, String noteField) {
    if (detail != null && detail.has(detailField)) {
      return detail.instant(detailField);
    }
    return note == null ? null : note.instant(noteField);
  }

  private static String first(JsonFields note, JsonFields detail, String field) {
    String value = note == null ? null : note.text(field);
    return value != null || detail == null ? value : detail.text(field);
  }
}
