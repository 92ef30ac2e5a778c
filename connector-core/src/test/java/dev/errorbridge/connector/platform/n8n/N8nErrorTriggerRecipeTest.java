package dev.errorbridge.connector.platform.n8n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.webhook.GenericWebhookParser;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.testing.AwaitValue;
import dev.errorbridge.connector.testing.N8nExtension;
import dev.errorbridge.connector.testing.N8nInstance;
import dev.errorbridge.connector.testing.N8nPushReceiver;
import dev.errorbridge.connector.testing.N8nWorkflow;
import dev.errorbridge.connector.testing.N8nWorkflows;
import dev.errorbridge.connector.webhook.spi.ErrorbridgeSignatureVerifier;
import dev.errorbridge.connector.webhook.spi.ReplayGuard;
import dev.errorbridge.connector.webhook.spi.WebhookBody;
import dev.errorbridge.connector.webhook.spi.WebhookFieldMapping;
import dev.errorbridge.connector.webhook.spi.WebhookFieldMapping.Field;
import dev.errorbridge.connector.webhook.spi.WebhookHeaders;
import dev.errorbridge.connector.webhook.spi.WebhookPayloadInvalidException;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The push recipe of docs/platforms/n8n.md on a real n8n: the Error Trigger sample, imported as
 * shipped, posts each failure to Errorbridge's generic signed webhook; the signature passes
 * Errorbridge's own {@link ErrorbridgeSignatureVerifier} and the preset ({@code
 * samples/n8n/field-mapping.json}) maps the body with {@link GenericWebhookParser}.
 */
@ExtendWith(N8nExtension.class)
class N8nErrorTriggerRecipeTest {
  static final Path PRESET = Path.of("..", "samples", "n8n", "field-mapping.json");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TENANT = "tnt_n8n_recipe";

  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final ReplayGuard replayGuard = (connection, key, expiresAt) -> seen.add(key);
  private final ErrorbridgeSignatureVerifier verifier =
      new ErrorbridgeSignatureVerifier(Clock.systemUTC(), replayGuard);

  @Test
  void errorTrigger_whenWorkflowFails_postsASignedBodyThePresetMaps(
      N8nInstance n8n, N8nPushReceiver receiver) throws IOException {
    N8nWorkflow errorWorkflow =
        n8n.createErrorTriggerWorkflow(N8nFixtureScenario.ERROR_TRIGGER_SAMPLE);
    N8nWorkflow failing =
        n8n.createFailingWorkflow("Recipe: fails", N8nFixtureScenario.MESSAGE, errorWorkflow.id());

    List<String> executionIds = n8n.trigger(failing, 2);
    List<LoggedRequest> pushes = awaitPushes(receiver, executionIds);
    WebhookSettings settings = settings(receiver.secret());

    for (LoggedRequest push : pushes) {
      WebhookRequest request = request(push);
      assertThat(verifier.verify(request, settings).verified())
          .as("signature of the push for %s", push.getBodyAsString())
          .isTrue();

      FailedExecution failure = parse(request, settings);
      JsonNode polled = n8n.execution(failure.execution().id(), true);
      assertThat(failure.platform()).isEqualTo(Platform.WEBHOOK);
      assertThat(failure.workflow().id()).isEqualTo(failing.id());
      assertThat(failure.workflow().name()).isEqualTo("Recipe: fails");
      assertThat(failure.execution().id()).isIn(executionIds);
      assertThat(failure.execution().outcome()).isEqualTo(Outcome.FAILED);
      assertThat(failure.error().message()).isEqualTo(N8nFixtureScenario.MESSAGE);
      assertThat(failure.error().code()).isEqualTo("NodeOperationError");
      // failedAt is when the node raised its error: within the run, just before it stopped.
      assertThat(failure.execution().finishedAt())
          .isBetween(
              Instant.parse(polled.get("startedAt").asText()),
              Instant.parse(polled.get("stoppedAt").asText()));
      JsonNode body = JSON.readTree(push.getBodyAsString());
      assertThat(body.at("/execution/lastNodeExecuted").asText())
          .isEqualTo(N8nWorkflows.STOP_AND_ERROR_NODE);
      assertThat(body.at("/error/node").asText()).isEqualTo(N8nWorkflows.STOP_AND_ERROR_NODE);
      assertThat(body.at("/execution/url").asText())
          .endsWith("/workflow/" + failing.id() + "/executions/" + failure.execution().id());
    }
  }

  @Test
  void errorTrigger_whenPushIsTamperedOrReplayed_isRefusedByTheVerifier(
      N8nInstance n8n, N8nPushReceiver receiver) {
    N8nWorkflow errorWorkflow =
        n8n.createErrorTriggerWorkflow(N8nFixtureScenario.ERROR_TRIGGER_SAMPLE);
    N8nWorkflow failing = n8n.createFailingWorkflow("Recipe: tampered", "boom", errorWorkflow.id());
    LoggedRequest push = awaitPushes(receiver, n8n.trigger(failing, 1)).get(0);
    WebhookSettings settings = settings(receiver.secret());
    WebhookRequest original = request(push);
    byte[] tampered =
        push.getBodyAsString().replace("boom", "fine").getBytes(StandardCharsets.UTF_8);

    assertThat(verifier.verify(withBody(original, tampered), settings).verified()).isFalse();
    assertThat(verifier.verify(original, settings).verified()).isTrue();
    assertThat(verifier.verify(original, settings).verified()).as("replayed").isFalse();
  }

  @Test
  void errorTrigger_receivesWhatTheDocsSay(N8nInstance n8n, N8nPushReceiver receiver) {
    N8nWorkflow errorWorkflow =
        n8n.createErrorTriggerWorkflow(N8nFixtureScenario.ERROR_TRIGGER_SAMPLE);
    N8nWorkflow failing =
        n8n.createFailingWorkflow("Recipe: trigger output", "raw output", errorWorkflow.id());
    String executionId = n8n.trigger(failing, 1).get(0);
    String run = N8nFixtureScenario.errorWorkflowRun(n8n, errorWorkflow, executionId);

    JsonNode output = N8nFixtureScenario.errorTriggerOutput(n8n.execution(run, true));

    assertThat(output.get("workflow"))
        .isEqualTo(
            JSON.createObjectNode().put("id", failing.id()).put("name", "Recipe: trigger output"));
    JsonNode execution = output.get("execution");
    assertThat(execution.get("id").asText()).isEqualTo(executionId);
    assertThat(execution.get("mode").asText()).isEqualTo("webhook");
    assertThat(execution.get("lastNodeExecuted").asText())
        .isEqualTo(N8nWorkflows.STOP_AND_ERROR_NODE);
    assertThat(execution.get("url").asText())
        .isEqualTo(
            n8n.baseUri().toString().replace("127.0.0.1", "localhost")
                + "workflow/"
                + failing.id()
                + "/executions/"
                + executionId);
    assertThat(execution.at("/error/message").asText()).isEqualTo("raw output");
    assertThat(execution.at("/error/name").asText()).isEqualTo("NodeOperationError");
    assertThat(execution.at("/error/stack").asText()).startsWith("NodeOperationError: raw output");
    assertThat(execution.at("/error/node/name").asText())
        .isEqualTo(N8nWorkflows.STOP_AND_ERROR_NODE);
    assertThat(execution.at("/error/timestamp").isNumber()).isTrue();
    // Only a retried run has retryOf; undefined is dropped from the item.
    assertThat(execution.has("retryOf")).isFalse();
  }

  @Test
  void preset_whenTriggerFailedBeforeAnyExecution_refusesNamingTheExecutionId() throws IOException {
    // What the sample sends for n8n's trigger-error item ({trigger, workflow}): no execution id.
    byte[] body =
        ("{\"source\":\"n8n\",\"workflow\":{\"id\":\"hMWNLssHitseeL2g\",\"name\":\"Polls\"},"
                + "\"execution\":{\"id\":null,\"url\":null,\"mode\":\"trigger\",\"retryOf\":null,"
                + "\"lastNodeExecuted\":null},\"error\":{\"name\":\"NodeApiError\","
                + "\"message\":\"poll failed\"},\"failedAt\":null,"
                + "\"reportedAt\":\"2026-12-07T03:37:22.190Z\"}")
            .getBytes(StandardCharsets.UTF_8);
    WebhookRequest request =
        new WebhookRequest(
            N8nPushReceiver.CONNECTION_ID, WebhookHeaders.empty(), Map.of(), body, Instant.now());

    assertThatThrownBy(() -> parse(request, settings(SecretValue.of("n8n-recipe-secret-0123"))))
        .isInstanceOf(WebhookPayloadInvalidException.class)
        .hasMessageContaining("executionId: no value at /execution/id");
  }

  @Test
  void sample_takesItsUrlAndSecretFromTheEnvironment() throws IOException {
    JsonNode sample = JSON.readTree(N8nFixtureScenario.ERROR_TRIGGER_SAMPLE.toFile());
    String text = sample.toString();

    assertThat(text)
        .contains("$env.ERRORBRIDGE_WEBHOOK_URL")
        .contains("$env.ERRORBRIDGE_WEBHOOK_SECRET")
        .contains(ErrorbridgeSignatureVerifier.SIGNATURE_HEADER);
    assertThat(sample.findValuesAsText("type"))
        .contains(
            "n8n-nodes-base.errorTrigger", "n8n-nodes-base.crypto", "n8n-nodes-base.httpRequest");
    // Retrying the HTTP node would resend the same t and signature, which the verifier refuses
    // as a replay: the poll path covers a lost push instead.
    assertThat(sample.findValues("retryOnFail")).isEmpty();
  }

  static WebhookFieldMapping preset() throws IOException {
    JsonNode pointers = JSON.readTree(PRESET.toFile());
    Map<String, Field> fields =
        Arrays.stream(Field.values()).collect(Collectors.toMap(Field::fieldName, f -> f));
    WebhookFieldMapping.Builder mapping = WebhookFieldMapping.builder();
    pointers
        .properties()
        .forEach(
            entry -> {
              Field field = fields.get(entry.getKey());
              assertThat(field).as("preset field %s", entry.getKey()).isNotNull();
              mapping.map(field, entry.getValue().asText());
            });
    return mapping.build();
  }

  private static WebhookSettings settings(SecretValue secret) {
    try {
      return WebhookSettings.builder()
          .tenantId(TENANT)
          .connectionId(N8nPushReceiver.CONNECTION_ID)
          .platform(Platform.WEBHOOK)
          .secret(secret)
          .fieldMapping(preset())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FailedExecution parse(WebhookRequest request, WebhookSettings settings)
      throws IOException {
    String text = new String(request.body(), StandardCharsets.UTF_8);
    WebhookReceipt receipt =
        new GenericWebhookParser()
            .parse(request, new WebhookBody(text, JSON.readTree(text)), settings);
    assertThat(receipt).isInstanceOf(WebhookReceipt.Accepted.class);
    return ((WebhookReceipt.Accepted) receipt).failure();
  }

  private static WebhookRequest request(LoggedRequest push) {
    WebhookHeaders.Builder headers = WebhookHeaders.builder();
    for (HttpHeader header : push.getHeaders().all()) {
      header.values().forEach(value -> headers.add(header.key(), value));
    }
    return new WebhookRequest(
        N8nPushReceiver.CONNECTION_ID, headers.build(), Map.of(), push.getBody(), Instant.now());
  }

  private static WebhookRequest withBody(WebhookRequest request, byte[] body) {
    return new WebhookRequest(
        request.connectionId(), request.headers(), Map.of(), body, request.receivedAt());
  }

  private static List<LoggedRequest> awaitPushes(
      N8nPushReceiver receiver, List<String> executionIds) {
    return AwaitValue.until(
        "the Error Trigger's POSTs for executions " + executionIds,
        Duration.ofSeconds(60),
        () ->
            receiver.received().stream()
                .filter(
                    push ->
                        executionIds.contains(
                            N8nFixtureScenario.read(push.getBodyAsString())
                                .at("/execution/id")
                                .asText()))
                .toList(),
        found -> found.size() == executionIds.size());
  }
}
