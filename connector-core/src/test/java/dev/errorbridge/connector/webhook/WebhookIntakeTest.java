package dev.errorbridge.connector.webhook;

import static dev.errorbridge.connector.webhook.IntakeKit.body;
import static dev.errorbridge.connector.webhook.WebhookTestKit.GENERIC;
import static dev.errorbridge.connector.webhook.WebhookTestKit.GENERIC_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.NOW;
import static dev.errorbridge.connector.webhook.WebhookTestKit.RUNFLOW_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.TENANT;
import static dev.errorbridge.connector.webhook.WebhookTestKit.alloy;
import static dev.errorbridge.connector.webhook.WebhookTestKit.fixture;
import static dev.errorbridge.connector.webhook.WebhookTestKit.generic;
import static dev.errorbridge.connector.webhook.WebhookTestKit.genericSignature;
import static dev.errorbridge.connector.webhook.WebhookTestKit.hmacHex;
import static dev.errorbridge.connector.webhook.WebhookTestKit.post;
import static dev.errorbridge.connector.webhook.WebhookTestKit.runflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.engine.DeliveryResult;
import dev.errorbridge.connector.mapping.DefaultFailedExecutionMapper;
import dev.errorbridge.connector.retry.RetrySchedule;
import dev.errorbridge.connector.testing.LocalAwsServices;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.connector.webhook.spi.WebhookEnricher;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhooks from request to bus: local-aws EventBridge with a rule and a recording target, KMS for
 * the secrets, DynamoDB Local for connections, dedup and the replay guard, all through the real
 * SDK.
 */
@ExtendWith(LocalServices.class)
class WebhookIntakeTest {
  private static final String RUN_ID = "0194c7a2-5b1e-7c3d-9a8f-2e6b4d1c0f97";

  private static LocalAwsServices aws;
  private IntakeKit kit;

  @BeforeAll
  static void start(LocalAwsServices shared) {
    aws = shared;
  }

  @BeforeEach
  void wire() {
    kit = new IntakeKit(aws);
  }

  @AfterEach
  void reset() {
    kit.close();
    aws.reset();
  }

  @Test
  void handle_whenRunflowFailureValid_putsExactlyOneEventOnTheBus() {
    WebhookResponse response = kit.handle(runflow(fixture("runflow-failed.json")));

    assertThat(response.status()).isEqualTo(202);
    assertThat(body(response).at("/status").asText()).isEqualTo("accepted");
    JsonNode event = onlyEvent();
    assertThat(event.at("/source").asText()).isEqualTo("errorbridge.runflow");
    assertThat(event.at("/detail-type").asText()).isEqualTo("Workflow Execution Failed");
    assertThat(event.at("/detail/execution/id").asText()).isEqualTo(RUN_ID);
    assertThat(event.at("/detail/delivery/path").asText()).isEqualToIgnoringCase("WEBHOOK");
    assertThat(event.at("/detail/eventId").asText())
        .isEqualTo(body(response).at("/eventId").asText());
  }

  @Test
  void handle_whenAlloyErrorValid_putsExactlyOneEventOnTheBus() {
    WebhookResponse response = kit.handle(alloy(fixture("alloy-error.json")));

    assertThat(response.status()).isEqualTo(202);
    JsonNode event = onlyEvent();
    assertThat(event.at("/source").asText()).isEqualTo("errorbridge.alloy");
    assertThat(event.at("/detail-type").asText()).isEqualTo("Workflow Execution Failed");
    assertThat(event.at("/detail/execution/id").asText()).isEqualTo("Qm7vT2xK9pLr4sWz8nB3c");
    assertThat(event.at("/detail/delivery/path").asText()).isEqualToIgnoringCase("WEBHOOK");
  }

  @Test
  void handle_whenGenericWebhookValid_putsExactlyOneEventOnTheBus() {
    WebhookResponse response = kit.handle(generic(fixture("generic-failure.json")));

    assertThat(response.status()).isEqualTo(202);
    JsonNode event = onlyEvent();
    assertThat(event.at("/source").asText()).isEqualTo("errorbridge.webhook");
    assertThat(event.at("/detail-type").asText()).isEqualTo("Workflow Execution Failed");
    assertThat(event.at("/detail/execution/id").asText()).isEqualTo("exec-2026-02-03-0200-17");
    assertThat(event.at("/detail/delivery/path").asText()).isEqualToIgnoringCase("WEBHOOK");
    assertThat(event.at("/detail/connectionId").asText()).isEqualTo(GENERIC);
  }

  @Test
  void handle_whenGenericWebhookReplayed_rejectsTheSecondThroughTheDynamoDbReplayGuard() {
    byte[] body = fixture("generic-failure.json");
    String signature = genericSignature(NOW.getEpochSecond(), body, GENERIC_SECRET);

    WebhookResponse first =
        kit.handle(post(GENERIC).json(body).header("X-Errorbridge-Signature", signature));
    WebhookResponse replay =
        kit.handle(post(GENERIC).json(body).header("X-Errorbridge-Signature", signature));

    assertThat(first.status()).isEqualTo(202);
    assertThat(replay.status()).isEqualTo(401);
    assertThat(aws.busEvents()).hasSize(1);
  }

  @Test
  void handle_whenConnectionDisabled_answers202IgnoredAndPublishesNothing() {
    kit.pipeline.connection(
        TENANT, "conn_runflow_off", Platform.RUNFLOW, false, RUNFLOW_SECRET, null, null);
    byte[] body = fixture("runflow-failed.json");

    WebhookResponse response =
        kit.handle(
            post("conn_runflow_off")
                .json(body)
                .header("Runflow-Signature", hmacHex(RUNFLOW_SECRET, body)));

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.body())
        .isEqualTo("{\"status\":\"ignored\",\"reason\":\"connection disabled\"}");
    assertThat(aws.busEvents()).isEmpty();
    assertThat(kit.pipeline.stores().parkedEvents().due(NOW.plus(Duration.ofDays(1)), 10))
        .isEmpty();
  }

  @Test
  void handle_whenRunflowReportsASuccess_answers202IgnoredAndKeepsNothing() {
    WebhookResponse response = kit.handle(runflow(fixture("runflow-completed.json")));

    assertThat(response.status()).isEqualTo(202);
    assertThat(body(response).at("/status").asText()).isEqualTo("ignored");
    assertThat(body(response).at("/reason").asText()).startsWith("not a failure");
    assertThat(aws.busEvents()).isEmpty();
    assertThat(kit.pipeline.stores().parkedEvents().due(NOW.plus(Duration.ofDays(1)), 10))
        .isEmpty();
  }

  @Test
  void handle_whenTheConnectionFiltersTheOutcomeOut_answers202IgnoredAndPublishesNothing() {
    // Streams failed runs only; the callback reports a cancelled (STOPPED) one.
    Connection stored = kit.pipeline.connections().find(WebhookTestKit.RUNFLOW).orElseThrow();
    ConnectionSource source = stored.source();
    kit.pipeline
        .connections()
        .update(
            new Connection(
                stored.id(),
                stored.tenantId(),
                stored.name(),
                stored.enabled(),
                new ConnectionSource(
                    source.platform(),
                    source.baseUrl(),
                    source.apiKey(),
                    Set.of(Outcome.FAILED),
                    source.workflowIds(),
                    source.options()),
                stored.webhook(),
                stored.destination(),
                stored.mapping(),
                stored.health(),
                stored.createdAt(),
                stored.updatedAt(),
                stored.version()),
            stored.version());

    WebhookResponse response = kit.handle(runflow(fixture("runflow-cancelled.json")));

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.body())
        .isEqualTo("{\"status\":\"ignored\",\"reason\":\"" + IntakeResponses.FILTERED + "\"}");
    assertThat(aws.busEvents()).isEmpty();
  }

  @Test
  void handle_whenUnknownOrForeignConnection_answersTheIdentical404() {
    kit.pipeline.connection(TENANT, "conn_dify_1", Platform.DIFY, true, RUNFLOW_SECRET, null, null);
    kit.pipeline.connection(
        TENANT, "conn_runflow_nohook", Platform.RUNFLOW, true, null, null, null);
    byte[] body = fixture("runflow-failed.json");
    String signature = hmacHex(RUNFLOW_SECRET, body);

    List<WebhookResponse> responses =
        List.of("conn_nope", "conn_dify_1", "conn_runflow_nohook").stream()
            .map(id -> kit.handle(post(id).json(body).header("Runflow-Signature", signature)))
            .toList();

    assertThat(responses.get(0).status()).isEqualTo(404);
    assertThat(responses).allSatisfy(r -> assertThat(r).isEqualTo(responses.get(0)));
    assertThat(aws.busEvents()).isEmpty();
  }

  @Test
  void handle_whenTheWebhookIsSentAgain_answersDuplicateAndPublishesOnce() {
    WebhookResponse first = kit.handle(runflow(fixture("runflow-failed.json")));
    kit.pipeline.clock().advance(Duration.ofSeconds(30));
    WebhookResponse again = kit.handle(runflow(fixture("runflow-failed.json")));

    assertThat(first.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(202);
    assertThat(body(again).at("/status").asText()).isEqualTo("duplicate");
    assertThat(aws.busEvents()).hasSize(1);
  }

  @Test
  void deliver_whenAPollFindsTheFailureTheWebhookDelivered_publishesItOnce() {
    kit.handle(runflow(fixture("runflow-failed.json")));
    FailedExecution polled =
        new FailedExecution(
            Platform.RUNFLOW,
            TENANT,
            WebhookTestKit.RUNFLOW,
            new FailedExecution.Workflow("upscale-pipeline", null, null),
            new FailedExecution.Execution(
                RUN_ID, "failed", Outcome.FAILED, "api", null, null, null, null),
            new FailedExecution.RunError("Node 'Upscale' failed", "NODE_FAILED"),
            List.of(),
            new FailedExecution.Delivery(DeliveryPath.POLL, NOW.plus(Duration.ofMinutes(1))),
            null);

    DeliveryResult polledResult =
        kit.pipeline
            .delivery()
            .deliver(
                kit.pipeline.connections().find(WebhookTestKit.RUNFLOW).orElseThrow(),
                List.of(polled),
                Deadline.after(Duration.ofSeconds(3), kit.pipeline.clock()));

    assertThat(polledResult)
        .isInstanceOfSatisfying(
            DeliveryResult.Published.class, p -> assertThat(p.duplicates()).isEqualTo(1));
    assertThat(aws.busEvents()).hasSize(1);
  }

  @Test
  void handle_whenTheLookupReadTheStoredConnection_readsTheConnectionStoreOnce() {
    AtomicInteger finds = new AtomicInteger();
    ConnectionStore counted = countingFinds(kit.pipeline.connections(), finds);
    WebhookIntake intake =
        new WebhookIntake(
            new WebhookIntake.Parts(
                new WebhookReceiver(
                    new StoreWebhookConnections(counted, kit.pipeline.cipher()),
                    kit.pipeline.stores().replayGuard(),
                    WebhookReceiverConfig.defaults(kit.pipeline.clock())),
                counted,
                kit.pipeline.delivery(),
                kit.pipeline.outbox(),
                kit.pipeline.stores().deadLetters(),
                new DefaultFailedExecutionMapper(),
                RetrySchedule.defaults(),
                kit.pipeline.clock(),
                WebhookEnricher.none()));

    WebhookResponse response = intake.handle(runflow(fixture("runflow-failed.json")).build());

    assertThat(body(response).at("/status").asText()).isEqualTo("accepted");
    assertThat(finds).hasValue(1);
    assertThat(aws.busEvents()).hasSize(1);
  }

  /** {@code store}, counting its {@code find} calls. */
  private static ConnectionStore countingFinds(ConnectionStore store, AtomicInteger finds) {
    return (ConnectionStore)
        Proxy.newProxyInstance(
            ConnectionStore.class.getClassLoader(),
            new Class<?>[] {ConnectionStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("find")) {
                finds.incrementAndGet();
              }
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static JsonNode onlyEvent() {
    List<JsonNode> events = aws.busEvents();
    assertThat(events).hasSize(1);
    return events.get(0);
  }
}
