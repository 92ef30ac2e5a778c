package dev.errorbridge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.sqs.SqsMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The schedule tick: due connections onto local-aws's SQS, the suspended count as EMF. */
class PollScheduleHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalAws localAws;
  private static LocalDynamoDb dynamoDb;

  private final ByteArrayOutputStream metrics = new ByteArrayOutputStream();
  private TestStack stack;
  private SqsClient sqs;
  private String queueUrl;
  private PollScheduleHandler handler;

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
    stack = new TestStack(localAws, dynamoDb);
    sqs = stack.sqs();
    queueUrl = sqs.createQueue(r -> r.queueName("errorbridge-poll")).queueUrl();
    localAws.sqs().clearMessages();
    handler =
        new PollScheduleHandler(
            stack.components(),
            new PollQueue(sqs, queueUrl),
            TestStack.REGION,
            new PrintStream(metrics, true, StandardCharsets.UTF_8),
            Clock.systemUTC());
  }

  @AfterEach
  void undeploy() {
    sqs.close();
    stack.close();
  }

  @Test
  void handleRequest_whenScheduled_enqueuesOneMessagePerDueConnectionAndCountsTheSuspended()
      throws IOException {
    String origin = "http://127.0.0.1:9";
    PollConnections.dify(stack.components(), "cn_due_1", origin);
    PollConnections.dify(stack.components(), "cn_due_2", origin);
    PollConnections.create(stack.components(), "cn_suspended", origin, HealthState.SUSPENDED);
    // in ERROR (a platform it cannot read): still polled, and counted for its alarm
    PollConnections.create(stack.components(), "cn_error", origin, HealthState.ERROR);
    String event = Fixtures.text("events/scheduled-event.json");
    assertThat(Fixtures.event("scheduled-event.json", ScheduledEvent.class).getSource())
        .isEqualTo("aws.events");

    JsonNode summary = invoke(event);

    assertThat(localAws.sqs().messages(queueUrl))
        .extracting(SqsMessage::body)
        .containsExactlyInAnyOrder(
            PollQueue.body("cn_due_1"), PollQueue.body("cn_due_2"), PollQueue.body("cn_error"));
    assertThat(summary.get("due").asInt()).isEqualTo(3);
    assertThat(summary.get("enqueued").asInt()).isEqualTo(3);
    assertThat(summary.get("suspendedConnections").asInt()).isEqualTo(1);
    assertThat(summary.get("connectionsInError").asInt()).isEqualTo(1);
    JsonNode emf = JSON.readTree(metrics.toString(StandardCharsets.UTF_8).trim());
    assertThat(emf.get("SuspendedConnections").asLong()).isEqualTo(1);
    assertThat(emf.get("ConnectionsInError").asLong()).isEqualTo(1);
    assertThat(emf.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("Errorbridge");
    assertThat(emf.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText())
        .isEqualTo("SuspendedConnections");
    assertThat(emf.at("/_aws/CloudWatchMetrics/0/Metrics/1/Name").asText())
        .isEqualTo("ConnectionsInError");
    assertThat(emf.at("/_aws/CloudWatchMetrics/0/Dimensions/0")).isEmpty();
  }

  @Test
  void handleRequest_whenNothingIsDue_sendsNothingAndStillPublishesZero() throws IOException {
    JsonNode summary = invoke("");

    assertThat(summary.get("due").asInt()).isZero();
    assertThat(localAws.sqs().messages(queueUrl)).isEmpty();
    assertThat(
            JSON.readTree(metrics.toString(StandardCharsets.UTF_8).trim())
                .get("SuspendedConnections")
                .asLong())
        .isZero();
    assertThat(
            JSON.readTree(metrics.toString(StandardCharsets.UTF_8).trim())
                .get("ConnectionsInError")
                .asLong())
        .isZero();
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
