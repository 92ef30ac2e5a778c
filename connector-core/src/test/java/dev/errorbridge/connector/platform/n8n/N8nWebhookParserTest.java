package dev.errorbridge.connector.platform.n8n;

import static dev.errorbridge.connector.platform.n8n.N8nFixtures.STOP_WORKFLOW;
import static dev.errorbridge.connector.platform.n8n.N8nFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.FailedExecution.RunError;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.mapping.EventIds;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.webhook.spi.WebhookBody;
import dev.errorbridge.connector.webhook.spi.WebhookHeaders;
import dev.errorbridge.connector.webhook.spi.WebhookPayloadInvalidException;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the Error Trigger sample posts, read on an n8n connection (the captured push). */
class N8nWebhookParserTest {
  private static final String TENANT = "tnt_n8n";
  private static final String CONNECTION = "conn_n8n_prod";
  private static final Instant RECEIVED = Instant.parse("2026-12-07T03:45:59.100Z");
  private static final String MESSAGE = "Order 4711 rejected: Prüfsumme ungültig – 校验失败 🚫";

  private final N8nWebhookParser parser = new N8nWebhookParser();

  @Test
  void parse_whenTheSamplePushesAFailure_givesTheN8nFailureThePollGivesTheSameEventId() {
    String body = text("push-error-trigger.json");

    WebhookReceipt.Accepted receipt = (WebhookReceipt.Accepted) parse(body);

    FailedExecution failure = receipt.failure();
    assertThat(failure.platform()).isEqualTo(N8nPlugin.N8N);
    assertThat(failure.tenantId()).isEqualTo(TENANT);
    assertThat(failure.connectionId()).isEqualTo(CONNECTION);
    assertThat(failure.workflow())
        .isEqualTo(new Workflow(STOP_WORKFLOW, "Errorbridge fixtures: stop and error", null));
    assertThat(failure.execution().id()).isEqualTo("1");
    assertThat(failure.execution().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failure.execution().trigger()).isEqualTo("webhook");
    assertThat(failure.execution().finishedAt())
        .isEqualTo(Instant.parse("2026-12-07T03:45:58.887Z"));
    assertThat(failure.execution().consoleUrl())
        .isEqualTo("http://localhost:35783/workflow/" + STOP_WORKFLOW + "/executions/1");
    assertThat(failure.error()).isEqualTo(new RunError(MESSAGE, "NodeOperationError"));
    assertThat(failure.failedSteps())
        .singleElement()
        .satisfies(
            step -> {
              assertThat(step.id()).isEqualTo("Fail on purpose");
              assertThat(step.name()).isEqualTo("Fail on purpose");
              assertThat(step.type()).isEqualTo("n8n-nodes-base.stopAndError");
              assertThat(step.errorMessage()).isEqualTo(MESSAGE);
              assertThat(step.httpStatus()).isNull();
            });
    assertThat(failure.delivery().path()).isEqualTo(DeliveryPath.WEBHOOK);
    assertThat(failure.rawPayload()).isEqualTo(body);
    // the poll of the same connection names the same execution: one event
    assertThat(receipt.eventId()).isEqualTo(EventIds.of(TENANT, CONNECTION, N8nPlugin.N8N, "1"));
  }

  @Test
  void parse_whenAnHttpNodeFailed_readsItsStatusFromTheStringHttpCode() {
    ObjectNode body = N8nFixtures.object("push-error-trigger.json");
    ((ObjectNode) body.get("error"))
        .put("name", "NodeApiError")
        .put("httpCode", "503")
        .put("description", "orders service unavailable")
        .put("node", "Fetch orders")
        .put("nodeType", "n8n-nodes-base.httpRequest");

    FailedExecution failure = ((WebhookReceipt.Accepted) parse(body.toString())).failure();

    FailedStep step = failure.failedSteps().get(0);
    assertThat(step.id()).isEqualTo("Fetch orders");
    assertThat(step.httpStatus()).isEqualTo(503);
    assertThat(step.errorDetail()).contains("orders service unavailable");
  }

  @Test
  void parse_whenATriggerFailedBeforeAnyExecution_refusesNamingTheExecutionId() {
    ObjectNode body = N8nFixtures.object("push-error-trigger.json");
    ((ObjectNode) body.get("execution")).putNull("id");

    assertThatThrownBy(() -> parse(body.toString()))
        .isInstanceOf(WebhookPayloadInvalidException.class)
        .hasMessageContaining("executionId: no value at /execution/id");
  }

  @Test
  void parse_whenTheFailureTimeIsNotATime_refusesNamingIt() {
    ObjectNode body = N8nFixtures.object("push-error-trigger.json").put("failedAt", "yesterday");

    assertThatThrownBy(() -> parse(body.toString()))
        .isInstanceOf(WebhookPayloadInvalidException.class)
        .hasMessageContaining("finishedAt");
  }

  @Test
  void preset_isTheOneShippedForGenericConnections() throws IOException {
    JsonNode shipped =
        N8nFixtures.JSON.readTree(Path.of("..", "samples", "n8n", "field-mapping.json").toFile());
    Map<String, String> pointers =
        N8nFixtures.JSON.convertValue(
            shipped,
            N8nFixtures.JSON
                .getTypeFactory()
                .constructMapType(Map.class, String.class, String.class));

    assertThat(N8nWebhookParser.PRESET_POINTERS).isEqualTo(pointers);
  }

  private WebhookReceipt parse(String body) {
    WebhookRequest request =
        new WebhookRequest(
            CONNECTION,
            WebhookHeaders.empty(),
            Map.of(),
            body.getBytes(StandardCharsets.UTF_8),
            RECEIVED);
    return parser.parse(request, new WebhookBody(body, N8nFixtures.read(body)), settings());
  }

  private static WebhookSettings settings() {
    return WebhookSettings.builder()
        .tenantId(TENANT)
        .connectionId(CONNECTION)
        .platform(N8nPlugin.N8N)
        .secret(SecretValue.of("n8n-push-secret-0123456789"))
        .build();
  }
}
