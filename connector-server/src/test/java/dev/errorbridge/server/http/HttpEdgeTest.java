package dev.errorbridge.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.server.testing.LogCapture;
import dev.errorbridge.server.testing.RawHttp;
import dev.errorbridge.server.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14's HTTP edge cases against the running standalone server, over a raw socket: every one a
 * 4xx with a JSON problem, never a 5xx, never a stack trace in the log, never a change made.
 */
class HttpEdgeTest {
  @TempDir static Path data;
  static TestServers.Running server;
  static RawHttp http;
  static String connectionId;
  LogCapture log;

  @BeforeAll
  static void start() {
    server = TestServers.start(data);
    http = new RawHttp(server.baseUri().getPort());
    connectionId = server.createRunflowConnection("edge", "whsec-edge-0123456789");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void captureLog() {
    log = LogCapture.open();
  }

  @AfterEach
  void noStackTraces() {
    try {
      assertThat(log.withStackTraces()).isEmpty();
      assertThat(log.errors()).isEmpty();
    } finally {
      log.close();
    }
  }

  private List<String> operator(String... more) {
    List<String> headers = new ArrayList<>(List.of("Authorization: Bearer " + server.token()));
    headers.addAll(List.of(more));
    return headers;
  }

  private static JsonNode json(RawHttp.Response response) {
    try {
      return TestServers.JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON (" + response.status() + "): " + response.body(), e);
    }
  }

  private boolean stillThere() {
    return server.send("GET", "/connections/" + connectionId, null).statusCode() == 200;
  }

  static Stream<Arguments> lowerCaseMethods() {
    return Stream.of("post", "Post", "get", "Get", "delete", "patch", "pOsT")
        .flatMap(
            method ->
                Stream.of(
                        "/health",
                        "/metrics",
                        "/openapi.yaml",
                        "/connections",
                        "/connections/cn_x",
                        "/connections/cn_x/enable",
                        "/connections/cn_x/dead-letters",
                        "/connections/cn_x/dead-letters/replay",
                        "/connections/cn_x/backfill",
                        "/webhooks/cn_x",
                        "/alerts")
                    .map(path -> Arguments.of(method, path)));
  }

  @ParameterizedTest
  @MethodSource("lowerCaseMethods")
  void anyRoute_whenMethodNotUpperCase_answers405WithAJsonProblem(String method, String path) {
    RawHttp.Response response =
        http.send(method, path.replace("cn_x", connectionId), operator(), "{}".getBytes());

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.header("Allow")).isNotBlank().doesNotContain(method);
    assertThat(json(response).path("error").asText()).isEqualTo("MethodNotAllowed");
    assertThat(json(response).path("message").asText()).contains("case-sensitive");
    assertThat(stillThere()).isTrue();
  }

  static Stream<Arguments> overrides() {
    return Stream.of("GET", "POST", "PATCH")
        .flatMap(
            method ->
                Stream.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")
                    .flatMap(
                        header ->
                            Stream.of("DELETE", "delete", "Post")
                                .map(value -> Arguments.of(method, header, value))));
  }

  @ParameterizedTest
  @MethodSource("overrides")
  void connection_whenMethodOverrideHeaderSent_refuses400AndDeletesNothing(
      String method, String header, String value) {
    RawHttp.Response response =
        http.send(
            method,
            "/connections/" + connectionId,
            operator(header + ": " + value, "If-Match: \"1\"", "Content-Type: application/json"),
            "{\"name\":\"overridden\"}".getBytes());

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).path("error").asText()).isEqualTo("MethodOverrideRefused");
    assertThat(json(response).path("message").asText()).contains(header, "not honoured");
    assertThat(stillThere()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/health", "/webhooks/cn_x", "/openapi.yaml"})
  void unauthenticatedRoute_whenOverrideHeaderSent_refuses400(String path) {
    RawHttp.Response response =
        http.send("GET", path, List.of("X-HTTP-Method-Override: post"), null);

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).path("error").asText()).isEqualTo("MethodOverrideRefused");
  }

  static Stream<Arguments> badIds() {
    List<String> ids =
        List.of("c".repeat(129), "x".repeat(3000), ".dot", "-dash", "%2e%2e", "%C3%BC", "a%00b");
    return Stream.of(
            "GET /connections/%s/dead-letters",
            "POST /connections/%s/dead-letters/replay",
            "POST /connections/%s/backfill",
            "GET /connections/%s",
            "POST /connections/%s/enable")
        .flatMap(route -> ids.stream().map(id -> Arguments.of(route, id)));
  }

  @ParameterizedTest
  @MethodSource("badIds")
  void operatorRoute_whenIdOverLongOrMalformed_answers400NamingConnectionId(
      String route, String id) {
    String[] parts = route.split(" ");
    RawHttp.Response response =
        http.send(
            parts[0],
            parts[1].formatted(id),
            operator("Content-Type: application/json"),
            parts[0].equals("POST") ? "{}".getBytes() : null);

    assertThat(response.status()).as(response.body()).isIn(400, 404);
    JsonNode problems = json(response).path("problems");
    if (problems.isEmpty()) {
      // Jetty refuses some paths itself (an encoded NUL, a ".." segment): still a JSON problem.
      assertThat(json(response).path("error").asText()).isNotBlank();
    } else {
      assertThat(problems.get(0).path("field").asText()).isEqualTo("connectionId");
    }
  }

  @Test
  void list_whenCursorIsCrafted_answers400NamingCursor() {
    String crafted =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"pk\":\"x\",\"sk\":\"y\"}".getBytes(StandardCharsets.UTF_8));

    RawHttp.Response response =
        http.send("GET", "/connections?cursor=" + crafted, operator(), null);

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).path("error").asText()).isEqualTo("InvalidCursor");
    assertThat(json(response).path("problems").get(0).path("field").asText()).isEqualTo("cursor");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/connections?limit=%zz",
        "/connections?cursor=%",
        "/connections/cn_x/dead-letters?limit=%G1",
        "/connections/cn_x/audit?limit=%"
      })
  void query_whenPercentEscapeMalformed_answersWithoutAServerError(String target) {
    RawHttp.Response response =
        http.send("GET", target.replace("cn_x", connectionId), operator(), null);

    assertThat(response.status()).as(response.body()).isLessThan(500);
    if (response.status() >= 400) {
      assertThat(json(response).path("error").asText()).isNotBlank();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"limit\": \"ten\"}",
        "{\"limit\": 0}",
        "{\"dryRun\": \"yes\"}",
        "{\"limits\": 5}",
        "{\"limit\": 1} trailing",
        "{\"limit\": 1, \"limit\": 2}",
        "[]"
      })
  void replay_whenBodyInvalid_answers400NamingTheField(String body) {
    RawHttp.Response response =
        http.send(
            "POST",
            "/connections/" + connectionId + "/dead-letters/replay",
            operator("Content-Type: application/json"),
            body.getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(json(response).path("problems").get(0).path("field").asText()).isNotBlank();
  }

  @Test
  void deadLetters_whenLimitNotANumber_answers400NamingLimit() {
    RawHttp.Response response =
        http.send(
            "GET", "/connections/" + connectionId + "/dead-letters?limit=lots", operator(), null);

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).path("problems").get(0).path("field").asText()).isEqualTo("limit");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "POST /webhooks/ID",
        "POST /connections",
        "POST /connections/ID/dead-letters/replay",
        "POST /connections/ID/backfill"
      })
  void anyRoute_whenClientStopsSendingItsBody_logsNoStackTrace(String route) {
    String[] parts = route.split(" ");
    RawHttp.Response response =
        http.sendTruncated(
            parts[0],
            parts[1].replace("ID", connectionId),
            operator("Content-Type: application/json"),
            5000,
            "{\"since\":".getBytes(StandardCharsets.UTF_8));

    if (response != null) {
      assertThat(response.status()).isLessThan(500);
    }
  }

  @Test
  void unknownMethodOnUnknownPath_answers404WithAJsonProblem() {
    RawHttp.Response response = http.send("brew", "/coffee", List.of(), null);

    assertThat(response.status()).isEqualTo(404);
    assertThat(json(response).path("error").asText()).isEqualTo("NotFound");
  }
}
