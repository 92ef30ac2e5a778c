package dev.errorbridge.connector.platform.webhook;

import com.fasterxml.jackson.core.JsonPointer;
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
import dev.errorbridge.connector.webhook.spi.WebhookFieldMapping;
import dev.errorbridge.connector.webhook.spi.WebhookFieldMapping.Field;
import dev.errorbridge.connector.webhook.spi.WebhookParser;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the generic webhook through the connection's {@link WebhookFieldMapping}: each field from
 * its JSON Pointer into the body. Every problem (a required field with nothing at its pointer, a
 * value of the wrong type, an unreadable timestamp) is collected and reported together, naming the
 * field and the pointer.
 *
 * <p>Text fields take a string or an integer; timestamps ISO-8601 with an offset, or epoch seconds
 * or milliseconds. A status the mapping ignores gives {@link WebhookReceipt.Ignored}.
 */
public final class GenericWebhookParser implements WebhookParser {
  private static final List<Field> TEXT_FIELDS =
      List.of(
          Field.WORKFLOW_ID,
          Field.WORKFLOW_NAME,
          Field.EXECUTION_ID,
          Field.STATUS,
          Field.ERROR_MESSAGE,
          Field.ERROR_CODE);

  @Override
  public WebhookReceipt parse(WebhookRequest request, WebhookBody body, WebhookSettings settings) {
    WebhookFieldMapping mapping = settings.fieldMapping();
    if (mapping == null) {
      throw new IllegalArgumentException("a generic webhook connection needs a field mapping");
    }
    JsonNode json = body.json();
    List<String> problems = new ArrayList<>();
    Map<Field, String> texts = new EnumMap<>(Field.class);
    for (Field field : TEXT_FIELDS) {
      mapping.pointer(field).ifPresent(p -> texts.put(field, text(json, field, p, problems)));
    }
    Instant startedAt = timestamp(json, mapping, Field.STARTED_AT, problems);
    Instant finishedAt = timestamp(json, mapping, Field.FINISHED_AT, problems);
    ParsedFailures.throwIfAny(problems);

    String status = texts.get(Field.STATUS);
    if (status == null) {
      status = WebhookFieldMapping.DEFAULT_STATUS;
    }
    if (mapping.ignores(status)) {
      return new WebhookReceipt.Ignored("status is configured as not a failure");
    }
    Outcome outcome = mapping.outcomeOf(status);
    String message = texts.get(Field.ERROR_MESSAGE);
    String code = texts.get(Field.ERROR_CODE);
    String runStatus = status;
    return ParsedFailures.accept(
        () ->
            new FailedExecution(
                Platform.WEBHOOK,
                settings.tenantId(),
                settings.connectionId(),
                new Workflow(texts.get(Field.WORKFLOW_ID), texts.get(Field.WORKFLOW_NAME), null),
                new Execution(
                    texts.get(Field.EXECUTION_ID),
                    runStatus,
                    outcome,
                    null,
                    startedAt,
                    finishedAt,
                    null,
                    null),
                message == null && code == null ? null : new RunError(message, code),
                List.of(),
                ParsedFailures.delivery(request),
                body.text()));
  }

  private static String text(
      JsonNode json, Field field, JsonPointer pointer, List<String> problems) {
    JsonNode node = json.at(pointer);
    if (!JsonFields.present(node)) {
      if (field.required()) {
        problems.add(field.fieldName() + ": no value at " + pointer);
      }
      return null;
    }
    String text = JsonFields.textOf(node);
    if (text == null) {
      problems.add(field.fieldName() + ": expected a string or an integer at " + pointer);
    } else if (text.isBlank()) {
      if (field.required()) {
        problems.add(field.fieldName() + ": the value at " + pointer + " is blank");
      }
      return null;
    }
    return text;
  }

  private static Instant timestamp(
      JsonNode json, WebhookFieldMapping mapping, Field field, List<String> problems) {
    return mapping
        .pointer(field)
        .map(p -> JsonFields.timestampAt(json, p.toString(), field.fieldName(), problems))
        .orElse(null);
  }
}
