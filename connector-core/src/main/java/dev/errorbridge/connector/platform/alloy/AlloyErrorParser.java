package dev.errorbridge.connector.platform.alloy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.Execution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.FailedExecution.RunError;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.http.JsonFields;
import dev.errorbridge.connector.webhook.spi.ParsedFailures;
import dev.errorbridge.connector.webhook.spi.WebhookBody;
import dev.errorbridge.connector.webhook.spi.WebhookParser;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Alloy's error-streaming webhook (Settings → Logging). Alloy documents only the headers; the
 * body is "raw error data" of no documented shape, so it is read defensively and kept whole as the
 * raw payload.
 *
 * <ul>
 *   <li>workflow id: {@code X-Alloy-WorkflowId}, else {@code workflowId} in the body (required);
 *   <li>execution id: {@code X-Alloy-ExecutionUuid}, else {@code executionUuid} or {@code
 *       executionId} in the body (required). This is the 21-character uuid, while the poller sees
 *       the 24-hex {@code executionId}, and the event id comes from the execution id. When the
 *       connection also has Alloy API credentials, {@link AlloyWebhookEnricher} replaces this
 *       failure with the poller's before delivery (found through {@code GET /logs}), so both views
 *       share one event id; without credentials, or when the lookup fails, the failure parsed here
 *       is delivered and a poll of the same run publishes it again under its own id;
 *   <li>the failed step: {@code X-Alloy-BlockName} (its id and name; Alloy sends no block id) and
 *       {@code X-Alloy-BlockType};
 *   <li>error message: the body itself if it is a string, else the first text of {@code error},
 *       {@code error.message}, {@code errorMessage}, {@code error_message}, {@code message} (except
 *       the log type {@code executionError}), {@code data.error}, {@code data.message}; code:
 *       {@code code}, {@code errorCode}, {@code error_code}, {@code error.code}; HTTP status:
 *       {@code statusCode} or {@code error.statusCode};
 *   <li>times ({@code startedAt}, {@code stoppedAt}/{@code completedAt}) and trigger ({@code
 *       executionMode}) when present and readable; unreadable ones are dropped, not refused.
 * </ul>
 *
 * Every Alloy webhook is a failure: status {@value #STATUS}, outcome {@link Outcome#FAILED}.
 */
public final class AlloyErrorParser implements WebhookParser {
  public static final String WORKFLOW_ID_HEADER = "X-Alloy-WorkflowId";
  public static final String USER_ID_HEADER = "X-Alloy-UserId";
  public static final String BLOCK_NAME_HEADER = "X-Alloy-BlockName";
  public static final String BLOCK_TYPE_HEADER = "X-Alloy-BlockType";
  public static final String EXECUTION_UUID_HEADER = "X-Alloy-ExecutionUuid";

  /** The status of every Alloy failure: the log message type of {@code GET /logs}. */
  public static final String STATUS = "executionError";

  @Override
  public WebhookReceipt parse(WebhookRequest request, WebhookBody body, WebhookSettings settings) {
    JsonNode json = body.json();
    List<String> problems = new ArrayList<>();
    String workflowId = header(request, WORKFLOW_ID_HEADER);
    if (workflowId == null) {
      workflowId = JsonFields.firstText(json, "/workflowId", "/data/workflowId");
    }
    if (workflowId == null) {
      problems.add(WORKFLOW_ID_HEADER + " header (or workflowId in the body) is required");
    }
    String executionId = header(request, EXECUTION_UUID_HEADER);
    if (executionId == null) {
      executionId =
          JsonFields.firstText(
              json, "/executionUuid", "/data/executionUuid", "/executionId", "/data/executionId");
    }
    if (executionId == null) {
      problems.add(EXECUTION_UUID_HEADER + " header (or executionUuid in the body) is required");
    }
    ParsedFailures.throwIfAny(problems);

    String message = json.isTextual() ? JsonFields.nonBlankText(json) : message(json);
    String code = JsonFields.firstText(json, "/code", "/errorCode", "/error_code", "/error/code");
    Integer httpStatus = httpStatus(json);
    Instant startedAt = lenientTimestamp(json, "/startedAt");
    Instant finishedAt = lenientTimestamp(json, "/stoppedAt");
    if (finishedAt == null) {
      finishedAt = lenientTimestamp(json, "/completedAt");
    }
    if (startedAt != null && finishedAt != null && finishedAt.isBefore(startedAt)) {
      startedAt = null; // an undocumented body is not worth refusing over its times
    }
    String blockName = header(request, BLOCK_NAME_HEADER);
    String blockType = header(request, BLOCK_TYPE_HEADER);
    List<FailedStep> steps =
        blockName == null && blockType == null
            ? List.of()
            : List.of(
                new FailedStep(
                    blockName != null ? blockName : blockType,
                    blockName,
                    blockType,
                    message,
                    json.at("/error").isObject() ? json.at("/error").toString() : null,
                    httpStatus,
                    null,
                    null));
    String workflow = workflowId;
    String execution = executionId;
    Instant started = startedAt;
    Instant finished = finishedAt;
    return ParsedFailures.accept(
        () ->
            new FailedExecution(
                Platform.ALLOY,
                settings.tenantId(),
                settings.connectionId(),
                new Workflow(
                    workflow,
                    JsonFields.firstText(json, "/workflowName", "/forgeWorkflow/name"),
                    null),
                new Execution(
                    execution,
                    STATUS,
                    Outcome.FAILED,
                    JsonFields.firstText(json, "/executionMode"),
                    started,
                    finished,
                    null,
                    null),
                message == null && code == null ? null : new RunError(message, code),
                steps,
                ParsedFailures.delivery(request),
                body.text()));
  }

  private static String header(WebhookRequest request, String name) {
    return request.headers().first(name).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
  }

  private static String message(JsonNode json) {
    String message = JsonFields.firstText(json, "/error", "/error/message", "/errorMessage");
    if (message == null) {
      message = JsonFields.firstText(json, "/error_message");
    }
    if (message == null) {
      String logType = JsonFields.nonBlankText(json.at("/message"));
      message = STATUS.equals(logType) ? null : logType;
    }
    return message != null ? message : JsonFields.firstText(json, "/data/error", "/data/message");
  }

  private static Integer httpStatus(JsonNode json) {
    for (String pointer : List.of("/statusCode", "/error/statusCode")) {
      JsonNode node = json.at(pointer);
      if (node.canConvertToInt()
          && node.isIntegralNumber()
          && node.intValue() >= 100
          && node.intValue() <= 599) {
        return node.intValue();
      }
    }
    return null;
  }

  private static Instant lenientTimestamp(JsonNode json, String pointer) {
    JsonNode node = json.at(pointer);
    return JsonFields.present(node) ? JsonFields.timestamp(node) : null;
  }
}
