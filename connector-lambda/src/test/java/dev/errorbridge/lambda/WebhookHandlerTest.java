package dev.errorbridge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Webhooks through the Lambda handler, from Function URL and HTTP API events to the bus. */
class WebhookHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalAws localAws;
  private static LocalDynamoDb dynamoDb;

  private TestStack stack;
  private WebhookHandler handler;
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
    stack = new TestStack(localAws, dynamoDb);
    handler = new WebhookHandler(stack.components(), TestStack.REGION, Clock.systemUTC());
    connectionId = stack.createRunflowConnection();
  }

  @AfterEach
  void undeploy() {
    stack.close();
  }

  @Test
  void handleRequest_whenSignedFunctionUrlCallback_putsOneEventOnTheBus() throws IOException {
    APIGatewayV2HTTPResponse response = handler.handle(event("webhook-function-url-runflow.json"));

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
    JsonNode body = JSON.readTree(response.getBody());
    assertThat(body.get("status").asText()).isEqualTo("accepted");
    assertThat(stack.delivered())
        .singleElement()
        .satisfies(
            envelope -> {
              assertThat(envelope.get("source").asText()).isEqualTo("errorbridge.runflow");
              assertThat(envelope.get("detail-type").asText())
                  .isEqualTo("Workflow Execution Failed");
              assertThat(envelope.at("/detail/eventId").asText())
                  .isEqualTo(body.get("eventId").asText());
              assertThat(envelope.at("/detail/execution/id").asText())
                  .isEqualTo("0194c7a2-5b1e-7c3d-9a8f-2e6b4d1c0f97");
            });
  }

  @Test
  void handleRequest_whenSameCallbackArrivesBase64OverHttpApi_verifiesItAndPublishesNothingTwice()
      throws IOException {
    APIGatewayV2HTTPResponse text = handler.handle(event("webhook-function-url-runflow.json"));
    APIGatewayV2HTTPResponse base64 = handler.handle(event("webhook-http-api-runflow-base64.json"));

    // Both bodies verify against the one signature: the bytes reached the intake unchanged.
    assertThat(base64.getStatusCode()).as(base64.getBody()).isEqualTo(202);
    assertThat(JSON.readTree(base64.getBody()).get("status").asText()).isEqualTo("duplicate");
    assertThat(JSON.readTree(base64.getBody()).get("eventId"))
        .isEqualTo(JSON.readTree(text.getBody()).get("eventId"));
    assertThat(stack.delivered()).hasSize(1);
  }

  @Test
  void handleRequest_whenBodyChangedAfterSigning_answersUnauthorisedAndPublishesNothing() {
    APIGatewayV2HTTPEvent event = event("webhook-function-url-runflow.json");
    event.setBody(event.getBody().replace("acme-17", "acme-18"));

    APIGatewayV2HTTPResponse response = handler.handle(event);

    assertThat(response.getStatusCode()).isEqualTo(401);
    assertThat(stack.delivered()).isEmpty();
  }

  @Test
  void handleRequest_whenConnectionUnknown_answersNotFound() {
    APIGatewayV2HTTPEvent event =
        Fixtures.event("webhook-function-url-runflow.json", APIGatewayV2HTTPEvent.class);
    event.setRawPath("/webhooks/cn_unknown");

    APIGatewayV2HTTPResponse response = handler.handle(event);

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
  }

  @Test
  void handleRequest_whenLambdaStreamsTheFixture_answersWithTheHttpApiResponseJson()
      throws IOException {
    String raw =
        Fixtures.text("events/webhook-function-url-runflow.json")
            .replace("CONNECTION_ID", connectionId);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    handler.handleRequest(
        new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)),
        out,
        TestContext.withMinutes(1));

    JsonNode response = JSON.readTree(out.toByteArray());
    assertThat(response.get("statusCode").asInt()).isEqualTo(202);
    assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
    assertThat(response.at("/headers/Content-Type").asText()).isEqualTo("application/json");
    assertThat(JSON.readTree(response.get("body").asText()).get("status").asText())
        .isEqualTo("accepted");
    assertThat(stack.delivered()).hasSize(1);
  }

  @Test
  void prime_whenRun_refusesItsOwnEmptyWebhookWithoutFailingAStep() {
    assertThat(handler.prime()).isZero();
  }

  private APIGatewayV2HTTPEvent event(String fixture) {
    APIGatewayV2HTTPEvent event = Fixtures.event(fixture, APIGatewayV2HTTPEvent.class);
    event.setRawPath(event.getRawPath().replace("CONNECTION_ID", connectionId));
    return event;
  }
}
