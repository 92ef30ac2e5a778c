package dev.errorbridge.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.localaws.LocalAws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SQS batches of poll messages through the worker, against WireMock platforms. */
class PollWorkerHandlerTest {
  @RegisterExtension
  static final WireMockExtension PLATFORM =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String EMPTY_PAGE =
      "{\"page\":1,\"limit\":100,\"has_more\":false,\"data\":[]}";
  private static LocalAws localAws;
  private static LocalDynamoDb dynamoDb;

  private TestStack stack;
  private PollWorkerHandler handler;

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
    PLATFORM.resetAll();
    stack = new TestStack(localAws, dynamoDb);
    handler = new PollWorkerHandler(stack.components(), TestStack.REGION, Clock.systemUTC());
  }

  @AfterEach
  void undeploy() {
    stack.close();
  }

  @Test
  void handleRequest_whenOnePlatformAnswers500_reportsOnlyThatConnectionsMessage() {
    String origin = "http://127.0.0.1:" + PLATFORM.getPort();
    PollConnections.dify(stack.components(), "cn_healthy", origin);
    PollConnections.dify(stack.components(), "cn_broken", origin);
    PLATFORM.stubFor(
        get(urlPathMatching("/cn_healthy/v1/workflows/logs")).willReturn(okJson(EMPTY_PAGE)));
    PLATFORM.stubFor(
        get(urlPathMatching("/cn_broken/v1/.*"))
            .willReturn(aResponse().withStatus(500).withBody("{\"message\":\"oops\"}")));

    SQSBatchResponse response =
        handler.handle(batch("cn_healthy", "cn_broken"), TestContext.withMinutes(1));

    // The second record names cn_broken; the deleted connection and the stray message are dropped.
    assertThat(response.getBatchItemFailures())
        .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("9e8d7c6b-5a49-4382-b1c0-d9e8f7a6b502");
    assertThat(stack.components().stores().checkpoints().load("cn_healthy")).isPresent();
  }

  @Test
  void handleRequest_whenEveryCycleCompletes_reportsNoFailure() {
    String origin = "http://127.0.0.1:" + PLATFORM.getPort();
    PollConnections.dify(stack.components(), "cn_one", origin);
    PollConnections.dify(stack.components(), "cn_two", origin);
    PLATFORM.stubFor(
        get(urlPathMatching("/cn_(one|two)/v1/workflows/logs")).willReturn(okJson(EMPTY_PAGE)));

    SQSBatchResponse response =
        handler.handle(batch("cn_one", "cn_two"), TestContext.withMinutes(1));

    assertThat(response.getBatchItemFailures()).isEmpty();
  }

  @Test
  void handleRequest_whenNoTimeIsLeft_handsTheWholeBatchBackUnpolled() {
    String origin = "http://127.0.0.1:" + PLATFORM.getPort();
    PollConnections.dify(stack.components(), "cn_one", origin);
    PollConnections.dify(stack.components(), "cn_two", origin);
    PLATFORM.stubFor(
        get(urlPathMatching("/cn_(one|two)/v1/workflows/logs")).willReturn(okJson(EMPTY_PAGE)));

    // No more than the safety margin remains: nothing may start, SQS redelivers the batch.
    SQSBatchResponse response = handler.handle(batch("cn_one", "cn_two"), new TestContext(2_000));

    assertThat(response.getBatchItemFailures()).hasSize(4);
    assertThat(PLATFORM.getAllServeEvents()).isEmpty();
  }

  @Test
  void handleRequest_whenAwsSqsSampleNamesAConnection_pollsItAndWritesTheBatchResponse()
      throws IOException {
    String origin = "http://127.0.0.1:" + PLATFORM.getPort();
    PollConnections.dify(stack.components(), "cn_sample", origin);
    PLATFORM.stubFor(
        get(urlPathMatching("/cn_sample/v1/workflows/logs")).willReturn(okJson(EMPTY_PAGE)));
    String sample =
        Fixtures.text("events/aws-samples/sqs-batch-poll-message.json")
            .replace("CONNECTION_ID", "cn_sample");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    handler.handleRequest(
        new ByteArrayInputStream(sample.getBytes(StandardCharsets.UTF_8)),
        out,
        TestContext.withMinutes(1));

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");
    assertThat(stack.components().stores().checkpoints().load("cn_sample")).isPresent();
  }

  @Test
  void handleRequest_whenACycleIsToBeRetried_writesItsMessageIdAsSqsReadsIt() throws IOException {
    String origin = "http://127.0.0.1:" + PLATFORM.getPort();
    PollConnections.dify(stack.components(), "cn_broken", origin);
    PLATFORM.stubFor(
        get(urlPathMatching("/cn_broken/v1/.*"))
            .willReturn(aResponse().withStatus(500).withBody("{\"message\":\"oops\"}")));
    String sample =
        Fixtures.text("events/aws-samples/sqs-batch-poll-message.json")
            .replace("CONNECTION_ID", "cn_broken");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    handler.handleRequest(
        new ByteArrayInputStream(sample.getBytes(StandardCharsets.UTF_8)),
        out,
        TestContext.withMinutes(1));

    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"batchItemFailures\":[{\"itemIdentifier\":\"5d3a8f61-c2b7-4e94-a01f-7b6e2d9c8a35\"}]}");
  }

  private static SQSEvent batch(String first, String second) {
    return Fixtures.eventFromJson(
        Fixtures.text("events/sqs-poll-batch.json")
            .replace("CONNECTION_A", first)
            .replace("CONNECTION_B", second),
        SQSEvent.class);
  }
}
