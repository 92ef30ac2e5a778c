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
 * background): one connection read, one conditional write (the claim, which also keeps the event in
 * the outbox), one {@code PutEvents}. Secrets are decrypted once per cache period, so the count is
 * taken on a webhook after the first.
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
  void handle_whenAGenericWebhook_addsOnlyItsReplayGuardWrite() {
    kit.handle(generic(fixture("generic-failure.json")));
    calls.clear();

    kit.handle(
        generic(
            new String(fixture("generic-failure.json"), StandardCharsets.UTF_8)
                .replace("exec-2026-02-03-0200-17", "exec-counted")
                .getBytes(StandardCharsets.UTF_8)));

    assertThat(answerPath())
        .containsExactly(
            "DynamoDb.GetItem",
            "DynamoDb.PutItem",
            "DynamoDb.TransactWriteItems",
            "EventBridge.PutEvents");
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
