package dev.errorbridge.connector.platform.runflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.Execution;
import dev.errorbridge.connector.FailedExecution.RunError;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.http.JsonFields;
import dev.errorbridge.connector.webhook.spi.ParsedFailures;
import dev.errorbridge.connector.webhook.spi.WebhookBody;
import dev.errorbridge.connector.webhook.spi.WebhookParser;
import dev.errorbridge.connector.webhook.spi.WebhookPayloadInvalidException;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Runflow run callbacks:
 *
 * <pre>{@code
 * {"event":"run.failed","run_id":"0194c7a2-…","status":"failed",
 *  "output":{"code":"NODE_FAILED","message":"…"},"duration_ms":88012,
 *  "created_at":"2026-02-03T09:05:12+00:00","completed_at":"2026-02-03T09:06:40+00:00",
 *  "metadata":{…}}
 * }</pre>
 *
 * <ul>
 *   <li>{@code run.failed} → {@link Outcome#FAILED}, {@code run.cancelled} (or {@code
 *       run.canceled}) → {@link Outcome#STOPPED}, {@code run.partial_succeeded} → {@link
 *       Outcome#PARTIAL}; any other event (e.g. {@code run.completed}) is {@link
 *       WebhookReceipt.Ignored ignored};
 *   <li>the execution id is {@code run_id} (or {@code batch_id} for a batch envelope);
 *   <li>callbacks do not name the flow: the workflow id is {@code flow_id}, {@code model_id} or
 *       {@code comfyui_workflow_id} when present, else {@value #UNKNOWN_WORKFLOW_ID} (the event id
 *       does not depend on it, so the poll view of the run still deduplicates);
 *   <li>the error is the failure {@code output} envelope's message and code (its shape is
 *       undocumented: {@code message}/{@code code}, or a nested {@code error}), else {@code
 *       failure_message}/{@code failure_code};
 *   <li>{@code started_at} when present (callbacks carry only {@code created_at}, which is
 *       queueing, not starting), {@code completed_at}, {@code duration_ms}; the raw body rides
 *       along.
 * </ul>
 */
public final class RunflowCallbackParser implements WebhookParser {
  public static final String UNKNOWN_WORKFLOW_ID = "unknown";

  private static final Map<String, Outcome> OUTCOMES =
      Map.of(
          "run.failed", Outcome.FAILED,
          "run.cancelled", Outcome.STOPPED,
          "run.canceled", Outcome.STOPPED,
          "run.partial_succeeded", Outcome.PARTIAL);

  private static final Map<Outcome, String> STATUSES =
      Map.of(
          Outcome.FAILED, "failed",
          Outcome.STOPPED, "cancelled",
          Outcome.PARTIAL, "partial_succeeded");

  @Override
  public WebhookReceipt parse(WebhookRequest request, WebhookBody body, WebhookSettings settings) {
    JsonNode json = body.json();
    if (!json.isObject()) {
      throw new WebhookPayloadInvalidException(
          List.of("body must be a JSON object (a Runflow callback)"));
    }
    List<String> problems = new ArrayList<>();
    String event = JsonFields.nonBlankText(json.at("/event"));
    if (event == null) {
      problems.add("event is required, e.g. run.failed");
    }
    String runId = JsonFields.firstText(json, "/run_id", "/batch_id");
    if (runId == null) {
      problems.add("run_id is required");
    }
    Instant startedAt = JsonFields.timestampAt(json, "/started_at", "started_at", problems);
    Instant finishedAt = JsonFields.timestampAt(json, "/completed_at", "completed_at", problems);
    if (event != null && !OUTCOMES.containsKey(event)) {
      // Decided before other problems: a success's shape is not ours to judge.
      return new WebhookReceipt.Ignored(
          "not a failure: only run.failed, run.cancelled and run.partial_succeeded are streamed");
    }
    ParsedFailures.throwIfAny(problems);
    Outcome outcome = OUTCOMES.get(event);
    String status = JsonFields.nonBlankText(json.at("/status"));
    JsonNode duration = json.at("/duration_ms");
    Long durationMs =
        duration.isIntegralNumber() && duration.canConvertToLong() && duration.longValue() >= 0
            ? duration.longValue()
            : null;
    String workflowId = JsonFields.firstText(json, "/flow_id", "/model_id", "/comfyui_workflow_id");
    return ParsedFailures.accept(
        () ->
            new FailedExecution(
                Platform.RUNFLOW,
                settings.tenantId(),
                settings.connectionId(),
                new Workflow(
                    workflowId == null ? UNKNOWN_WORKFLOW_ID : workflowId,
                    null,
                    JsonFields.firstText(json, "/flow_version_id", "/target_version")),
                new Execution(
                    runId,
                    status == null ? STATUSES.get(outcome) : status,
                    outcome,
                    JsonFields.firstText(json, "/source_code"),
                    startedAt,
                    finishedAt,
                    durationMs,
                    null),
                runError(json),
                List.of(),
                ParsedFailures.delivery(request),
                body.text()));
  }

  private static RunError runError(JsonNode json) {
    JsonNode output = json.at("/output");
    String message;
    String code;
    if (output.isTextual()) {
      message = JsonFields.nonBlankText(output);
      code = null;
    } else {
      message = JsonFields.firstText(output, "/message", "/error/message", "/error", "/detail");
      code = JsonFields.firstText(output, "/code", "/error/code", "/failure_code");
    }
    if (message == null) {
      message = JsonFields.firstText(json, "/failure_message");
    }
    if (code == null) {
      code = JsonFields.firstText(json, "/failure_code");
    }
    return message == null && code == null ? null : new RunError(message, code);
  }
}
