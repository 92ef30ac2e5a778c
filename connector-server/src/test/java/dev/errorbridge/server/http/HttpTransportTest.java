package dev.errorbridge.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.server.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone transport itself: authentication, tenancy, body limits, byte-exact bodies. */
class HttpTransportTest {
  static final String SECRET = "whsec-transport-0123456789";

  @TempDir static Path data;
  static TestServers.Running server;
  static String connectionId;

  @BeforeAll
  static void start() {
    server = TestServers.start(data);
    connectionId = server.createRunflowConnection("transport", SECRET);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  HttpResponse<String> raw(HttpRequest.Builder request) {
    return server.exchange(request.build());
  }

  @Test
  void connections_whenNoToken_answers401WithChallenge() {
    HttpResponse<String> response = raw(HttpRequest.newBuilder(server.uri("/connections")));
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(response.body()).contains("Unauthenticated");
  }

  @Test
  void connections_whenTokenWrong_answers401() {
    HttpResponse<String> response =
        raw(
            HttpRequest.newBuilder(server.uri("/connections"))
                .header("Authorization", "Bearer " + server.token() + "x"));
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void connections_whenAnotherTenantAsks_answersTheSame404AsForNothing() {
    Map<String, String> other = Map.of(OperatorAuth.TENANT_HEADER, "someone-else");
    HttpResponse<String> foreign = server.send("GET", "/connections/" + connectionId, null, other);
    HttpResponse<String> missing = server.send("GET", "/connections/cn_nothing", null, other);
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(server.send("GET", "/connections", null, other).body()).doesNotContain(connectionId);
  }

  @Test
  void connections_whenTenantHeaderInvalid_answers400() {
    HttpResponse<String> response =
        server.send("GET", "/connections", null, Map.of(OperatorAuth.TENANT_HEADER, "no spaces"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("InvalidTenant");
  }

  @Test
  void openApi_whenAskedWithoutToken_servesTheContract() {
    HttpResponse<String> response = raw(HttpRequest.newBuilder(server.uri("/openapi.yaml")));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("openapi: 3");
  }

  @Test
  void metricsAndAlerts_whenNoToken_answer401() {
    assertThat(raw(HttpRequest.newBuilder(server.uri("/metrics"))).statusCode()).isEqualTo(401);
    assertThat(raw(HttpRequest.newBuilder(server.uri("/alerts"))).statusCode()).isEqualTo(401);
  }

  @Test
  void alertInbox_whenPostedWithoutItsKey_refusesIt() {
    HttpResponse<String> response =
        raw(
            HttpRequest.newBuilder(server.uri("/alerts/inbox?rule=x&key=guess"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"fake\"}")));
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void unknownPath_answersJson404() {
    HttpResponse<String> response = raw(HttpRequest.newBuilder(server.uri("/nothing/here")));
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("\"error\":\"NotFound\"");
  }

  @Test
  void webhook_whenBodyHasOddBytes_isVerifiedOverTheExactBytes() {
    String body =
        "{ \"event\" : \"run.failed\",\r\n\t\"run_id\":\""
            + UUID.randomUUID()
            + "\", \"output\":{\"message\":\"caf\u00e9 \u2603 \\u00e9\"} }\n\n";
    HttpResponse<String> response = server.runflowWebhook(connectionId, body, SECRET);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(response.body()).contains("accepted");
  }

  @Test
  void webhook_whenSignatureWrong_answers401WithoutSayingWhy() {
    HttpResponse<String> response =
        server.runflowWebhook(
            connectionId, TestServers.runflowFailed("x"), "another-secret-000000");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).doesNotContain("HMAC").doesNotContain("Runflow-Signature");
  }

  @Test
  void webhook_whenConnectionUnknown_answers404() {
    HttpResponse<String> response =
        server.runflowWebhook("cn_unknown", TestServers.runflowFailed("x"), SECRET);
    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void webhook_whenDeclaredLengthOverTheLimit_answers413() {
    byte[] big = new byte[1024 * 1024 + 1];
    HttpResponse<String> response =
        raw(
            HttpRequest.newBuilder(server.uri("/webhooks/" + connectionId))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void webhook_whenChunkedBodyPassesTheLimit_answers413() {
    byte[] big = "x".repeat(2 * 1024 * 1024).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response =
        raw(
            HttpRequest.newBuilder(server.uri("/webhooks/" + connectionId))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("at most 1048576 bytes");
  }
}
