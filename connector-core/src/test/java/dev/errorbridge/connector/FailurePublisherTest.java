package dev.errorbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.deadletter.DeadLetterReason;
import dev.errorbridge.connector.deadletter.InMemoryDeadLetterStore;
import dev.errorbridge.connector.mapping.DefaultFailedExecutionMapper;
import dev.errorbridge.connector.mapping.EventChecks;
import dev.errorbridge.connector.mapping.EventIds;
import dev.errorbridge.connector.mapping.Failures;
import dev.errorbridge.connector.mapping.MappingOptions;
import dev.errorbridge.connector.publish.Deadline;
import dev.errorbridge.connector.publish.DefaultEventPublisher;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.publish.PublishOutcome;
import dev.errorbridge.connector.publish.PublishReport;
import dev.errorbridge.connector.publish.PublisherConfig;
import dev.errorbridge.localaws.LocalAws;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** Failed executions from every platform, mapped and published end to end onto a local-aws bus. */
class FailurePublisherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUS = "customer-errors";
  private static final String INBOX = "arn:aws:sqs:us-east-1:000000000000:alerts";
  private static final StaticCredentialsProvider KEYS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  private static LocalAws localAws;

  private final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
  private final DefaultEventPublisher publisher =
      new DefaultEventPublisher(PublisherConfig.defaults(), deadLetters);
  private final FailurePublisher failures =
      new FailurePublisher(
          new DefaultFailedExecutionMapper(), publisher, deadLetters, Clock.systemUTC());

  @BeforeAll
  static void startLocalAwsWithAlertRule() {
    localAws = LocalAws.start();
    try (EventBridgeClient admin =
        EventBridgeClient.builder()
            .endpointOverride(localAws.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(KEYS)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      admin.createEventBus(b -> b.name(BUS));
      admin.putRule(
          b ->
              b.name("all-workflow-errors")
                  .eventBusName(BUS)
                  .eventPattern(
                      "{\"source\":[{\"prefix\":\"errorbridge.\"}],"
                          + "\"detail-type\":[{\"prefix\":\"Workflow Execution\"}]}"));
      admin.putTargets(
          b ->
              b.rule("all-workflow-errors")
                  .eventBusName(BUS)
                  .targets(Target.builder().id("alerts").arn(INBOX).build()));
    }
  }

  @AfterAll
  static void stopLocalAws() {
    localAws.close();
  }

  @AfterEach
  void clear() {
    publisher.close();
    localAws.deliveries().clear();
  }

  @Test
  void publish_whenFailuresFromEveryPlatform_deliversSchemaValidEventsAFilterCanRoute() {
    List<FailedExecution> executions =
        List.of("alloy", "dify", "trigify", "runflow", "webhook").stream()
            .map(Failures::load)
            .toList();

    PublishReport report =
        failures.publish(destination(), MappingOptions.defaults(), executions, deadline());

    assertThat(report.allDelivered()).isTrue();
    Map<String, JsonNode> delivered = deliveredByEventId();
    assertThat(delivered).hasSize(5);
    for (FailedExecution execution : executions) {
      String eventId = EventIds.of(execution);
      JsonNode envelope = delivered.get(eventId);
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
  }

  @Test
  void publish_whenErrorTextIsTwoMegabytesOfEmoji_deliversATruncatedValidEvent() {
    FailedExecution dify = Failures.load("dify");
    FailedExecution huge =
        Failures.withSteps(
            dify,
            List.of(
                new FailedStep(
                    "node-1", "LLM", "llm", "😱".repeat(512 * 1024), null, null, null, null)));

    PublishReport report =
        failures.publish(destination(), MappingOptions.defaults(), List.of(huge), deadline());

    assertThat(report.allDelivered()).isTrue();
    JsonNode detail = deliveredByEventId().values().iterator().next().get("detail");
    assertThat(detail.get("truncated").asBoolean()).isTrue();
    assertThat(detail.get("failedSteps").get(0).get("errorMessage").asText())
        .endsWith("…[truncated]");
    assertThat(EventChecks.FAILED_EXECUTION_SCHEMA.validate(detail.toString(), InputFormat.JSON))
        .isEmpty();
  }

  @Test
  void publish_whenOneEventCannotFitEvenShrunk_rejectsAndParksItAndDeliversTheRest() {
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

    PublishReport report =
        failures.publish(
            destination(), MappingOptions.defaults(), List.of(tooLarge, fits), deadline());

    assertThat(report.outcomes().get(0))
        .isInstanceOfSatisfying(
            PublishOutcome.Rejected.class,
            rejected -> {
              assertThat(rejected.reason()).isEqualTo(DeadLetterReason.EVENT_TOO_LARGE);
              assertThat(rejected.message())
                  .contains("maxEntrySizeBytes")
                  .doesNotContain("nnnnnnnn");
            });
    assertThat(report.outcomes().get(1)).isInstanceOf(PublishOutcome.Delivered.class);
    assertThat(deadLetters.list(fits.tenantId(), "conn-1", 10))
        .singleElement()
        .satisfies(
            parked -> {
              assertThat(parked.reason()).isEqualTo(DeadLetterReason.EVENT_TOO_LARGE);
              assertThat(parked.entry()).isNull();
              assertThat(parked.eventId()).isEqualTo(EventIds.of(tooLarge));
            });
  }

  private Destination destination() {
    return new Destination(
        Failures.load("runflow").tenantId(),
        "conn-1",
        Region.US_EAST_1,
        BUS,
        KEYS,
        localAws.endpoint());
  }

  private static Deadline deadline() {
    return Deadline.after(Duration.ofSeconds(30), Clock.systemUTC());
  }

  private static Map<String, JsonNode> deliveredByEventId() {
    return localAws.deliveries().forTarget(INBOX).stream()
        .map(d -> readTree(d.envelope()))
        .collect(
            Collectors.toMap(e -> e.get("detail").get("eventId").asText(), Function.identity()));
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
