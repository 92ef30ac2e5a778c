package dev.errorbridge.connector.platform.n8n;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.Execution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.FailedExecutionInvalidException;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.webhook.GenericWebhookParser;
import dev.errorbridge.connector.webhook.WebhookBody;
import dev.errorbridge.connector.webhook.WebhookFieldMapping;
import dev.errorbridge.connector.webhook.WebhookParser;
import dev.errorbridge.connector.webhook.WebhookPayloadInvalidException;
import dev.errorbridge.connector.webhook.WebhookReceipt;
import dev.errorbridge.connector.webhook.WebhookRequest;
import dev.errorbridge.connector.webhook.WebhookSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what n8n's Error Trigger sample ({@code samples/n8n/errorbridge-error-trigger.json}) posts
 * to an n8n connection's {@code /webhooks/{connectionId}}, signed like the generic webhook ({@code
 * X-Errorbridge-Signature}, verified by {@link
 * dev.errorbridge.connector.webhook.GenericSignatureVerifier}; n8n's Crypto node computes the
 * HMAC).
 *
 * <p>The body's fields are read with the n8n preset, {@link #PRESET} (the same pointers as {@code
 * samples/n8n/field-mapping.json}, which a generic webhook connection may use instead), through
 * {@link GenericWebhookParser}; then the failure becomes n8n's: platform {@code n8n} on this
 * connection, so its {@code eventId} (tenant, connection, platform, execution id) is the one the
 * poll of the same connection gives the same execution: a push and a poll of one failure are one
 * event, published once. Also read: the failed step from {@code /error/node}, {@code
 * /error/nodeType}, {@code /error/message} and {@code /error/httpCode} (a string in n8n 1.x), the
 * console link from {@code /execution/url} and the trigger from {@code /execution/mode}.
 *
 * <p>What n8n hands an Error Trigger (n8n 1.123.81, {@code execute-error-workflow.js}): {@code
 * execution.id}, {@code url}, {@code error}, {@code lastNodeExecuted}, {@code mode}; {@code
 * workflow.id}, {@code name}; no start or stop time, so {@code finishedAt} is the error's own
 * {@code timestamp} ({@code /failedAt}), milliseconds before n8n's {@code stoppedAt}. A trigger
 * that failed before any execution existed has no execution id and is refused (400), as with the
 * generic preset.
 */
public final class N8nWebhookParser implements WebhookParser {

  /** The n8n preset: field name to JSON Pointer into the sample's body. */
  public static final Map<String, String> PRESET_POINTERS = presetPointers();

  /** {@link #PRESET_POINTERS} as a field mapping. */
  public static final WebhookFieldMapping PRESET = preset();

  private final GenericWebhookParser generic = new GenericWebhookParser();

  @Override
  public WebhookReceipt parse(WebhookRequest request, WebhookBody body, WebhookSettings settings) {
    WebhookSettings preset =
        settings.toBuilder().platform(Platform.WEBHOOK).fieldMapping(PRESET).build();
    WebhookReceipt receipt = generic.parse(request, body, preset);
    if (!(receipt instanceof WebhookReceipt.Accepted accepted)) {
      return receipt;
    }
    FailedExecution read = accepted.failure();
    JsonNode json = body.json();
    Execution execution = read.execution();
    try {
      return new WebhookReceipt.Accepted(
          new FailedExecution(
              N8nPlatform.PLATFORM,
              read.tenantId(),
              read.connectionId(),
              read.workflow(),
              new Execution(
                  execution.id(),
                  execution.status(),
                  execution.outcome(),
                  text(json, "/execution/mode"),
                  execution.startedAt(),
                  execution.finishedAt(),
                  execution.durationMs(),
                  text(json, "/execution/url")),
              read.error(),
              failedStep(json),
              read.delivery(),
              read.rawPayload()));
    } catch (FailedExecutionInvalidException e) {
      throw new WebhookPayloadInvalidException(e.problems());
    }
  }

  private static List<FailedStep> failedStep(JsonNode json) {
    String node = text(json, "/error/node");
    if (node == null) {
      node = text(json, "/execution/lastNodeExecuted");
    }
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
    return java.util.Collections.unmodifiableMap(pointers);
  }

  private static WebhookFieldMapping preset() {
    return WebhookFieldMapping.builder()
        .workflowId(PRESET_POINTERS.get("workflowId"))
        .workflowName(PRESET_POINTERS.get("workflowName"))
        .executionId(PRESET_POINTERS.get("executionId"))
        .errorMessage(PRESET_POINTERS.get("errorMessage"))
        .errorCode(PRESET_POINTERS.get("errorCode"))
        .finishedAt(PRESET_POINTERS.get("finishedAt"))
        .build();
  }
}
