package dev.errorbridge.connector.settings.api;

import static dev.errorbridge.connector.settings.api.ApiWorld.ALICE;
import static dev.errorbridge.connector.settings.api.ApiWorld.MALLORY;
import static dev.errorbridge.connector.settings.api.ApiWorld.fixture;
import static dev.errorbridge.connector.settings.api.ApiWorld.json;
import static dev.errorbridge.connector.settings.api.ApiWorld.request;
import static dev.errorbridge.connector.testing.JsonArbitraries.quote;
import static dev.errorbridge.connector.testing.JsonArbitraries.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.audit.Caller;
import dev.errorbridge.connector.settings.ConnectionInvalidException;
import dev.errorbridge.connector.settings.ConnectionRequest;
import dev.errorbridge.connector.testing.JsonArbitraries;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a client sends the settings API, the answer is an acceptance or a 4xx listing problems
 * by field, never an exception and never a 5xx; a refused change changes nothing. Generators are
 * seeded with issue 14's cases.
 */
class SettingsRequestProperties {
  private static ApiWorld world;
  private static String existing;

  @BeforeContainer
  static void start() {
    world = ApiWorld.start();
    ApiResponse created =
        world
            .api()
            .handle(request(ALICE, "POST", "/connections", utf8(fixture("create-dify.json"))));
    existing = json(created).path("id").asText();
  }

  @AfterContainer
  static void stop() {
    world.close();
  }

  @Property(tries = 1000)
  void read_forAnyBody_returnsARequestOrListsProblemsByField(@ForAll("bodies") byte[] body) {
    try {
      ConnectionRequest request = ConnectionRequestReader.read(body);
      assertThat(request).isNotNull();
    } catch (ConnectionInvalidException e) {
      assertThat(e.problems())
          .isNotEmpty()
          .allSatisfy(
              p -> {
                assertThat(p.field()).isNotBlank();
                assertThat(p.message()).isNotBlank();
              });
    }
  }

  @Property(tries = 150)
  void handle_forAnyRequest_answersWithoutAServerError(@ForAll("requests") ApiRequest request) {
    ApiResponse response = world.api().handle(request);

    assertThat(response.status()).as(response.body()).isBetween(200, 499);
    if (response.status() >= 400) {
      JsonNode problem = json(response);
      assertThat(problem.path("error").asText()).isNotBlank();
      assertThat(problem.path("message").asText()).isNotBlank();
      problem.path("problems").forEach(p -> assertThat(p.path("field").asText()).isNotBlank());
    }
  }

  @Property(tries = 150)
  void patch_whenRefused_changesNothing(@ForAll("bodies") byte[] body) {
    ApiResponse before =
        world.api().handle(request(ALICE, "GET", "/connections/" + existing, null));
    String etag = before.headers().get("ETag");

    ApiResponse response =
        world
            .api()
            .handle(
                request(
                    ALICE,
                    "PATCH",
                    "/connections/" + existing,
                    Map.of(),
                    body,
                    Map.of("If-Match", etag)));

    assertThat(response.status()).as(response.body()).isLessThan(500);
    if (response.status() >= 400) {
      ApiResponse after =
          world.api().handle(request(ALICE, "GET", "/connections/" + existing, null));
      assertThat(after.headers().get("ETag")).isEqualTo(etag);
      assertThat(after.body()).isEqualTo(before.body());
    }
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    return JsonArbitraries.bodies(connectionJson(), seeds());
  }

  @Provide
  Arbitrary<ApiRequest> requests() {
    Arbitrary<String> method =
        Arbitraries.of(
            "GET",
            "POST",
            "PATCH",
            "DELETE",
            "PUT",
            "HEAD",
            "get",
            "post",
            "Post",
            "pAtCh",
            "",
            "M-SEARCH");
    Arbitrary<String> id =
        Arbitraries.oneOf(
            Arbitraries.just(existing),
            Arbitraries.strings().withChars("abcxyz019_-.").ofMinLength(1).ofMaxLength(12),
            Arbitraries.strings().all().ofMaxLength(20),
            Arbitraries.of("c".repeat(129), ".x", "%00", "..", "x".repeat(4000)));
    Arbitrary<String> path =
        Combinators.combine(
                Arbitraries.of(
                    "/connections",
                    "/connections/",
                    "/connections/%s",
                    "/connections/%s/",
                    "/connections/%s/enable",
                    "/connections/%s/disable",
                    "/connections/%s/audit",
                    "/connections/%s/rotate-secrets",
                    "/connections/%s/nope",
                    "/openapi.yaml",
                    "/",
                    "/connections/%s/%s"),
                id)
            .as((template, value) -> template.replace("%s", value));
    Arbitrary<Map<String, String>> query =
        Combinators.combine(
                Arbitraries.of("limit", "cursor", "other").list().ofMaxSize(2),
                Arbitraries.oneOf(
                        Arbitraries.strings().all().ofMaxLength(30),
                        Arbitraries.of("1", "100", "0", "-1", "101", "2147483648", "eyJway"))
                    .list()
                    .ofSize(2))
            .as(
                (names, values) -> {
                  Map<String, String> map = new HashMap<>();
                  for (int i = 0; i < names.size(); i++) {
                    map.put(names.get(i), values.get(i));
                  }
                  return map;
                });
    Arbitrary<Map<String, String>> headers =
        Combinators.combine(
                Arbitraries.of(
                    "application/json",
                    "application/json; charset=utf-16",
                    "text/plain",
                    "",
                    "application/json;;"),
                Arbitraries.of("\"1\"", "\"2\"", "W/\"1\"", "x", "", "\"99999999999999999999\""),
                Arbitraries.of("", "X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"),
                Arbitraries.of("DELETE", "delete", "GET", "PATCH"))
            .as(
                (type, ifMatch, override, value) -> {
                  Map<String, String> map = new LinkedHashMap<>();
                  map.put("Content-Type", type);
                  map.put("If-Match", ifMatch);
                  if (!override.isEmpty()) {
                    map.put(override, value);
                  }
                  return map;
                });
    Arbitrary<Caller> caller = Arbitraries.of(ALICE, MALLORY).injectNull(0.05);
    return Combinators.combine(method, path, query, headers, bodies(), caller)
        .as((m, p, q, h, b, c) -> new ApiRequest(m, p, q, h, b, c));
  }

  /** Connection bodies: the real member names, each with its right type or any other. */
  static Arbitrary<String> connectionJson() {
    Arbitrary<String> text = JsonArbitraries.strings();
    Arbitrary<String> bools = Arbitraries.of("true", "false");
    Arbitrary<String> stringList =
        JsonArbitraries.strings().list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> stringMap =
        JsonArbitraries.shapedObject(Map.of("appId", text, "metadata", text, "/a", text));
    Arbitrary<String> auth =
        JsonArbitraries.shapedObject(
            Map.of(
                "mode",
                    Arbitraries.of("ACCESS_KEYS", "ASSUME_ROLE", "AMBIENT", "x").map(m -> quote(m)),
                "accessKeyId", Arbitraries.of("AKIACUSTOMER00000001", "ASIAX").map(m -> quote(m)),
                "secretAccessKey", text,
                "sessionToken", text,
                "roleArn", text));
    Map<String, Arbitrary<String>> top = new LinkedHashMap<>();
    top.put("name", text);
    top.put("enabled", bools);
    top.put(
        "source",
        JsonArbitraries.shapedObject(
            Map.of(
                "platform",
                Arbitraries.of("runflow", "dify", "alloy", "webhook", "trigify", "n8n")
                    .map(p -> quote(p)),
                "baseUrl",
                Arbitraries.of(
                        "https://api.dify.ai/v1",
                        "https://0177.0.0.1/",
                        "https://[::127.0.0.1]/",
                        "https://[64:ff9b::a9fe:a9fe]/",
                        "https://198.18.0.1/",
                        "http://x",
                        "not a url")
                    .map(u -> quote(u)),
                "apiKey",
                text,
                "outcomes",
                stringList,
                "workflowIds",
                stringList,
                "options",
                stringMap)));
    top.put(
        "webhook", JsonArbitraries.shapedObject(Map.of("secret", text, "fieldMapping", stringMap)));
    top.put(
        "destination",
        JsonArbitraries.shapedObject(
            Map.of(
                "region",
                Arbitraries.of("us-east-1", "eu-west-1", "aws-global", "aws-cn-global", "mars-1")
                    .map(r -> quote(r)),
                "eventBus",
                text,
                "auth",
                auth)));
    top.put(
        "mapping",
        JsonArbitraries.shapedObject(
            Map.of(
                "sourceName", text,
                "includeRawPayload", bools,
                "maxEntrySizeBytes", JsonArbitraries.numbers())));
    return JsonArbitraries.shapedObject(top);
  }

  /** Issue 14's settings bodies. */
  static List<byte[]> seeds() {
    String valid = fixture("create-dify.json");
    List<byte[]> seeds = new ArrayList<>();
    for (String text :
        List.of(
            valid,
            valid + " garbage",
            valid + "{}",
            valid.replace(
                "\"platform\": \"dify\"", "\"platform\":\"runflow\",\"platform\":\"dify\""),
            "{\"mapping\": 123}",
            "{\"source\": []}",
            "{\"destination\": 5}",
            "{\"webhook\": \"x\"}",
            "{\"destination\": {\"auth\": []}}",
            valid.replace("eu-west-1", "aws-global"),
            valid.replace("https://api.dify.ai/v1", "https://0177.0.0.1/"),
            valid.replace("https://api.dify.ai/v1", "https://[::127.0.0.1]/"),
            valid.replace("https://api.dify.ai/v1", "https://[64:ff9b::a9fe:a9fe]/"),
            valid.replace("https://api.dify.ai/v1", "https://198.18.0.1/"))) {
      seeds.add(utf8(text));
    }
    seeds.add(("\uFEFF" + valid).getBytes(StandardCharsets.UTF_8));
    seeds.add(valid.getBytes(StandardCharsets.UTF_16));
    seeds.add(valid.getBytes(StandardCharsets.UTF_16LE));
    return seeds;
  }
}
