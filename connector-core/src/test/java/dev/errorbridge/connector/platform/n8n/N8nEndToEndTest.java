package dev.errorbridge.connector.platform.n8n;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestination;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.connection.ConnectionWebhook;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.connection.StoredSecret;
import dev.errorbridge.connector.mapping.DefaultFailedExecutionMapper;
import dev.errorbridge.connector.mapping.EventIds;
import dev.errorbridge.connector.mapping.MappingOptions;
import dev.errorbridge.connector.poll.DefaultFailureSourceFactory;
import dev.errorbridge.connector.poll.DefaultPollEngine;
import dev.errorbridge.connector.poll.FailureDelivery;
import dev.errorbridge.connector.poll.PollConfig;
import dev.errorbridge.connector.poll.PollCycleReport;
import dev.errorbridge.connector.poll.PollSources;
import dev.errorbridge.connector.poll.PollStatus;
import dev.errorbridge.connector.secrets.SecretPurpose;
import dev.errorbridge.connector.secrets.SecretRef;
import dev.errorbridge.connector.testing.AwaitValue;
import dev.errorbridge.connector.testing.LocalAwsServices;
import dev.errorbridge.connector.testing.LocalPipeline;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.testing.N8nExtension;
import dev.errorbridge.connector.testing.N8nInstance;
import dev.errorbridge.connector.testing.N8nPushReceiver;
import dev.errorbridge.connector.testing.N8nWorkflow;
import dev.errorbridge.connector.testing.N8nWorkflows;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.connector.webhook.StoreWebhookConnections;
import dev.errorbridge.connector.webhook.WebhookIntake;
import dev.errorbridge.connector.webhook.WebhookReceiver;
import dev.errorbridge.connector.webhook.WebhookReceiverConfig;
import dev.errorbridge.connector.webhook.spi.WebhookEnricher;
import dev.errorbridge.connector.webhook.spi.WebhookHeaders;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real n8n ({@link N8nExtension}) → Errorbridge's poll engine and webhook intake, wired as
 * production wires them ({@link LocalPipeline}: DynamoDB Local, KMS-encrypted key and secret) →
 * local-aws bus → rule → recording target. A workflow fails a few times; the poll puts exactly
 * those failures on the bus, named by workflow, node and message; then the Error Trigger sample's
 * pushes of the same failures, signed by n8n's Crypto node, reach the intake of the same n8n
 * connection and land on the same {@code eventId}s: duplicates, not new events. And a failure
 * pushed first is not published again by the poll.
 */
@ExtendWith({N8nExtension.class, LocalServices.class})
class N8nEndToEndTest {
  private static final String TENANT = "tnt_n8n_e2e";
  private static final String CONNECTION = N8nPushReceiver.CONNECTION_ID;
  private static final String MESSAGE = N8nFixtureScenario.MESSAGE;

  private static LocalAwsServices aws;
  private LocalPipeline pipeline;

  @BeforeAll
  static void startAws(LocalAwsServices shared) {
    aws = shared;
  }

  @BeforeEach
  void newPipeline() {
    aws.reset();
    pipeline = new LocalPipeline(aws);
  }

  @AfterEach
  void closePipeline() {
    pipeline.close();
  }

  @Test
  void pollThenPush_whenAWorkflowFailsThreeTimes_putsExactlyThoseFailuresOnTheBusOnce(
      N8nInstance n8n, N8nPushReceiver receiver) {
    N8nWorkflow errorWorkflow =
        n8n.createErrorTriggerWorkflow(N8nFixtureScenario.ERROR_TRIGGER_SAMPLE);
    N8nWorkflow failing =
        n8n.createFailingWorkflow("E2E: orders import", MESSAGE, errorWorkflow.id());
    Connection connection = createConnection(n8n, receiver, failing);
    List<String> executionIds = n8n.trigger(failing, 3);
    awaitFailed(n8n, executionIds);

    PollCycleReport report = poll(connection);

    assertThat(report.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(report.counts().delivered()).isEqualTo(3);
    List<JsonNode> polled = events();
    assertThat(polled)
        .extracting(e -> e.at("/detail/execution/id").asText())
        .containsExactlyInAnyOrderElementsOf(executionIds);
    assertThat(polled)
        .allSatisfy(
            e -> {
              String id = e.at("/detail/execution/id").asText();
              assertThat(e.at("/source").asText()).isEqualTo("errorbridge.n8n");
              assertThat(e.at("/detail-type").asText()).isEqualTo("Workflow Execution Failed");
              assertThat(e.at("/detail/platform").asText()).isEqualTo("n8n");
              assertThat(e.at("/detail/eventId").asText()).isEqualTo(eventId(id));
              assertThat(e.at("/detail/workflow/id").asText()).isEqualTo(failing.id());
              assertThat(e.at("/detail/workflow/name").asText()).isEqualTo("E2E: orders import");
              assertThat(e.at("/detail/error/message").asText()).isEqualTo(MESSAGE);
              assertThat(e.at("/detail/error/code").asText()).isEqualTo("NodeOperationError");
              assertThat(e.at("/detail/failedSteps/0/name").asText())
                  .isEqualTo(N8nWorkflows.STOP_AND_ERROR_NODE);
              assertThat(e.at("/detail/failedSteps/0/type").asText())
                  .isEqualTo("n8n-nodes-base.stopAndError");
              assertThat(e.at("/detail/execution/consoleUrl").asText())
                  .isEqualTo(n8n.baseUri() + "workflow/" + failing.id() + "/executions/" + id);
              assertThat(e.at("/detail/delivery/path").asText()).isEqualToIgnoringCase("poll");
              assertThat(e.toString()).doesNotContain(n8n.apiKey().reveal());
            });

    // The Error Trigger sample reported the same three failures: each push is a duplicate.
    for (LoggedRequest push : awaitPushes(receiver, executionIds)) {
      String id = N8nFixtures.read(push.getBodyAsString()).at("/execution/id").asText();
      WebhookResponse response = forward(push);
      JsonNode answer = N8nFixtures.read(response.body());
      assertThat(response.status()).as("answer to the push of %s", id).isEqualTo(202);
      assertThat(answer.get("status").asText()).isEqualTo("duplicate");
      assertThat(answer.get("eventId").asText()).isEqualTo(eventId(id));
    }
    assertThat(events()).hasSize(3);
  }

  @Test
  void pushThenPoll_whenTheErrorTriggerReportsFirst_thePollPublishesNothingAgain(
      N8nInstance n8n, N8nPushReceiver receiver) {
    N8nWorkflow errorWorkflow =
        n8n.createErrorTriggerWorkflow(N8nFixtureScenario.ERROR_TRIGGER_SAMPLE);
    N8nWorkflow failing =
        n8n.createFailingWorkflow("E2E: pushed first", "pushed first", errorWorkflow.id());
    Connection connection = createConnection(n8n, receiver, failing);
    List<String> executionIds = n8n.trigger(failing, 2);

    for (LoggedRequest push : awaitPushes(receiver, executionIds)) {
      WebhookResponse response = forward(push);
      assertThat(N8nFixtures.read(response.body()).get("status").asText()).isEqualTo("accepted");
    }
    List<JsonNode> pushed = events();
    awaitFailed(n8n, executionIds);
    PollCycleReport report = poll(connection);

    assertThat(pushed)
        .extracting(e -> e.at("/detail/eventId").asText())
        .containsExactlyInAnyOrder(eventId(executionIds.get(0)), eventId(executionIds.get(1)));
    assertThat(pushed)
        .allSatisfy(
            e -> {
              assertThat(e.at("/detail/platform").asText()).isEqualTo("n8n");
              assertThat(e.at("/detail/workflow/name").asText()).isEqualTo("E2E: pushed first");
              assertThat(e.at("/detail/failedSteps/0/name").asText())
                  .isEqualTo(N8nWorkflows.STOP_AND_ERROR_NODE);
            });
    assertThat(report.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(report.counts().delivered()).isZero();
    assertThat(events()).hasSize(2);
  }

  /**
   * An n8n connection watching {@code workflow} only (the instance is shared with other tests),
   * polled with the instance's key and pushed to with the receiver's secret.
   */
  private Connection createConnection(
      N8nInstance n8n, N8nPushReceiver receiver, N8nWorkflow workflow) {
    catchUpWithRealTime();
    Instant now = pipeline.clock().instant();
    StoredSecret key =
        new StoredSecret(
            pipeline
                .cipher()
                .encrypt(
                    new SecretRef(TENANT, CONNECTION, SecretPurpose.PLATFORM_API_KEY),
                    n8n.apiKey()),
            n8n.apiKey().hint());
    return pipeline
        .connections()
        .create(
            new Connection(
                CONNECTION,
                TENANT,
                "n8n production",
                true,
                new ConnectionSource(
                    N8nPlugin.N8N,
                    n8n.baseUri(),
                    key,
                    Set.of(Outcome.FAILED),
                    Set.of(workflow.id()),
                    Map.of()),
                new ConnectionWebhook(
                    pipeline.seal(TENANT, CONNECTION, receiver.secret().reveal()), null, Map.of()),
                new ConnectionDestination(
                    LocalAwsServices.REGION, LocalAwsServices.BUS, new DestinationAuth.Ambient()),
                MappingOptions.defaults(),
                ConnectionHealth.initial(true, now),
                now,
                now,
                1));
  }

  private PollCycleReport poll(Connection connection) {
    catchUpWithRealTime();
    DefaultPollEngine engine =
        DefaultPollEngine.builder()
            .checkpoints(pipeline.stores().checkpoints())
            .connections(pipeline.connections())
            .sources(
                new PollSources(
                    new DefaultFailureSourceFactory(
                        DefaultFailureSourceFactory.defaultHttpClient(),
                        pipeline.clock(),
                        pipeline.clock().sleeper()),
                    pipeline.cipher()))
            .delivery(FailureDelivery.of(pipeline.delivery()))
            .health(pipeline.health())
            .config(PollConfig.defaults())
            .clock(pipeline.clock())
            .build();
    return engine.poll(
        pipeline.connections().find(connection.id()).orElseThrow(),
        Deadline.after(Duration.ofMinutes(2), pipeline.clock()));
  }

  /** The push as Errorbridge's {@code POST /webhooks/{connectionId}} receives it. */
  private WebhookResponse forward(LoggedRequest push) {
    catchUpWithRealTime(); // the signature's t must be within five minutes of the intake's clock
    WebhookHeaders.Builder headers = WebhookHeaders.builder();
    for (HttpHeader header : push.getHeaders().all()) {
      header.values().forEach(value -> headers.add(header.key(), value));
    }
    WebhookReceiver webhookReceiver =
        new WebhookReceiver(
            new StoreWebhookConnections(pipeline.connections(), pipeline.cipher()),
            pipeline.stores().replayGuard(),
            WebhookReceiverConfig.defaults(pipeline.clock()));
    WebhookIntake intake =
        new WebhookIntake(
            new WebhookIntake.Parts(
                webhookReceiver,
                pipeline.connections(),
                pipeline.delivery(),
                pipeline.outbox(),
                pipeline.stores().deadLetters(),
                new DefaultFailedExecutionMapper(),
                pipeline.schedule(),
                pipeline.clock(),
                WebhookEnricher.none()));
    return intake.handle(
        new WebhookRequest(
            CONNECTION, headers.build(), Map.of(), push.getBody(), pipeline.clock().instant()));
  }

  /** n8n stamps real times: the pipeline's clock (which starts in the past) moves up to now. */
  private void catchUpWithRealTime() {
    Duration behind = Duration.between(pipeline.clock().instant(), Instant.now());
    if (!behind.isNegative()) {
      pipeline.clock().advance(behind);
    }
  }

  private List<JsonNode> events() {
    return aws.busEvents().stream()
        .filter(e -> CONNECTION.equals(e.at("/detail/connectionId").asText()))
        .toList();
  }

  private static String eventId(String executionId) {
    return EventIds.of(TENANT, CONNECTION, N8nPlugin.N8N, executionId);
  }

  /** n8n answers the trigger call before its last node fails: wait until each has. */
  private static void awaitFailed(N8nInstance n8n, List<String> executionIds) {
    for (String id : executionIds) {
      AwaitValue.until(
          "execution " + id + " to fail",
          Duration.ofSeconds(60),
          () -> n8n.execution(id, false).path("status").asText(),
          "error"::equals);
    }
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
                            N8nFixtures.read(push.getBodyAsString()).at("/execution/id").asText()))
                .toList(),
        found -> found.size() == executionIds.size());
  }
}
