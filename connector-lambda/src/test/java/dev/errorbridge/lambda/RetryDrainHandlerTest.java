package dev.errorbridge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.store.dynamodb.OperationLeases;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.fault.Fault;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The retry worker: parked webhook events drained on schedule, dead letters replayed on request.
 */
class RetryDrainHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalAws localAws;
  private static LocalDynamoDb dynamoDb;

  private final MutableClock clock = new MutableClock(Instant.now());
  private TestStack stack;
  private WebhookHandler webhooks;
  private RetryDrainHandler handler;
  private String connectionId;

  @BeforeAll
  static void startServices() {
    localAws = LocalAws.start();
    dynamoDb = LocalDynamoDb.start();
  }

  @AfterAll
  static void stopServices() {
    dynamoDb.close();
    localAws.close();
  }

  @BeforeEach
  void deploy() {
    localAws.deliveries().clear();
    stack = new TestStack(localAws, dynamoDb, clock);
    webhooks = new WebhookHandler(stack.components(), TestStack.REGION, clock);
    // Another function: its own JVM, so its own publisher (and circuit breakers) over the table.
    handler = new RetryDrainHandler(stack.anotherFunction(clock), TestStack.REGION, clock);
    connectionId = stack.createRunflowConnection();
  }

  @AfterEach
  void undeploy() {
    localAws.faults().clear();
    stack.close();
  }

  @Test
  void handleRequest_whenScheduledAfterAThrottledWebhook_publishesTheParkedEvent()
      throws IOException {
    localAws.faults().inject(Fault.throttle("PutEvents").times(1_000));
    JsonNode queued = webhook();
    localAws.faults().clear();
    assertThat(queued.get("status").asText()).isEqualTo("queued");
    assertThat(stack.delivered()).isEmpty();
    clock.advance(Duration.ofHours(1));

    JsonNode report = invoke(Fixtures.text("events/scheduled-event.json"));

    assertThat(report.get("due").asInt()).as(report.toString()).isEqualTo(1);
    assertThat(report.get("delivered").asInt()).isEqualTo(1);
    assertThat(stack.delivered())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.at("/detail/eventId").asText())
                    .isEqualTo(queued.get("eventId").asText()));
  }

  @Test
  void handleRequest_whenNothingIsParked_reportsAnEmptyDrain() throws IOException {
    assertThat(Fixtures.event("scheduled-event.json", ScheduledEvent.class).getDetailType())
        .isEqualTo("Scheduled Event");

    JsonNode empty = invoke("");
    JsonNode braces = invoke("{}");

    assertThat(empty.get("due").asInt()).isZero();
    assertThat(braces.get("due").asInt()).isZero();
  }

  @Test
  void handleRequest_whenReplayRequested_republishesTheConnectionsDeadLetters() throws IOException {
    localAws.faults().inject(Fault.entryError("PutEvents", "MalformedDetail", 0).times(1));
    JsonNode parked = webhook();
    assertThat(parked.get("status").asText()).isEqualTo("dead-lettered");
    assertThat(stack.delivered()).isEmpty();

    JsonNode report =
        invoke(Fixtures.text("events/retry-replay.json").replace("CONNECTION_ID", connectionId));

    assertThat(report.get("delivered").asInt()).as(report.toString()).isEqualTo(1);
    assertThat(stack.delivered()).hasSize(1);
  }

  @Test
  void handleRequest_whenAnotherProcessReplaysTheConnection_answersReplayRunningAndSendsNothing()
      throws IOException {
    localAws.faults().inject(Fault.entryError("PutEvents", "MalformedDetail", 0).times(1));
    webhook();
    // a server replica (or another sandbox) on the same table, mid-replay of this connection
    OperationLeases replica =
        new OperationLeases(
            stack.components().table(), "replica-b", OperationLeases.DEFAULT_DURATION, clock);
    OperationLeases.Acquisition held =
        replica.acquire(connectionId, OperationLeases.Operation.REPLAY);

    JsonNode busy =
        invoke(Fixtures.text("events/retry-replay.json").replace("CONNECTION_ID", connectionId));
    List<JsonNode> deliveredWhileHeld = stack.delivered();
    ((OperationLeases.Acquisition.Acquired) held).lease().close();
    JsonNode after =
        invoke(Fixtures.text("events/retry-replay.json").replace("CONNECTION_ID", connectionId));
    replica.close();

    assertThat(busy.get("error").asText()).isEqualTo("ReplayRunning");
    assertThat(busy.get("holder").asText()).isEqualTo("replica-b");
    assertThat(busy.get("message").asText())
        .contains(connectionId, "wait for it to finish, then invoke again");
    assertThat(deliveredWhileHeld).isEmpty();
    assertThat(after.get("delivered").asInt()).as(after.toString()).isEqualTo(1);
  }

  @Test
  void handleRequest_whenReplayNamesAnotherTenantsConnection_answersAnErrorAndSendsNothing()
      throws IOException {
    localAws.faults().inject(Fault.entryError("PutEvents", "MalformedDetail", 0).times(1));
    webhook();

    JsonNode report =
        invoke(
            Fixtures.text("events/retry-replay.json")
                .replace("CONNECTION_ID", connectionId)
                .replace("\"acme\"", "\"globex\""));

    assertThat(report.get("error").asText()).contains(connectionId);
    assertThat(stack.delivered()).isEmpty();
  }

  @Test
  void handleRequest_whenReplayLacksIds_answersHowToAsk() throws IOException {
    JsonNode report = invoke("{\"replay\":{\"tenantId\":\"acme\"}}");

    assertThat(report.get("error").asText()).contains("connectionId");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"replay\":{\"tenantId\":\"acme\",\"connectionId\":7}}|replay.connectionId",
        "{\"replay\":{\"tenantId\":\"acme\",\"connectionId\":\"../x\"}}|replay.connectionId",
        "{\"replay\":{\"tenantId\":[],\"connectionId\":\"cn_1\"}}|replay.tenantId",
        "{\"replay\":{\"tenantId\":\"acme\",\"connectionId\":\"cn_1\",\"limit\":\"all\"}}|replay.limit",
        "{\"replay\":{\"tenantId\":\"acme\",\"connectionId\":\"cn_1\",\"dryRun\":1}}|replay.dryRun",
        "{\"replay\":{\"tenantId\":\"acme\",\"connectionId\":\"cn_1\",\"force\":true}}|replay.force",
        "{\"replay\":5}|replay",
        "{\"replay\":{},\"replay\":{}}|replay",
        "{} trailing|input"
      })
  void handleRequest_whenReplayFieldInvalid_answersTheProblemAndSendsNothing(
      String input, String field) throws IOException {
    JsonNode report = invoke(input);

    assertThat(report.path("problems").findValuesAsText("field")).contains(field);
    assertThat(stack.delivered()).isEmpty();
  }

  private JsonNode webhook() throws IOException {
    APIGatewayV2HTTPEvent event =
        Fixtures.event("webhook-function-url-runflow.json", APIGatewayV2HTTPEvent.class);
    event.setRawPath(event.getRawPath().replace("CONNECTION_ID", connectionId));
    APIGatewayV2HTTPResponse response = webhooks.handle(event);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
    return JSON.readTree(response.getBody());
  }

  private JsonNode invoke(String input) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        out,
        TestContext.withMinutes(1));
    return JSON.readTree(out.toByteArray());
  }
}
