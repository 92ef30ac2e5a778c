package dev.errorbridge.connector.settings.api;

import static dev.errorbridge.connector.settings.api.ApiWorld.ALICE;
import static dev.errorbridge.connector.settings.api.ApiWorld.MALLORY;
import static dev.errorbridge.connector.settings.api.ApiWorld.fixture;
import static dev.errorbridge.connector.settings.api.ApiWorld.json;
import static dev.errorbridge.connector.settings.api.ApiWorld.request;
import static dev.errorbridge.connector.settings.api.ApiWorld.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.LocalServices;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14's settings cases: whatever a client sends gets a 4xx naming what to fix, or is accepted;
 * nothing it sends makes a 5xx, and nothing refused changes a connection.
 */
@ExtendWith(LocalServices.class)
class SettingsApiInputTest {
  private static ApiWorld world;
  private SettingsApi api;

  @BeforeAll
  static void start(LocalDynamoDb shared) {
    world = ApiWorld.start(shared);
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  @BeforeEach
  void fresh() {
    api = world.freshApi();
  }

  private String create() {
    ApiResponse created =
        api.handle(request(ALICE, "POST", "/connections", utf8(fixture("create-dify.json"))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return json(created).path("id").asText();
  }

  private int count() {
    return json(api.handle(request(ALICE, "GET", "/connections", null))).path("connections").size();
  }

  private static List<String> fields(ApiResponse response) {
    List<String> fields = new ArrayList<>();
    json(response).path("problems").forEach(p -> fields.add(p.path("field").asText()));
    return fields;
  }

  @ParameterizedTest
  @ValueSource(strings = {"post", "Post", "pOST"})
  void create_whenMethodNotUpperCase_answers405NamingTheMethodAndCreatesNothing(String method) {
    ApiResponse response =
        api.handle(request(ALICE, method, "/connections", utf8(fixture("create-dify.json"))));

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.headers()).containsEntry("Allow", "GET, POST");
    assertThat(json(response).path("message").asText()).contains("case-sensitive", "send POST");
    assertThat(count()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"get", "patch", "delete", "Delete", "PUT", "M-SEARCH", ""})
  void connection_whenMethodNotExact_answers405AndKeepsTheConnection(String method) {
    String id = create();

    ApiResponse response = api.handle(request(ALICE, method, "/connections/" + id, null));

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.headers()).containsEntry("Allow", "GET, PATCH, DELETE");
    assertThat(api.handle(request(ALICE, "GET", "/connections/" + id, null)).status())
        .isEqualTo(200);
  }

  @Test
  void openApi_whenMethodLowerCase_answers405() {
    ApiResponse response = api.handle(request(null, "get", "/openapi.yaml", null));

    assertThat(response.status()).isEqualTo(405);
  }

  static Stream<Arguments> overrides() {
    return Stream.of("GET", "POST", "PATCH")
        .flatMap(
            method ->
                Stream.of("X-HTTP-Method-Override", "x-http-method", "X-Method-Override")
                    .map(header -> Arguments.of(method, header)));
  }

  @ParameterizedTest
  @MethodSource("overrides")
  void connection_whenMethodOverrideSaysDelete_refusesAndDeletesNothing(
      String method, String header) {
    String id = create();

    ApiResponse response =
        api.handle(
            request(
                ALICE,
                method,
                "/connections/" + id,
                Map.of(),
                utf8("{\"name\":\"x\"}"),
                Map.of(header, "DELETE", "If-Match", "\"1\"")));

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).path("error").asText()).isEqualTo("MethodOverrideRefused");
    assertThat(json(response).path("problems").get(0).path("field").asText())
        .isEqualToIgnoringCase(header);
    JsonNode kept = json(api.handle(request(ALICE, "GET", "/connections/" + id, null)));
    assertThat(kept.path("id").asText()).isEqualTo(id);
    assertThat(kept.path("version").asLong()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/connections/%s",
        "/connections/%s/enable",
        "/connections/%s/audit",
        "/connections/%s/rotate-secrets"
      })
  void anyRoute_whenIdOverLongOrMalformed_answers400NamingConnectionId(String template) {
    for (String id : List.of("c".repeat(129), "x".repeat(5000), ".hidden", "-x", "cn_1%00", "ü")) {
      String method = template.endsWith("audit") || template.endsWith("%s") ? "GET" : "POST";

      ApiResponse response = api.handle(request(ALICE, method, template.formatted(id), null));

      assertThat(response.status()).as(id).isEqualTo(400);
      assertThat(json(response).path("error").asText()).isEqualTo("InvalidPathParameter");
      assertThat(fields(response)).containsExactly("connectionId");
      assertThat(json(response).path("message").asText()).contains("letters, digits");
    }
  }

  @Test
  void list_whenCursorIsCraftedBase64Json_answers400NamingCursor() {
    String crafted =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(utf8("{\"pk\":\"CONN#x\",\"gsi1pk\":\"TENANT#other\"}"));
    for (String cursor : List.of(crafted, "x", "x".repeat(10_000), "a.b", "!!!", crafted + ".")) {
      ApiResponse response =
          api.handle(
              request(ALICE, "GET", "/connections", Map.of("cursor", cursor), null, Map.of()));

      assertThat(response.status()).as(cursor).isEqualTo(400);
      assertThat(json(response).path("error").asText()).isEqualTo("InvalidCursor");
      assertThat(fields(response)).containsExactly("cursor");
    }
  }

  @Test
  void list_whenCursorCameFromAnotherTenant_answers400() {
    create();
    create();
    String cursor = nextCursor(ALICE, null);

    ApiResponse response =
        api.handle(
            request(
                MALLORY,
                "GET",
                "/connections",
                Map.of("cursor", cursor, "limit", "1"),
                null,
                Map.of()));

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).path("error").asText()).isEqualTo("InvalidCursor");
  }

  @Test
  void list_whenCursorAltered_answers400() {
    create();
    create();
    String cursor = nextCursor(ALICE, null);
    // A character in the middle: every one of its six bits lands in the decoded bytes, whereas
    // the last character of unpadded base64 may carry bits a decoder ignores.
    int middle = cursor.length() / 2;
    char original = cursor.charAt(middle);
    String altered =
        cursor.substring(0, middle) + (original == 'A' ? 'B' : 'A') + cursor.substring(middle + 1);

    ApiResponse response =
        api.handle(
            request(ALICE, "GET", "/connections", Map.of("cursor", altered), null, Map.of()));

    assertThat(response.status()).isEqualTo(400);
  }

  @Test
  void list_whenCursorFromAnotherProcessOfTheDeployment_pagesOn() {
    String first = create();
    String second = create();
    String cursor = nextCursor(ALICE, null);

    SettingsApi other = world.newProcess();
    ApiResponse page =
        other.handle(
            request(
                ALICE,
                "GET",
                "/connections",
                Map.of("cursor", cursor, "limit", "1"),
                null,
                Map.of()));

    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(json(page).path("connections").get(0).path("id").asText())
        .isEqualTo(second)
        .isNotEqualTo(first);
  }

  private String nextCursor(dev.errorbridge.connector.audit.Caller caller, String cursor) {
    Map<String, String> query =
        cursor == null ? Map.of("limit", "1") : Map.of("limit", "1", "cursor", cursor);
    ApiResponse page = api.handle(request(caller, "GET", "/connections", query, null, Map.of()));
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    return json(page).path("nextCursor").asText();
  }

  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        Arguments.of("{\"mapping\": 123}", "mapping", "an object"),
        Arguments.of("{\"source\": []}", "source", "an object"),
        Arguments.of("{\"destination\": 5}", "destination", "an object"),
        Arguments.of("{\"webhook\": \"secret\"}", "webhook", "an object"),
        Arguments.of("{\"destination\": {\"auth\": []}}", "destination.auth", "an object"),
        Arguments.of("{\"name\": 5}", "name", "a string"),
        Arguments.of("{\"enabled\": \"yes\"}", "enabled", "true or false"),
        Arguments.of("{\"source\": {\"platform\": 1}}", "source.platform", "a string"),
        Arguments.of("{\"source\": {\"baseUrl\": {}}}", "source.baseUrl", "a string"),
        Arguments.of("{\"source\": {\"apiKey\": 7}}", "source.apiKey", "a string"),
        Arguments.of("{\"source\": {\"outcomes\": \"FAILED\"}}", "source.outcomes", "an array"),
        Arguments.of("{\"source\": {\"outcomes\": [1]}}", "source.outcomes.0", "a string"),
        Arguments.of("{\"source\": {\"workflowIds\": {}}}", "source.workflowIds", "an array"),
        Arguments.of("{\"source\": {\"options\": []}}", "source.options", "an object"),
        Arguments.of("{\"source\": {\"options\": {\"a\": 1}}}", "source.options.a", "a string"),
        Arguments.of("{\"webhook\": {\"secret\": false}}", "webhook.secret", "a string"),
        Arguments.of("{\"webhook\": {\"fieldMapping\": 3}}", "webhook.fieldMapping", "an object"),
        Arguments.of("{\"destination\": {\"region\": 1}}", "destination.region", "a string"),
        Arguments.of("{\"destination\": {\"eventBus\": []}}", "destination.eventBus", "a string"),
        Arguments.of(
            "{\"destination\": {\"auth\": {\"mode\": true}}}", "destination.auth.mode", "a string"),
        Arguments.of(
            "{\"destination\": {\"auth\": {\"roleArn\": 1}}}",
            "destination.auth.roleArn",
            "a string"),
        Arguments.of("{\"mapping\": {\"sourceName\": 1}}", "mapping.sourceName", "a string"),
        Arguments.of(
            "{\"mapping\": {\"includeRawPayload\": \"true\"}}",
            "mapping.includeRawPayload",
            "true or false"),
        Arguments.of(
            "{\"mapping\": {\"maxEntrySizeBytes\": \"big\"}}",
            "mapping.maxEntrySizeBytes",
            "an integer"),
        Arguments.of(
            "{\"mapping\": {\"maxEntrySizeBytes\": 1.5}}",
            "mapping.maxEntrySizeBytes",
            "an integer"));
  }

  @ParameterizedTest
  @MethodSource("wrongTypes")
  void patch_whenAFieldHasTheWrongType_answers400NamingItAndChangesNothing(
      String body, String field, String expected) {
    String id = create();

    ApiResponse response =
        api.handle(
            request(
                ALICE,
                "PATCH",
                "/connections/" + id,
                Map.of(),
                utf8(body),
                Map.of("If-Match", "\"1\"")));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    JsonNode problem = json(response).path("problems").get(0);
    assertThat(problem.path("field").asText()).isEqualTo(field);
    assertThat(problem.path("message").asText()).startsWith("must be " + expected);
    ApiResponse after = api.handle(request(ALICE, "GET", "/connections/" + id, null));
    assertThat(after.headers()).containsEntry("ETag", "\"1\"");
  }

  @ParameterizedTest
  @MethodSource("wrongTypes")
  void create_whenAFieldHasTheWrongType_answers400NamingIt(
      String body, String field, String expected) {
    ApiResponse response = api.handle(request(ALICE, "POST", "/connections", utf8(body)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response)).contains(field);
    assertThat(count()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {" garbage", "{}", " 1", "]", " {\"name\":\"x\"}"})
  void create_whenSomethingFollowsTheJson_answers400AndCreatesNothing(String trailing) {
    ApiResponse response =
        api.handle(
            request(ALICE, "POST", "/connections", utf8(fixture("create-dify.json") + trailing)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("body");
    assertThat(json(response).path("problems").get(0).path("message").asText())
        .contains("more after the value");
    assertThat(count()).isZero();
  }

  @Test
  void create_whenAKeyIsRepeated_answers400NamingItAndCreatesNothing() {
    String body =
        fixture("create-dify.json")
            .replace("\"platform\": \"dify\"", "\"platform\": \"runflow\", \"platform\": \"dify\"");

    ApiResponse response = api.handle(request(ALICE, "POST", "/connections", utf8(body)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("source.platform");
    assertThat(json(response).path("problems").get(0).path("message").asText())
        .contains("appears twice");
    assertThat(count()).isZero();
  }

  static Stream<Arguments> encodings() {
    String body = fixture("create-dify.json");
    return Stream.of(
        Arguments.of(
            "UTF-8 with BOM",
            concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(body))),
        Arguments.of("UTF-16 with BOM", body.getBytes(StandardCharsets.UTF_16)),
        Arguments.of("UTF-16LE", body.getBytes(StandardCharsets.UTF_16LE)),
        Arguments.of("UTF-16BE", body.getBytes(StandardCharsets.UTF_16BE)),
        Arguments.of("UTF-32", encode(body, Charset.forName("UTF-32"))),
        Arguments.of(
            "Latin-1 e-acute",
            ("{\"name\":\"caf" + (char) 0xE9 + "\"}").getBytes(StandardCharsets.ISO_8859_1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  void create_whenBodyNotPlainUtf8_answers400NamingTheEncodingAndCreatesNothing(
      String encoding, byte[] body) {
    ApiResponse response = api.handle(request(ALICE, "POST", "/connections", body));

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("body");
    assertThat(json(response).path("problems").get(0).path("message").asText())
        .containsAnyOf("byte order mark", "UTF-16", "UTF-8");
    assertThat(count()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aws-global",
        "aws-cn-global",
        "aws-us-gov-global",
        "aws-iso-global",
        "aws-iso-b-global"
      })
  void create_whenRegionIsAPseudoRegion_answers400NamingDestinationRegion(String region) {
    String body = fixture("create-dify.json").replace("eu-west-1", region);

    ApiResponse response = api.handle(request(ALICE, "POST", "/connections", utf8(body)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("destination.region");
    assertThat(json(response).path("problems").get(0).path("message").asText())
        .contains("us-east-1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://0177.0.0.1/",
        "https://[::127.0.0.1]/",
        "https://[64:ff9b::a9fe:a9fe]/",
        "https://198.18.0.1/",
        "https://2130706433/",
        "https://0x7f.1/",
        "https://127.1/"
      })
  void create_whenBaseUrlIsASpecialOrNonCanonicalAddress_answers400NamingIt(String url) {
    String body = fixture("create-dify.json").replace("https://api.dify.ai/v1", url);

    ApiResponse response = api.handle(request(ALICE, "POST", "/connections", utf8(body)));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("source.baseUrl");
  }

  @Test
  void openApi_documentsTheIdAndCursorRulesTheApiApplies() {
    String document = api.handle(request(null, "GET", "/openapi.yaml", null)).body();

    assertThat(document)
        .contains(
            "pattern: '^"
                + dev.errorbridge.connector.inbound.ConnectionIds.PATTERN.pattern()
                + "$'")
        .contains("maxLength: " + dev.errorbridge.connector.settings.PageCursors.MAX_LENGTH)
        .contains("`post` is not `POST`", "X-HTTP-Method-Override", "incident");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
  }

  private static byte[] encode(String text, Charset charset) {
    return text.getBytes(charset);
  }
}
