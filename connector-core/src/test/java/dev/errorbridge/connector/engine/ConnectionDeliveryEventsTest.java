package dev.errorbridge.connector.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.deadletter.DeadLetterReason;
import dev.errorbridge.connector.mapping.EventChecks;
import dev.errorbridge.connector.mapping.EventIds;
import dev.errorbridge.connector.mapping.Failures;
import dev.errorbridge.connector.publish.PublishOutcome;
import dev.errorbridge.connector.store.Outbox;
import dev.errorbridge.connector.testing.LocalAwsServices;
import dev.errorbridge.connector.testing.LocalPipeline;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.time.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failed executions from every platform, mapped, claimed, published and settled end to end onto a
 * local-aws bus through {@link ConnectionDelivery}.
 */
@ExtendWith(LocalServices.class)
class ConnectionDeliveryEventsTest {
  private static final String TENANT = "tenant-a";
  private static LocalAwsServices aws;
  private LocalPipeline pipeline;
  private Connection connection;

  @BeforeAll
  static void start(LocalAwsServices shared) {
    aws = shared;
  }

  @BeforeEach
  void wire() {
    pipeline = new LocalPipeline(aws);
    connection = pipeline.connection(TENANT, "conn-1", Platform.RUNFLOW, true, null, null, null);
  }

  @AfterEach
  void reset() {
    pipeline.close();
    aws.reset();
  }

  @Test
  void deliver_whenFailuresFromEveryPlatform_publishesSchemaValidEventsAFilterCanRoute() {
    List<FailedExecution> executions =
        List.of("alloy", "dify", "trigify", "runflow", "webhook").stream()
            .map(Failures::load)
            .toList();

    DeliveryResult result = pipeline.delivery().deliver(connection, executions, deadline());

    assertThat(result)
        .isInstanceOfSatisfying(
            DeliveryResult.Published.class, p -> assertThat(p.report().allDelivered()).isTrue());
    Map<String, JsonNode> delivered = deliveredByEventId();
    assertThat(delivered).hasSize(5);
    for (FailedExecution execution : executions) {
      JsonNode envelope = delivered.get(EventIds.of(execution));
      assertThat(envelope.get("source").asText())
          .isEqualTo("errorbridge." + execution.platform().id());
      assertThat(envelope.get("detail-type").asText())
          .isEqualTo(execution.execution().outcome().detailType());
      assertThat(
              EventChecks.FAILED_EXECUTION_SCHEMA.validate(
                  envelope.get("detail").toString(), InputFormat.JSON))
          .isEmpty();
      assertThat(envelope.get("detail").get("execution").get("id").asText())
          .isEqualTo(execution.execution().id());
    }
    assertThat(pipeline.stores().parkedEvents().due(LocalPipeline.START.plusSeconds(86_400), 10))
        .as("every delivered event left the outbox")
        .isEmpty();
  }

  @Test
  void deliver_whenErrorTextIsTwoMegabytesOfEmoji_publishesATruncatedValidEvent() {
    FailedExecution huge =
        Failures.withSteps(
            Failures.load("dify"),
            List.of(
                new FailedStep(
                    "node-1", "LLM", "llm", "😱".repeat(512 * 1024), null, null, null, null)));

    pipeline.delivery().deliver(connection, List.of(huge), deadline());

    JsonNode detail = deliveredByEventId().values().iterator().next().get("detail");
    assertThat(detail.get("truncated").asBoolean()).isTrue();
    assertThat(detail.get("failedSteps").get(0).get("errorMessage").asText())
        .endsWith("…[truncated]");
    assertThat(EventChecks.FAILED_EXECUTION_SCHEMA.validate(detail.toString(), InputFormat.JSON))
        .isEmpty();
  }

  @Test
  void deliver_whenOneEventCannotFitEvenShrunk_deadLettersItOnceAndPublishesTheRest() {
    FailedExecution fits = Failures.load("runflow");
    FailedExecution tooLarge =
        new FailedExecution(
            fits.platform(),
            fits.tenantId(),
            fits.connectionId(),
            new Workflow("wf-huge", "n".repeat(300 * 1024), null),
            new FailedExecution.Execution(
                "run-huge", "failed", Outcome.FAILED, null, null, null, null, null),
            null,
            List.of(),
            fits.delivery(),
            null);

    DeliveryResult first =
        pipeline.delivery().deliver(connection, List.of(tooLarge, fits), deadline());
    DeliveryResult again = pipeline.delivery().deliver(connection, List.of(tooLarge), deadline());

    assertThat(first)
        .isInstanceOfSatisfying(
            DeliveryResult.Published.class,
            p -> {
              assertThat(p.report().outcomes())
                  .anySatisfy(o -> assertThat(o).isInstanceOf(PublishOutcome.Delivered.class))
                  .anySatisfy(
                      o ->
                          assertThat(o)
                              .isInstanceOfSatisfying(
                                  PublishOutcome.Rejected.class,
                                  r -> {
                                    assertThat(r.reason())
                                        .isEqualTo(DeadLetterReason.EVENT_TOO_LARGE);
                                    assertThat(r.message())
                                        .contains("maxEntrySizeBytes")
                                        .doesNotContain("nnnnnnnn");
                                  }));
            });
    assertThat(again)
        .isInstanceOfSatisfying(
            DeliveryResult.Published.class,
            p ->
                assertThat(p.known())
                    .containsEntry(EventIds.of(tooLarge), Outbox.DeliveryState.DEAD_LETTERED));
    assertThat(pipeline.stores().deadLetters().list(TENANT, "conn-1", 10))
        .singleElement()
        .satisfies(
            parked -> {
              assertThat(parked.reason()).isEqualTo(DeadLetterReason.EVENT_TOO_LARGE);
              assertThat(parked.entry()).isNull();
              assertThat(parked.eventId()).isEqualTo(EventIds.of(tooLarge));
            });
    assertThat(aws.busEvents()).hasSize(1);
  }

  private Deadline deadline() {
    return Deadline.after(Duration.ofSeconds(30), pipeline.clock());
  }

  private static Map<String, JsonNode> deliveredByEventId() {
    return aws.busEvents().stream()
        .collect(
            Collectors.toMap(e -> e.get("detail").get("eventId").asText(), Function.identity()));
  }
}
