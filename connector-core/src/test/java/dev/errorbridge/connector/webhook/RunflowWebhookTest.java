package dev.errorbridge.connector.webhook;

import static dev.errorbridge.connector.webhook.WebhookTestKit.NOW;
import static dev.errorbridge.connector.webhook.WebhookTestKit.RUNFLOW;
import static dev.errorbridge.connector.webhook.WebhookTestKit.RUNFLOW_OLD_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.RUNFLOW_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.TENANT;
import static dev.errorbridge.connector.webhook.WebhookTestKit.UNKNOWN_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.accepted;
import static dev.errorbridge.connector.webhook.WebhookTestKit.fixture;
import static dev.errorbridge.connector.webhook.WebhookTestKit.hmacHex;
import static dev.errorbridge.connector.webhook.WebhookTestKit.post;
import static dev.errorbridge.connector.webhook.WebhookTestKit.rejected;
import static dev.errorbridge.connector.webhook.WebhookTestKit.runflow;
import static dev.errorbridge.connector.webhook.WebhookTestKit.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.mapping.EventIds;
import dev.errorbridge.connector.platform.runflow.RunflowCallbackParser;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunflowWebhookTest {
  private final WebhookTestKit kit = new WebhookTestKit();

  @Test
  void receive_whenSignatureValid_acceptsTheFailedRun() throws Exception {
    byte[] body = fixture("runflow-failed.json");

    WebhookReceipt receipt = kit.receive(runflow(body).build());

    FailedExecution failure = accepted(receipt).failure();
    assertThat(failure.platform()).isEqualTo(Platform.RUNFLOW);
    assertThat(failure.tenantId()).isEqualTo(TENANT);
    assertThat(failure.connectionId()).isEqualTo(RUNFLOW);
    assertThat(failure.workflow().id()).isEqualTo(RunflowCallbackParser.UNKNOWN_WORKFLOW_ID);
    assertThat(failure.execution().id()).isEqualTo("0194c7a2-5b1e-7c3d-9a8f-2e6b4d1c0f97");
    assertThat(failure.execution().status()).isEqualTo("failed");
    assertThat(failure.execution().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failure.execution().startedAt()).isNull();
    assertThat(failure.execution().finishedAt()).isEqualTo(Instant.parse("2026-02-03T09:06:40Z"));
    assertThat(failure.execution().durationMs()).isEqualTo(88012L);
    assertThat(failure.error().message()).isEqualTo("Node 'Upscale' failed: worker out of memory");
    assertThat(failure.error().code()).isEqualTo("NODE_FAILED");
    assertThat(failure.delivery().path()).isEqualTo(DeliveryPath.WEBHOOK);
    assertThat(failure.delivery().detectedAt()).isEqualTo(NOW);
    assertThat(failure.rawPayload()).isEqualTo(new String(body, StandardCharsets.UTF_8));
    WebhookResponse response = receipt.response();
    assertThat(response.status()).isEqualTo(202);
    assertThat(new ObjectMapper().readTree(response.body()).get("eventId").asText())
        .isEqualTo(EventIds.of(failure));
  }

  @Test
  void receive_whenSignatureIsUpperCaseHex_accepts() {
    byte[] body = fixture("runflow-failed.json");
    String signature = hmacHex(RUNFLOW_SECRET, body).toUpperCase(Locale.ROOT);

    WebhookReceipt receipt =
        kit.receive(post(RUNFLOW).json(body).header("Runflow-Signature", signature).build());

    assertThat(receipt).isInstanceOf(WebhookReceipt.Accepted.class);
  }

  @Test
  void receive_whenBodyTampered_rejects401() {
    byte[] body = fixture("runflow-failed.json");
    String signature = hmacHex(RUNFLOW_SECRET, body);
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("88012", "88013").getBytes();

    WebhookReceipt receipt =
        kit.receive(post(RUNFLOW).json(tampered).header("Runflow-Signature", signature).build());

    assertThat(rejected(receipt).status()).isEqualTo(401);
  }

  @Test
  void receive_whenSignatureTampered_rejects401() {
    byte[] body = fixture("runflow-failed.json");
    char[] signature = hmacHex(RUNFLOW_SECRET, body).toCharArray();
    signature[10] = signature[10] == '0' ? '1' : '0';

    WebhookReceipt receipt =
        kit.receive(
            post(RUNFLOW).json(body).header("Runflow-Signature", new String(signature)).build());

    assertThat(rejected(receipt).status()).isEqualTo(401);
  }

  @Test
  void receive_whenSignatureMissingOrRepeated_rejects401() {
    byte[] body = fixture("runflow-failed.json");
    String signature = hmacHex(RUNFLOW_SECRET, body);

    WebhookReceipt missing = kit.receive(post(RUNFLOW).json(body).build());
    WebhookReceipt repeated =
        kit.receive(
            post(RUNFLOW)
                .json(body)
                .header("Runflow-Signature", signature)
                .header("runflow-signature", signature)
                .build());

    assertThat(rejected(missing).status()).isEqualTo(401);
    assertThat(rejected(repeated).status()).isEqualTo(401);
  }

  @Test
  void receive_whenRotating_acceptsOldAndNewSecretAndRejectsAThird() {
    kit.add(
        WebhookTestKit.runflowSettings()
            .previousSecret(SecretValue.of(RUNFLOW_OLD_SECRET))
            .build());
    byte[] body = fixture("runflow-failed.json");

    WebhookReceipt current =
        kit.receive(
            post(RUNFLOW)
                .json(body)
                .header("Runflow-Signature", hmacHex(RUNFLOW_SECRET, body))
                .build());
    WebhookReceipt previous =
        kit.receive(
            post(RUNFLOW)
                .json(body)
                .header("Runflow-Signature", hmacHex(RUNFLOW_OLD_SECRET, body))
                .build());
    WebhookReceipt third =
        kit.receive(
            post(RUNFLOW)
                .json(body)
                .header("Runflow-Signature", hmacHex(UNKNOWN_SECRET, body))
                .build());

    assertThat(current).isInstanceOf(WebhookReceipt.Accepted.class);
    assertThat(previous).isInstanceOf(WebhookReceipt.Accepted.class);
    assertThat(rejected(third).status()).isEqualTo(401);
  }

  @ParameterizedTest
  @CsvSource({
    "runflow-cancelled.json, STOPPED, cancelled, 0194c7b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f",
    "runflow-partial.json, PARTIAL, partial_succeeded, 0194c7c0-0000-7aaa-8bbb-cccccccccccc"
  })
  void receive_whenCancelledOrPartial_acceptsWithItsOutcome(
      String fixture, Outcome outcome, String status, String executionId) {
    WebhookReceipt receipt = kit.receive(runflow(fixture(fixture)).build());

    FailedExecution failure = accepted(receipt).failure();
    assertThat(failure.execution().outcome()).isEqualTo(outcome);
    assertThat(failure.execution().status()).isEqualTo(status);
    assertThat(failure.execution().id()).isEqualTo(executionId);
  }

  @Test
  void receive_whenPartialBatch_takesTheTopLevelFailureMessage() {
    FailedExecution failure =
        accepted(kit.receive(runflow(fixture("runflow-partial.json")).build())).failure();

    assertThat(failure.error().message()).isEqualTo("2 of 10 items failed");
    assertThat(failure.execution().finishedAt())
        .isEqualTo(Instant.parse("2026-02-03T09:20:30.500Z"));
  }

  @Test
  void receive_whenCancelledWithNullOutput_hasNoRunError() {
    FailedExecution failure =
        accepted(kit.receive(runflow(fixture("runflow-cancelled.json")).build())).failure();

    assertThat(failure.error()).isNull();
  }

  @Test
  void receive_whenRunCompleted_ignoresIt202() {
    WebhookReceipt receipt = kit.receive(runflow(fixture("runflow-completed.json")).build());

    assertThat(receipt).isInstanceOf(WebhookReceipt.Ignored.class);
    assertThat(receipt.response().status()).isEqualTo(202);
    assertThat(receipt.response().body()).contains("\"status\":\"ignored\"");
  }

  @Test
  void receive_whenUnknownEvent_ignoresIt202() {
    byte[] body = utf8("{\"event\":\"run.queued\",\"run_id\":\"r-1\"}");

    WebhookReceipt receipt = kit.receive(runflow(body).build());

    assertThat(receipt).isInstanceOf(WebhookReceipt.Ignored.class);
    assertThat(receipt.response().status()).isEqualTo(202);
  }

  @Test
  void receive_whenEventAndRunIdMissing_rejects400NamingBoth() {
    byte[] body = utf8("{\"status\":\"failed\",\"completed_at\":\"soon\"}");

    WebhookReceipt.Rejected rejected = rejected(kit.receive(runflow(body).build()));

    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.problems())
        .anySatisfy(p -> assertThat(p).startsWith("event is required"))
        .anySatisfy(p -> assertThat(p).startsWith("run_id is required"))
        .anySatisfy(p -> assertThat(p).startsWith("completed_at:"));
  }

  @Test
  void receive_whenBodyIsAnArray_rejects400() {
    byte[] body = utf8("[{\"event\":\"run.failed\"}]");

    WebhookReceipt.Rejected rejected = rejected(kit.receive(runflow(body).build()));

    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.problems())
        .containsExactly("body must be a JSON object (a Runflow callback)");
  }

  @Test
  void receive_whenRedelivered_acceptsAgainWithTheSameEventId() {
    // Runflow signs no timestamp: a redelivery is indistinguishable from a replay, so both pass
    // and the event id deduplicates them downstream.
    byte[] body = fixture("runflow-failed.json");

    WebhookReceipt.Accepted first = accepted(kit.receive(runflow(body).build()));
    WebhookReceipt.Accepted second = accepted(kit.receive(runflow(body).build()));

    assertThat(second.eventId()).isEqualTo(first.eventId());
  }
}
