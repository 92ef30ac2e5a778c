package dev.errorbridge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.localaws.LocalAws;
import java.io.IOException;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The settings API through its Lambda handler, on API Gateway HTTP API v2 event fixtures. */
class SettingsApiHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalAws localAws;
  private static LocalDynamoDb dynamoDb;

  private TestStack stack;
  private SettingsApiHandler handler;

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

  private void deploy() {
    stack = new TestStack(localAws, dynamoDb);
    handler =
        new SettingsApiHandler(
            stack.components(), TestStack.REGION, IamCallers.DEFAULT_ROLE_PREFIX);
  }

  @AfterEach
  void undeploy() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void handleRequest_whenTenantRoleCreatesThenGets_answersTheConnectionWithSecretsHidden()
      throws IOException {
    deploy();

    APIGatewayV2HTTPResponse created = call("settings-create-acme.json", null);
    String id = JSON.readTree(created.getBody()).at("/id").asText();
    APIGatewayV2HTTPResponse read = call("settings-get-acme.json", id);

    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
    assertThat(created.getHeaders()).containsEntry("Content-Type", "application/json");
    assertThat(read.getStatusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(read.getBody());
    assertThat(body.at("/id").asText()).isEqualTo(id);
    assertThat(body.at("/name").asText()).isEqualTo("Runflow alerts");
    assertThat(body.at("/webhook/secret/set").asBoolean()).isTrue();
    assertThat(read.getBody()).doesNotContain("CANARY");
    assertThat(read.getHeaders()).containsEntry("ETag", "\"1\"");
  }

  @Test
  void handleRequest_whenAnotherTenantsRoleAsks_answersNotFoundWhateverItsHeadersClaim()
      throws IOException {
    deploy();
    String id = JSON.readTree(call("settings-create-acme.json", null).getBody()).at("/id").asText();

    APIGatewayV2HTTPResponse foreign = call("settings-get-globex.json", id);
    APIGatewayV2HTTPResponse missing = call("settings-get-globex.json", "cn_missing");

    assertThat(foreign.getStatusCode()).isEqualTo(404);
    // The same answer as for an id that does not exist, so nothing tells that it does.
    assertThat(foreign.getBody()).isEqualTo(missing.getBody().replace("cn_missing", id));
    assertThat(foreign.getBody()).doesNotContain("Runflow alerts");
  }

  @Test
  void handleRequest_whenListing_showsOnlyTheCallersTenant() throws IOException {
    deploy();
    call("settings-create-acme.json", null);

    JsonNode acme = JSON.readTree(call("settings-list-acme.json", null).getBody());

    assertThat(acme.at("/connections")).hasSize(1);
  }

  @Test
  void handleRequest_whenIdentityMapsToNoTenant_answersForbiddenEvenWithATenantHeader() {
    deploy();
    call("settings-create-acme.json", null);

    APIGatewayV2HTTPResponse response = call("settings-list-iam-user.json", null);

    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(response.getBody()).contains("errorbridge-tenant-").doesNotContain("Runflow");
  }

  @Test
  void handleRequest_whenBodyIsBase64_decodesItBeforeTheApiReadsIt() {
    deploy();
    APIGatewayV2HTTPEvent event =
        Fixtures.event("settings-create-acme.json", APIGatewayV2HTTPEvent.class);
    assertThat(event.getIsBase64Encoded()).isTrue();
    event.setBody(Base64.getEncoder().encodeToString("{not json".getBytes()));

    APIGatewayV2HTTPResponse response = handler.handle(event);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getBody()).doesNotContain("base64");
  }

  @Test
  void handleRequest_whenBodyIsNotValidBase64_answersBadRequest() {
    deploy();
    APIGatewayV2HTTPEvent event =
        Fixtures.event("settings-create-acme.json", APIGatewayV2HTTPEvent.class);
    event.setBody("%%%not-base64%%%");

    APIGatewayV2HTTPResponse response = handler.handle(event);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getBody()).contains("base64");
  }

  @Test
  void handleRequest_whenNamedStage_stripsTheStageFromThePath() {
    deploy();
    APIGatewayV2HTTPEvent event =
        Fixtures.event("settings-list-acme.json", APIGatewayV2HTTPEvent.class);
    event.setRawPath("/prod/connections");
    event.getRequestContext().setStage("prod");

    APIGatewayV2HTTPResponse response = handler.handle(event);

    assertThat(response.getStatusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"post", "Post", "pOST"})
  void handleRequest_whenMethodNotUpperCase_answers405AndCreatesNothing(String method)
      throws IOException {
    deploy();
    APIGatewayV2HTTPEvent event =
        Fixtures.event("settings-create-acme.json", APIGatewayV2HTTPEvent.class);
    event.getRequestContext().getHttp().setMethod(method);

    APIGatewayV2HTTPResponse response = handler.handle(event);

    assertThat(response.getStatusCode()).isEqualTo(405);
    assertThat(response.getBody()).contains("case-sensitive");
    assertThat(JSON.readTree(call("settings-list-acme.json", null).getBody()).at("/connections"))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"x-http-method-override", "x-http-method", "x-method-override"})
  void handleRequest_whenMethodOverrideHeaderSent_refuses400AndDeletesNothing(String header)
      throws IOException {
    deploy();
    String id = JSON.readTree(call("settings-create-acme.json", null).getBody()).at("/id").asText();
    APIGatewayV2HTTPEvent event =
        Fixtures.event("settings-get-acme.json", APIGatewayV2HTTPEvent.class);
    event.setRawPath(event.getRawPath().replace("CONNECTION_ID", id));
    event.getHeaders().put(header, "DELETE");

    APIGatewayV2HTTPResponse response = handler.handle(event);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getBody()).contains("MethodOverrideRefused");
    assertThat(call("settings-get-acme.json", id).getStatusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cursor=eyJwayI6IngifQ",
        "cursor=x",
        "cursor=eyJnc2kxcGsiOiJURU5BTlQjZ2xvYmV4In0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
      })
  void handleRequest_whenCursorCrafted_answers400NamingCursor(String query) {
    deploy();
    APIGatewayV2HTTPEvent event =
        Fixtures.event("settings-list-acme.json", APIGatewayV2HTTPEvent.class);
    event.setRawQueryString(query);

    APIGatewayV2HTTPResponse response = handler.handle(event);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getBody()).contains("InvalidCursor", "\"field\":\"cursor\"");
  }

  @Test
  void handleRequest_whenIdOverLong_answers400NamingConnectionId() {
    deploy();

    APIGatewayV2HTTPResponse response = call("settings-get-acme.json", "c".repeat(2000));

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getBody()).contains("\"field\":\"connectionId\"");
  }

  private APIGatewayV2HTTPResponse call(String fixture, String connectionId) {
    APIGatewayV2HTTPEvent event = Fixtures.event(fixture, APIGatewayV2HTTPEvent.class);
    if (connectionId != null) {
      event.setRawPath(event.getRawPath().replace("CONNECTION_ID", connectionId));
    }
    return handler.handle(event);
  }
}
