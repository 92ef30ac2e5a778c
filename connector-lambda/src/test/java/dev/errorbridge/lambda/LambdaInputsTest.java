package dev.errorbridge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.runtime.RuntimeSettings;
import dev.errorbridge.localaws.LocalAws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Every handler, invoked as Lambda invokes it (the input's bytes streamed to {@code
 * handleRequest}), with events written from AWS's documented formats (under {@code
 * events/aws-samples/}, whose README cites the documentation of each) and with malformed input:
 * each answers every input with a response (the proxy shape from the HTTP handlers, a summary from
 * the others), never an exception.
 */
class LambdaInputsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEBHOOK_BASE = "https://hooks.example.com/";

  private static LocalAws localAws;
  private static LocalDynamoDb dynamoDb;

  private final ByteArrayOutputStream metrics = new ByteArrayOutputStream();
  private TestStack stack;
  private SqsClient sqs;
  private SettingsApiHandler settings;
  private WebhookHandler webhook;
  private RetryDrainHandler drain;
  private PollWorkerHandler worker;
  private PollScheduleHandler schedule;

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
    stack = new TestStack(localAws, dynamoDb);
    // As the infra stack deploys it: only the settings API's function knows the webhook base.
    settings =
        new SettingsApiHandler(
            stack.anotherFunction(Map.of(RuntimeSettings.WEBHOOK_BASE_URL, WEBHOOK_BASE)),
            TestStack.REGION,
            IamCallers.DEFAULT_ROLE_PREFIX);
    webhook = new WebhookHandler(stack.components(), TestStack.REGION, Clock.systemUTC());
    drain = new RetryDrainHandler(stack.components(), TestStack.REGION, Clock.systemUTC());
    worker = new PollWorkerHandler(stack.components(), TestStack.REGION, Clock.systemUTC());
    sqs = stack.sqs();
    String queueUrl = sqs.createQueue(r -> r.queueName("errorbridge-poll")).queueUrl();
    schedule =
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

  // --- API Gateway REST API / payload format 1.0: refused by name, in the proxy shape ---

  static Stream<String> payload10Samples() {
    return Stream.of(
        "aws-samples/apigw-rest-api-payload-1.0.json",
        "aws-samples/apigw-rest-api-proxy-no-version.json",
        "aws-samples/apigw-rest-api-proxy-go.json");
  }

  @ParameterizedTest
  @MethodSource("payload10Samples")
  void settingsApi_whenPayload10Sample_answers400NamingTheFormatAndTheFix(String fixture)
      throws IOException {
    JsonNode response = invoke(settings, Fixtures.text("events/" + fixture));

    assertProxyResponse(response, 400);
    JsonNode body = JSON.readTree(response.get("body").asText());
    assertThat(body.get("error").asText()).isEqualTo("UnsupportedPayloadFormat");
    assertThat(body.get("message").asText())
        .isEqualTo(
            "payload format 1.0 is not supported; use an HTTP API with payload 2.0 or a Function"
                + " URL");
    assertThat(body.at("/problems/0/field").asText()).isEqualTo("version");
  }

  @ParameterizedTest
  @MethodSource("payload10Samples")
  void webhook_whenPayload10Sample_answers400NamingTheFormatAndPublishesNothing(String fixture)
      throws IOException {
    stack.createRunflowConnection();

    JsonNode response = invoke(webhook, Fixtures.text("events/" + fixture));

    assertProxyResponse(response, 400);
    JsonNode body = JSON.readTree(response.get("body").asText());
    assertThat(body.get("status").asText()).isEqualTo("rejected");
    assertThat(body.get("problems").get(0).asText())
        .isEqualTo(
            "version: payload format 1.0 is not supported; use an HTTP API with payload 2.0 or a"
                + " Function URL");
    assertThat(stack.delivered()).isEmpty();
  }

  // --- payload 2.0: HTTP API and Function URL samples ---

  @Test
  void webhook_whenFunctionUrlSampleCarriesASignedFailure_putsItOnTheBus() throws IOException {
    String id = stack.createRunflowConnection();

    JsonNode response =
        invoke(
            webhook,
            Fixtures.text("events/aws-samples/function-url-runflow-failed.json")
                .replace("CONNECTION_ID", id));

    assertProxyResponse(response, 202);
    assertThat(JSON.readTree(response.get("body").asText()).get("status").asText())
        .isEqualTo("accepted");
    assertThat(stack.delivered())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.at("/detail/execution/id").asText())
                    .isEqualTo("01a1f2db-74d8-7a06-8f3b-c2e94d17a58b"));
  }

  @Test
  void webhook_whenHttpApiSampleCarriesASignedSuccess_answers202IgnoredAndPublishesNothing()
      throws IOException {
    String id = stack.createRunflowConnection();

    JsonNode response =
        invoke(
            webhook,
            Fixtures.text("events/aws-samples/apigw-http-api-v2-runflow-completed.json")
                .replace("CONNECTION_ID", id));

    assertProxyResponse(response, 202);
    JsonNode body = JSON.readTree(response.get("body").asText());
    assertThat(body.get("status").asText()).isEqualTo("ignored");
    assertThat(body.get("reason").asText()).startsWith("not a failure");
    assertThat(stack.delivered()).isEmpty();
  }

  @Test
  void httpHandlers_whenFunctionUrlSampleIsAnIamUser_answer403And404() throws IOException {
    String sample = Fixtures.text("events/aws-samples/function-url-iam-user.json");

    JsonNode toSettings = invoke(settings, sample);
    JsonNode toWebhook = invoke(webhook, sample);

    // An IAM user (even of the API's account) is no tenant; /connections is no webhook endpoint.
    assertProxyResponse(toSettings, 403);
    assertThat(toSettings.get("body").asText()).contains("maps to no tenant");
    assertProxyResponse(toWebhook, 404);
    assertThat(toWebhook.get("body").asText()).contains("no such webhook endpoint");
  }

  @Test
  void settingsApi_whenHttpApiIamSampleLists_showsTheAbsoluteWebhookUrlFromTheStacksBase()
      throws IOException {
    String id = stack.createRunflowConnection();

    JsonNode response =
        invoke(
            settings,
            Fixtures.text("events/aws-samples/apigw-http-api-v2-iam-list-connections.json"));

    assertProxyResponse(response, 200);
    JsonNode connection = JSON.readTree(response.get("body").asText()).at("/connections/0");
    assertThat(connection.at("/id").asText()).isEqualTo(id);
    assertThat(connection.at("/webhook/path").asText()).isEqualTo("/webhooks/" + id);
    assertThat(connection.at("/webhook/url").asText())
        .isEqualTo("https://hooks.example.com/webhooks/" + id);
  }

  // --- SQS and EventBridge Scheduler samples ---

  @Test
  void pollWorker_whenSqsSampleCarriesAForeignMessage_dropsItAndReportsNoFailure()
      throws IOException {
    JsonNode response =
        invoke(worker, Fixtures.text("events/aws-samples/sqs-batch-foreign-body.json"));

    assertThat(response).isEqualTo(JSON.readTree("{\"batchItemFailures\":[]}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aws-samples/eventbridge-scheduler-event.json",
        "aws-samples/eventbridge-scheduled-event-rule.json"
      })
  void scheduledHandlers_whenSchedulerSample_runTheirTick(String fixture) throws IOException {
    String event = Fixtures.text("events/" + fixture);

    JsonNode tick = invoke(schedule, event);
    JsonNode drained = invoke(drain, event);

    assertThat(tick.get("due").asInt()).as(tick.toString()).isZero();
    assertThat(tick.has("error")).isFalse();
    assertThat(drained.get("due").asInt()).as(drained.toString()).isZero();
    assertThat(drained.has("error")).isFalse();
  }

  // --- malformed input, every handler ---

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("empty", ""),
        Arguments.of("not JSON", "not json"),
        Arguments.of("truncated JSON", "{\"version\":\"2.0\",\"rawPath\":"),
        Arguments.of("two values", "{} {}"),
        Arguments.of("a JSON array", "[]"),
        Arguments.of("an array of events", "[{\"version\":\"2.0\"}]"),
        Arguments.of("a string", "\"POST /webhooks/x\""),
        Arguments.of("a number", "42"),
        Arguments.of("a boolean", "true"),
        Arguments.of("null", "null"),
        Arguments.of("a repeated member", "{\"version\":\"2.0\",\"version\":\"1.0\"}"),
        Arguments.of("no version", "{\"rawPath\":\"/connections\"}"),
        Arguments.of("a numeric version", "{\"version\":2.0}"),
        Arguments.of("headers as a string", "{\"version\":\"2.0\",\"headers\":\"a: b\"}"),
        Arguments.of("a header value as a number", "{\"version\":\"2.0\",\"headers\":{\"a\":1}}"),
        Arguments.of("requestContext as an array", "{\"version\":\"2.0\",\"requestContext\":[1]}"),
        Arguments.of(
            "the method as a number",
            "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":1}}}"),
        Arguments.of("the body as an object", "{\"version\":\"2.0\",\"body\":{\"a\":1}}"),
        Arguments.of(
            "isBase64Encoded as a string",
            "{\"version\":\"2.0\",\"body\":\"e30=\",\"isBase64Encoded\":\"true\"}"),
        Arguments.of(
            "Records as a string (an SQS batch to an HTTP handler)", "{\"Records\":\"x\"}"),
        Arguments.of(
            "a scheduled event", "{\"version\":\"0\",\"detail-type\":\"Scheduled Event\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void httpHandlers_whenInputIsNoPayload20Event_answer400InTheProxyShape(String name, String input)
      throws IOException {
    JsonNode toSettings = invoke(settings, input);
    JsonNode toWebhook = invoke(webhook, input);

    assertProxyResponse(toSettings, 400);
    JsonNode settingsBody = JSON.readTree(toSettings.get("body").asText());
    assertThat(settingsBody.get("error").asText()).isIn("InvalidEvent", "UnsupportedPayloadFormat");
    assertThat(settingsBody.get("problems")).isNotEmpty();
    assertProxyResponse(toWebhook, 400);
    JsonNode webhookBody = JSON.readTree(toWebhook.get("body").asText());
    assertThat(webhookBody.get("status").asText()).isEqualTo("rejected");
    assertThat(webhookBody.get("problems")).isNotEmpty();
  }

  static Stream<Arguments> malformedForScheduledHandlers() {
    return Stream.of(
        Arguments.of("not JSON", "not json", "input"),
        Arguments.of("truncated JSON", "{\"replay\":", "input"),
        Arguments.of("two values", "{} {}", "input"),
        Arguments.of("a JSON array", "[]", "input"),
        Arguments.of("an array of events", "[{\"detail-type\":\"Scheduled Event\"}]", "input"),
        Arguments.of("a string", "\"drain\"", "input"),
        Arguments.of("a number", "1", "input"),
        Arguments.of("a boolean", "false", "input"),
        Arguments.of("a NUL byte", "{\"a\":\"\u0000\"}", "input"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedForScheduledHandlers")
  void scheduledHandlers_whenInputIsNoObject_answerASummaryNamingItAndDoNothing(
      String name, String input, String field) throws IOException {
    JsonNode tick = invoke(schedule, input);
    JsonNode drained = invoke(drain, input);

    for (JsonNode summary : List.of(tick, drained)) {
      assertThat(summary.get("error").asText()).as(summary.toString()).startsWith(field + ": ");
      assertThat(summary.at("/problems/0/field").asText()).isEqualTo(field);
      assertThat(summary.has("due")).isFalse();
    }
    assertThat(metrics.size()).as("no tick ran").isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "null", "{}"})
  void scheduledHandlers_whenInputIsNothing_runTheirTick(String input) throws IOException {
    assertThat(invoke(schedule, input).get("due").asInt()).isZero();
    assertThat(invoke(drain, input).get("due").asInt()).isZero();
  }

  static Stream<Arguments> malformedForPollWorker() {
    return Stream.of(
        Arguments.of("empty", "", "Records"),
        Arguments.of("null", "null", "Records"),
        Arguments.of("an empty object", "{}", "Records"),
        Arguments.of("not JSON", "not json", "input"),
        Arguments.of("a JSON array", "[{\"messageId\":\"m\",\"body\":\"b\"}]", "input"),
        Arguments.of("a string", "\"x\"", "input"),
        Arguments.of("Records as a string", "{\"Records\":\"x\"}", "Records"),
        Arguments.of("Records as an object", "{\"Records\":{\"messageId\":\"m\"}}", "Records"),
        Arguments.of("a record that is no object", "{\"Records\":[1]}", "Records.0"),
        Arguments.of(
            "a numeric messageId",
            "{\"Records\":[{\"messageId\":7,\"body\":\"{}\"}]}",
            "Records.0.messageId"),
        Arguments.of("no messageId", "{\"Records\":[{\"body\":\"{}\"}]}", "Records.0.messageId"),
        Arguments.of(
            "a body that is an object",
            "{\"Records\":[{\"messageId\":\"m\",\"body\":{\"connectionId\":\"cn_1\"}}]}",
            "Records.0.body"),
        Arguments.of(
            "attributes as an array",
            "{\"Records\":[{\"messageId\":\"m\",\"body\":\"{}\",\"attributes\":[]}]}",
            "Records.0.attributes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedForPollWorker")
  void pollWorker_whenInputIsNoSqsBatch_answersNoFailuresAndASummaryNamingIt(
      String name, String input, String field) throws IOException {
    JsonNode response = invoke(worker, input);

    assertThat(response.get("batchItemFailures")).as(response.toString()).isEmpty();
    assertThat(response.get("error").asText()).startsWith(field + ": ");
    assertThat(response.at("/problems/0/field").asText()).isEqualTo(field);
  }

  @Test
  void everyHandler_whenInputIsNotUtf8_answersNamingTheEncoding() throws IOException {
    byte[] latin1 =
        "{\"version\":\"2.0\",\"body\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

    for (RequestStreamHandler http : List.<RequestStreamHandler>of(settings, webhook)) {
      JsonNode response = invokeBytes(http, latin1);
      assertProxyResponse(response, 400);
      assertThat(response.get("body").asText()).contains("not valid UTF-8");
    }
    for (RequestStreamHandler other : List.<RequestStreamHandler>of(drain, worker, schedule)) {
      assertThat(invokeBytes(other, latin1).get("error").asText())
          .isEqualTo("input: is not valid UTF-8; send UTF-8");
    }
  }

  // --- helpers ---

  private static void assertProxyResponse(JsonNode response, int status) {
    assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(status);
    assertThat(response.at("/headers/Content-Type").asText()).startsWith("application/json");
    assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
    assertThat(response.get("body").isTextual()).isTrue();
  }

  private static JsonNode invoke(RequestStreamHandler handler, String input) throws IOException {
    return invokeBytes(handler, input.getBytes(StandardCharsets.UTF_8));
  }

  /** As Lambda invokes a handler: the input's bytes in, the answer's JSON out. */
  private static JsonNode invokeBytes(RequestStreamHandler handler, byte[] input)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(input), out, TestContext.withMinutes(1));
    return JSON.readTree(out.toByteArray());
  }
}
