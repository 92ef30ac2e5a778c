package dev.errorbridge.connector.webhook;

import static dev.errorbridge.connector.webhook.WebhookTestKit.fixture;
import static dev.errorbridge.connector.webhook.WebhookTestKit.generic;
import static dev.errorbridge.connector.webhook.WebhookTestKit.runflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.engine.BackgroundBookkeeping;
import dev.errorbridge.connector.retry.OutboxSettlements;
import dev.errorbridge.connector.retry.RetrySchedule;
import dev.errorbridge.connector.testing.LocalAwsServices;
import dev.errorbridge.connector.testing.LocalPipeline;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.webhook.spi.WebhookEnricher;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * What a webhook's answer waits on, counted call by call on the server's shape (settling in the
 * background), for every platform that sends webhooks: one connection read, one conditional write
 * (the claim, which also keeps the event in the outbox and, for the generic webhook, records the
 * signed request against replays), one {@code PutEvents}. Secrets are decrypted once per cache
 * period, so the count is taken on a webhook after the first.
 */
@ExtendWith(LocalServices.class)
class WebhookAnswerPathTest {
  private static LocalAwsServices aws;
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private IntakeKit kit;
  private BackgroundBookkeeping background;

  @BeforeAll
  static void start(LocalAwsServices shared) {
    aws = shared;
  }

  @BeforeEach
  void wire() {
    ExecutionInterceptor counting =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              Context.BeforeTransmission context, ExecutionAttributes attributes) {
            calls.add(
                Thread.currentThread().getName()
                    + " "
                    + attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
                    + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
          }
        };
    LocalPipeline pipeline =
        new LocalPipeline(aws, new LocalPipeline.Options().interceptor(counting));
    background =
        new BackgroundBookkeeping(
            pipeline.outbox(),
            pipeline.health(),
            new OutboxSettlements(RetrySchedule.defaults()),
            pipeline.clock(),
            BackgroundBookkeeping.Tuning.defaults());
    kit = new IntakeKit(pipeline, WebhookEnricher.none(), pipeline.delivery(background));
  }

  @AfterEach
  void reset() {
    background.close();
    kit.close();
    aws.reset();
  }

  @Test
  void handle_whenARunflowFailureIsNew_answersAfterOneReadOneConditionalWriteAndOnePutEvents() {
    kit.handle(runflow(runflowFailure("warm-up")));
    calls.clear();

    WebhookResponse response = kit.handle(runflow(runflowFailure("counted")));

    assertThat(IntakeKit.body(response).at("/status").asText()).isEqualTo("accepted");
    assertThat(answerPath())
        .containsExactly(
            "DynamoDb.GetItem", "DynamoDb.TransactWriteItems", "EventBridge.PutEvents");
  }

  @Test
  void handle_whenTheFailureWasDeliveredBefore_answersAfterOneReadAndOneConditionalWrite() {
    kit.handle(runflow(runflowFailure("once")));
    calls.clear();

    WebhookResponse response = kit.handle(runflow(runflowFailure("once")));

    assertThat(IntakeKit.body(response).at("/status").asText()).isIn("duplicate", "queued");
    assertThat(answerPath()).containsExactly("DynamoDb.GetItem", "DynamoDb.TransactWriteItems");
  }

  @Test
  void handle_whenAGenericFailureIsNew_recordsItsReplayGuardInTheClaimsOneConditionalWrite() {
    kit.handle(generic(genericFailure("exec-warm-up")));
    calls.clear();

    WebhookResponse response = kit.handle(generic(genericFailure("exec-counted")));

    assertThat(IntakeKit.body(response).at("/status").asText()).isEqualTo("accepted");
    assertThat(answerPath())
        .containsExactly(
            "DynamoDb.GetItem", "DynamoDb.TransactWriteItems", "EventBridge.PutEvents");
  }

  @Test
  void handle_whenTheSameSignedGenericRequestComesAgain_refusesItAtTheClaimWithoutPublishing() {
    kit.handle(generic(genericFailure("exec-warm-up")));
    WebhookTestKit.RequestBuilder request = generic(genericFailure("exec-replayed"));
    kit.handle(request);
    calls.clear();

    WebhookResponse replayed = kit.handle(request);

    assertThat(replayed.status()).isEqualTo(401);
    assertThat(answerPath()).containsExactly("DynamoDb.GetItem", "DynamoDb.TransactWriteItems");
  }

  @Test
  void handle_whenAnAlloyFailureIsNew_answersAfterOneReadOneConditionalWriteAndOnePutEvents() {
    kit.handle(alloy("Qm7vT2xK9pLr4sWz8nB3c"));
    calls.clear();

    WebhookResponse response = kit.handle(alloy("Zx1cV2bN3mL4kJ5hG6fD7"));

    assertThat(IntakeKit.body(response).at("/status").asText()).isEqualTo("accepted");
    assertThat(answerPath())
        .containsExactly(
            "DynamoDb.GetItem", "DynamoDb.TransactWriteItems", "EventBridge.PutEvents");
  }

  private static byte[] genericFailure(String executionId) {
    return new String(fixture("generic-failure.json"), StandardCharsets.UTF_8)
        .replace("exec-2026-02-03-0200-17", executionId)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** {@link WebhookTestKit#alloy} for another execution. */
  private static WebhookTestKit.RequestBuilder alloy(String executionUuid) {
    return WebhookTestKit.post(WebhookTestKit.ALLOY)
        .json(fixture("alloy-error.json"))
        .header("X-Errorbridge-Token", WebhookTestKit.ALLOY_TOKEN)
        .header("X-Alloy-WorkflowId", "65c1d2e3f4a5b6c7d8e9f0b7")
        .header("X-Alloy-UserId", "65aa11bb22cc33dd44ee55ff")
        .header("X-Alloy-BlockName", "Create Sales Order")
        .header("X-Alloy-BlockType", "netsuite")
        .header("X-Alloy-ExecutionUuid", executionUuid);
  }

  /** The calls the request's own thread made, in order (background bookkeeping left out). */
  private List<String> answerPath() {
    String me = Thread.currentThread().getName() + " ";
    return calls.stream().filter(c -> c.startsWith(me)).map(c -> c.substring(me.length())).toList();
  }

  private static byte[] runflowFailure(String runId) {
    return new String(fixture("runflow-failed.json"), StandardCharsets.UTF_8)
        .replace("0194c7a2-5b1e-7c3d-9a8f-2e6b4d1c0f97", runId)
        .getBytes(StandardCharsets.UTF_8);
  }
}
