package dev.errorbridge.connector.platform.n8n;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.Execution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.FailedExecution.RunError;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.source.http.JsonFields;
import dev.errorbridge.connector.webhook.spi.ErrorbridgeSignatureVerifier;
import dev.errorbridge.connector.webhook.spi.ParsedFailures;
import dev.errorbridge.connector.webhook.spi.WebhookBody;
import dev.errorbridge.connector.webhook.spi.WebhookParser;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what n8n's Error Trigger sample ({@code samples/n8n/errorbridge-error-trigger.json}) posts
 * to an n8n connection's {@code /webhooks/{connectionId}}, signed like the generic webhook ({@code
 * X-Errorbridge-Signature}, {@link ErrorbridgeSignatureVerifier}; n8n's Crypto node computes the
 * HMAC).
 *
 * <p>The body is read with the n8n preset, {@link #PRESET_POINTERS} (the pointers of {@code
 * samples/n8n/field-mapping.json}, which a generic webhook connection may use instead): the failure
 * is n8n's, on this connection, so its {@code eventId} (tenant, connection, platform, execution id)
 * is the one the poll of the same connection gives the same execution: a push and a poll of one
 * failure are one event, published once. Also read: the failed step from {@code /error/node},
 * {@code /error/nodeType}, {@code /error/message} and {@code /error/httpCode} (a string in n8n
 * 1.x), the console link from {@code /execution/url} and the trigger from {@code /execution/mode}.
 *
 * <p>What n8n hands an Error Trigger (n8n 1.123.81, {@code execute-error-workflow.js}): {@code
 * execution.id}, {@code url}, {@code error}, {@code lastNodeExecuted}, {@code mode}; {@code
 * workflow.id}, {@code name}; no start or stop time, so {@code finishedAt} is the error's own
 * {@code timestamp} ({@code /failedAt}), milliseconds before n8n's {@code stoppedAt}. A trigger
 * that failed before any execution existed has no execution id and is refused (400), as with the
 * generic preset. Every request is a failure: the sample sends nothing else.
 */
public final class N8nWebhookParser implements WebhookParser {
  /** The status of every pushed failure: n8n's own for a failed execution. */
  static final String STATUS = "error";

  /** The n8n preset: field name to JSON Pointer into the sample's body. */
  public static final Map<String, String> PRESET_POINTERS = presetPointers();

  @Override
  public WebhookReceipt parse(WebhookRequest request, WebhookBody body, WebhookSettings settings) {
    JsonNode json = body.json();
    List<String> problems = new ArrayList<>();
    String workflowId = required(json, "workflowId", problems);
    String executionId = required(json, "executionId", problems);
    Instant failedAt =
        JsonFields.timestampAt(json, PRESET_POINTERS.get("finishedAt"), "finishedAt", problems);
    ParsedFailures.throwIfAny(problems);
    String message = optional(json, "errorMessage");
    String code = optional(json, "errorCode");
    return ParsedFailures.accept(
        () ->
            new FailedExecution(
                N8nPlugin.N8N,
                settings.tenantId(),
                settings.connectionId(),
                new Workflow(workflowId, optional(json, "workflowName"), null),
                new Execution(
                    executionId,
                    STATUS,
                    Outcome.FAILED,
                    text(json, "/execution/mode"),
                    null,
                    failedAt,
                    null,
                    text(json, "/execution/url")),
                message == null && code == null ? null : new RunError(message, code),
                failedStep(json),
                ParsedFailures.delivery(request),
                body.text()));
  }

  private static String required(JsonNode json, String field, List<String> problems) {
    String pointer = PRESET_POINTERS.get(field);
    JsonNode node = json.at(pointer);
    if (!JsonFields.present(node)) {
      problems.add(field + ": no value at " + pointer);
      return null;
    }
    String text = JsonFields.nonBlankText(node);
    if (text == null) {
      problems.add(field + ": expected a non-blank string or an integer at " + pointer);
    }
    return text;
  }

  private static String optional(JsonNode json, String field) {
    return text(json, PRESET_POINTERS.get(field));
  }

  private static List<FailedStep> failedStep(JsonNode json) {
    String node = JsonFields.firstText(json, "/error/node", "/execution/lastNodeExecuted");
    if (node == null) {
      return List.of();
    }
    JsonNode error = json.at("/error");
    return List.of(
        new FailedStep(
            node,
            node,
            text(json, "/error/nodeType"),
            text(json, "/error/message"),
            error.isObject() ? error.toString() : null,
            httpStatus(text(json, "/error/httpCode")),
            null,
            null));
  }

  /** The text at {@code pointer}: a string or a number, not blank; else {@code null}. */
  private static String text(JsonNode json, String pointer) {
    JsonNode node = json.at(pointer);
    if (!(node.isTextual() || node.isNumber())) {
      return null;
    }
    String text = node.asText();
    return text.isBlank() ? null : text;
  }

  private static Integer httpStatus(String code) {
    if (code == null) {
      return null;
    }
    try {
      int status = Integer.parseInt(code.trim());
      return status >= 100 && status <= 599 ? status : null;
    } catch (NumberFormatException e) {
      return null; // "ECONNREFUSED" and the like stay in the step's error JSON
    }
  }

  private static Map<String, String> presetPointers() {
    Map<String, String> pointers = new LinkedHashMap<>();
    pointers.put("workflowId", "/workflow/id");
    pointers.put("workflowName", "/workflow/name");
    pointers.put("executionId", "/execution/id");
    pointers.put("errorMessage", "/error/message");
    pointers.put("errorCode", "/error/name");
    pointers.put("finishedAt", "/failedAt");
    return Collections.unmodifiableMap(pointers);
  }
}
