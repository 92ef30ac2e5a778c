package dev.errorbridge.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.server.testing.LogCapture;
import dev.errorbridge.server.testing.RawHttp;
import dev.errorbridge.server.testing.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import net.jqwik.api.statistics.Statistics;

/**
 * Random requests against the running standalone server over a raw socket: any method (lower and
 * mixed case, unknown ones), method-override headers, header sets, paths with odd ids and escapes,
 * queries, bodies of any length and encoding. For every one: no 5xx, a JSON problem for every
 * refusal, no stack trace or ERROR in the log, and nothing on the demo bus for anything refused.
 */
class HttpFuzzProperties {
  // Placeholders for what exists only once the server runs; filled in when a request is sent.
  private static final String CONNECTION = "{connection}";
  private static final String TOKEN = "{token}";

  private static Path data;
  private static TestServers.Running server;
  private static RawHttp http;
  private static String connectionId;
  private static LogCapture log;

  /** One generated request. */
  record Request(String method, String target, List<String> headers, byte[] body) {
    @Override
    public String toString() {
      return method
          + " "
          + target
          + " "
          + headers
          + " body="
          + (body == null ? "none" : body.length + " bytes");
    }
  }

  @BeforeContainer
  static void start() throws IOException {
    data = Files.createTempDirectory("errorbridge-fuzz");
    server = TestServers.start(data);
    http = new RawHttp(server.baseUri().getPort());
    connectionId = server.createRunflowConnection("fuzz", "whsec-fuzz-0123456789");
    log = LogCapture.open();
  }

  @AfterContainer
  static void stop() throws IOException {
    log.close();
    server.close();
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @BeforeTry
  void clearLog() {
    log.clear();
  }

  @Property(tries = 150)
  void anyRequest_isAnsweredWithoutAServerFaultAndRefusalsPublishNothing(
      @ForAll("requests") Request request) {
    int deliveredBefore = delivered();

    RawHttp.Response response =
        http.send(
            request.method(),
            request.target().replace(CONNECTION, connectionId),
            request.headers().stream().map(h -> h.replace(TOKEN, server.token())).toList(),
            request.body());

    Statistics.collect(response.status() / 100 + "xx");
    Statistics.collect(response.status() == 405 ? "method refused" : "method served");
    // The requests must reach the handlers too, not only the refusals in front of them.
    Statistics.coverage(
        coverage -> {
          coverage.check("2xx").count(n -> n > 0);
          coverage.check("method refused").count(n -> n > 0);
        });
    assertThat(response.status()).as(response.body()).isBetween(200, 499);
    if (response.status() >= 400) {
      if (!response.body().isEmpty()) {
        JsonNode problem = json(response);
        assertThat(problem.has("error") || problem.has("problems")).as(response.body()).isTrue();
      }
      assertThat(delivered()).as("published for a refused request").isEqualTo(deliveredBefore);
    }
    assertThat(log.withStackTraces()).isEmpty();
    assertThat(log.errors()).isEmpty();
  }

  private static int delivered() {
    return server.server.embedded().aws().deliveries().all().size();
  }

  private static JsonNode json(RawHttp.Response response) {
    try {
      return TestServers.JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON (" + response.status() + "): " + response.body(), e);
    }
  }

  @Provide
  Arbitrary<Request> requests() {
    return Combinators.combine(methods(), targets(), headers(), bodies()).as(Request::new);
  }

  private Arbitrary<String> methods() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of("GET", "POST", "PATCH", "DELETE")),
        Tuple.of(
            4,
            Arbitraries.of(
                "get",
                "post",
                "Post",
                "pAtCh",
                "dElEtE",
                "PUT",
                "HEAD",
                "OPTIONS",
                "TRACE",
                "M-SEARCH",
                "BREW",
                "G3T",
                "X")));
  }

  private Arbitrary<String> targets() {
    Arbitrary<String> id =
        Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.just(CONNECTION)),
            Tuple.of(
                2, Arbitraries.strings().withChars("abcxyz019_-.").ofMinLength(1).ofMaxLength(12)),
            Tuple.of(
                2,
                Arbitraries.of(
                    "c".repeat(129),
                    "x".repeat(3000),
                    ".dot",
                    "..",
                    "%zz",
                    "%00",
                    "%2F",
                    "%C3%28",
                    "%E2%98%83",
                    "a%20b",
                    "+",
                    "%2e%2e",
                    "\u00fc",
                    "cn_1;x",
                    "cn_1?")));
    Arbitrary<String> path =
        Combinators.combine(
                Arbitraries.of(
                    "/health",
                    "/metrics",
                    "/openapi.yaml",
                    "/alerts",
                    "/alerts/inbox",
                    "/connections",
                    "/connections/",
                    "/connections/{id}",
                    "/connections/{id}/enable",
                    "/connections/{id}/disable",
                    "/connections/{id}/test",
                    "/connections/{id}/audit",
                    "/connections/{id}/rotate-secrets",
                    "/connections/{id}/dead-letters",
                    "/connections/{id}/dead-letters/replay",
                    "/connections/{id}/backfill",
                    "/webhooks/{id}",
                    "/webhooks/{id}/x",
                    "//connections",
                    "/",
                    "/nothing"),
                id)
            .as((template, value) -> template.replace("{id}", value));
    Arbitrary<String> query =
        Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.just("")),
            Tuple.of(
                3,
                Combinators.combine(
                        Arbitraries.of("limit", "cursor", "key", "rule", "x"),
                        Arbitraries.oneOf(
                            Arbitraries.strings().withChars("abcXYZ019-_.%").ofMaxLength(40),
                            Arbitraries.of(
                                "1", "0", "-1", "100", "101", "99999999999", "%", "%zz")))
                    .as((name, value) -> "?" + name + "=" + value)),
            Tuple.of(1, Arbitraries.of("?", "?&&", "?a", "?limit=1&limit=2", "?=x")));
    return Combinators.combine(path, query).as((p, q) -> p + q);
  }

  private Arbitrary<List<String>> headers() {
    Arbitrary<String> auth =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just("Authorization: Bearer " + TOKEN)),
            Tuple.of(1, Arbitraries.of("Authorization: Bearer nope", "Authorization: Basic x")),
            Tuple.of(2, Arbitraries.just("")));
    Arbitrary<String> override =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just("")),
            Tuple.of(
                2,
                Combinators.combine(
                        Arbitraries.of(
                            "X-HTTP-Method-Override", "x-http-method", "X-Method-Override"),
                        Arbitraries.of("DELETE", "delete", "GET", "POST", "PATCH", "PUT", ""))
                    .as((name, value) -> name + ": " + value)));
    Arbitrary<String> contentType =
        Arbitraries.of(
            "Content-Type: application/json",
            "Content-Type: application/json; charset=utf-8",
            "Content-Type: text/plain",
            "Content-Type: application/json; charset=utf-16",
            "");
    Arbitrary<String> other =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.just("")),
            Tuple.of(
                1,
                Arbitraries.of(
                    "X-Errorbridge-Tenant: other-tenant",
                    "X-Errorbridge-Tenant: bad tenant!",
                    "If-Match: \"1\"",
                    "If-Match: x",
                    "Runflow-Signature: " + "0".repeat(64),
                    "Runflow-Signature: zz",
                    "X-Errorbridge-Signature: t=1,v1=00",
                    "Accept: text/html",
                    "Transfer-Encoding: identity",
                    "Expect: 100-continue")),
            Tuple.of(
                1,
                Combinators.combine(
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20),
                        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60))
                    .as((name, value) -> "X-" + name + ": " + value)));
    return Combinators.combine(auth, override, contentType, other)
        .as(
            (a, o, c, x) -> {
              List<String> headers = new ArrayList<>();
              for (String header : List.of(a, o, c, x)) {
                if (!header.isEmpty()) {
                  headers.add(header);
                }
              }
              return headers;
            });
  }

  private Arbitrary<byte[]> bodies() {
    String create = TestServers.runflowConnection("fuzzed", "whsec-fuzzed-0123456789");
    String failed = TestServers.runflowFailed("r-1");
    List<String> texts =
        List.of(
            create,
            create + " garbage",
            create + "{}",
            create.replace(
                "\"platform\": \"runflow\"", "\"platform\":\"runflow\",\"platform\":\"dify\""),
            "{\"mapping\": 123}",
            "{\"source\": []}",
            "{\"destination\": 5}",
            create.replace("us-east-1", "aws-global"),
            "{\"since\": \"PT1H\"}",
            "{\"since\": 5}",
            "{\"limit\": \"x\", \"dryRun\": 1}",
            "{\"name\": \"renamed\"}",
            failed,
            failed + "x",
            "[]",
            "null",
            "{".repeat(500));
    List<byte[]> seeds = new ArrayList<>();
    texts.forEach(t -> seeds.add(t.getBytes(StandardCharsets.UTF_8)));
    seeds.add(("\uFEFF" + create).getBytes(StandardCharsets.UTF_8));
    seeds.add(create.getBytes(StandardCharsets.UTF_16));
    seeds.add(create.getBytes(StandardCharsets.UTF_16LE));
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just((byte[]) null)),
        Tuple.of(5, Arbitraries.of(seeds)),
        Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(4000)),
        Tuple.of(
            1,
            Arbitraries.strings().ofMaxLength(2000).map(s -> s.getBytes(StandardCharsets.UTF_8))));
  }
}
