package dev.errorbridge.connector.webhook;

import static dev.errorbridge.connector.webhook.WebhookTestKit.ALLOY;
import static dev.errorbridge.connector.webhook.WebhookTestKit.ALLOY_TOKEN;
import static dev.errorbridge.connector.webhook.WebhookTestKit.GENERIC;
import static dev.errorbridge.connector.webhook.WebhookTestKit.GENERIC_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.NOW;
import static dev.errorbridge.connector.webhook.WebhookTestKit.RUNFLOW;
import static dev.errorbridge.connector.webhook.WebhookTestKit.RUNFLOW_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.fixture;
import static dev.errorbridge.connector.webhook.WebhookTestKit.genericSignature;
import static dev.errorbridge.connector.webhook.WebhookTestKit.hmacHex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.testing.JsonArbitraries;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The three webhook verifiers and parsers (Runflow, Alloy, generic) under any request: signed or
 * not, any headers, any body (shaped like the platform's, broken the ways issue 14 found, or
 * arbitrary). The receiver answers an acceptance, an ignore or a 4xx with problems; it never throws
 * and never answers 5xx (its stores here never fail).
 */
class WebhookReceiverProperties {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookTestKit kit = new WebhookTestKit();

  @Property(tries = 200)
  void receive_runflow_acceptsOrRefusesWith4xx(@ForAll("runflow") WebhookRequest request) {
    assertAnswered(request);
  }

  @Property(tries = 200)
  void receive_alloy_acceptsOrRefusesWith4xx(@ForAll("alloy") WebhookRequest request) {
    assertAnswered(request);
  }

  @Property(tries = 200)
  void receive_generic_acceptsOrRefusesWith4xx(@ForAll("generic") WebhookRequest request) {
    assertAnswered(request);
  }

  private void assertAnswered(WebhookRequest request) {
    WebhookReceipt receipt = kit.receive(request);
    Statistics.collect(receipt.getClass().getSimpleName());
    // The generators must reach the parsers, not only the signature checks.
    Statistics.coverage(
        coverage -> {
          coverage.check("Accepted").count(n -> n > 0);
          coverage.check("Rejected").count(n -> n > 0);
        });

    WebhookResponse response = receipt.response();
    assertThat(response.status()).as(response.body()).isBetween(200, 499);
    if (receipt instanceof WebhookReceipt.Rejected rejected) {
      assertThat(rejected.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).isNotBlank());
    }
  }

  @Provide
  Arbitrary<WebhookRequest> runflow() {
    return requests(
        RUNFLOW,
        "runflow-failed.json",
        (builder, body) -> builder.header("Runflow-Signature", hmacHex(RUNFLOW_SECRET, body)),
        Arbitraries.of("Runflow-Signature"));
  }

  @Provide
  Arbitrary<WebhookRequest> alloy() {
    return requests(
        ALLOY,
        "alloy-error.json",
        (builder, body) ->
            builder
                .header("X-Errorbridge-Token", ALLOY_TOKEN)
                .header("X-Alloy-WorkflowId", "65c1d2e3f4a5b6c7d8e9f0b7")
                .header("X-Alloy-ExecutionUuid", "Qm7vT2xK9pLr4sWz8nB3c"),
        Arbitraries.of(
            "X-Errorbridge-Token",
            "X-Alloy-WorkflowId",
            "X-Alloy-UserId",
            "X-Alloy-BlockName",
            "X-Alloy-ExecutionUuid"));
  }

  @Provide
  Arbitrary<WebhookRequest> generic() {
    return requests(
        GENERIC,
        "generic-failure.json",
        (builder, body) ->
            builder.header(
                "X-Errorbridge-Signature",
                genericSignature(NOW.getEpochSecond(), body, GENERIC_SECRET)),
        Arbitraries.of("X-Errorbridge-Signature"));
  }

  /**
   * Requests to {@code connectionId}: bodies around {@code fixture}, signed correctly (so the
   * parser runs) or carrying arbitrary values in the platform's own headers.
   */
  private Arbitrary<WebhookRequest> requests(
      String connectionId,
      String fixture,
      BiFunction<WebhookTestKit.RequestBuilder, byte[], WebhookTestKit.RequestBuilder> sign,
      Arbitrary<String> platformHeaders) {
    Arbitrary<byte[]> bodies = JsonArbitraries.bodies(shapedLike(fixture), seeds(fixture));
    Arbitrary<String> ids =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.just(connectionId)),
            Tuple.of(1, Arbitraries.strings().all().ofMaxLength(200)),
            Tuple.of(1, Arbitraries.of("", ".", "x".repeat(129), RUNFLOW, ALLOY, GENERIC)));
    Arbitrary<List<String[]>> headers =
        Combinators.combine(
                Arbitraries.oneOf(platformHeaders, Arbitraries.strings().alpha().ofMaxLength(12)),
                Arbitraries.oneOf(
                    Arbitraries.strings().all().ofMaxLength(80),
                    Arbitraries.strings().withChars("0123456789abcdef").ofLength(64),
                    Arbitraries.of("t=1,v1=00", "t=abc", "v1=", "t=99999999999999999999,v1=x")))
            .as((name, value) -> new String[] {name, value})
            .list()
            .ofMaxSize(4);
    Arbitrary<String> contentType =
        Arbitraries.of(
            "application/json",
            "application/json; charset=utf-8",
            "application/json; charset=utf-16",
            "text/plain",
            "");
    Arbitrary<Instant> receivedAt =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.just(NOW)),
            Tuple.of(
                1,
                Arbitraries.longs()
                    .between(-3_000_000_000L, 3_000_000_000L)
                    .map(s -> NOW.plus(Duration.ofSeconds(s)))));
    return Combinators.combine(
            ids, bodies, Arbitraries.of(true, true, false), headers, contentType, receivedAt)
        .as(
            (id, body, signed, extra, type, at) -> {
              WebhookTestKit.RequestBuilder builder =
                  WebhookTestKit.post(id).header("Content-Type", type).body(body).receivedAt(at);
              if (signed) {
                builder = sign.apply(builder, body);
              }
              for (String[] header : extra) {
                builder.header(header[0], header[1]);
              }
              return builder.build();
            });
  }

  /**
   * JSON like {@code fixture}: its member names anywhere, or the fixture with one value swapped.
   */
  private static Arbitrary<String> shapedLike(String fixture) {
    JsonNode tree = tree(fixture(fixture));
    List<String> names = new ArrayList<>();
    List<String> pointers = new ArrayList<>();
    collect(tree, "", names, pointers);
    Arbitrary<String> swapped =
        Combinators.combine(Arbitraries.of(pointers), JsonArbitraries.value(2, names))
            .as((pointer, value) -> swap(tree, pointer, value));
    return Arbitraries.oneOf(swapped, JsonArbitraries.value(3, names));
  }

  private static List<byte[]> seeds(String fixture) {
    byte[] valid = fixture(fixture);
    String text = new String(valid, StandardCharsets.UTF_8).trim();
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(valid);
    seeds.add(JsonArbitraries.utf8(text + " garbage"));
    seeds.add(JsonArbitraries.utf8(text + "{}"));
    seeds.add(JsonArbitraries.utf8("{\"a\":1,\"a\":2}"));
    seeds.add(JsonArbitraries.utf8("\uFEFF" + text));
    seeds.add(text.getBytes(StandardCharsets.UTF_16));
    seeds.add(JsonArbitraries.utf8("[]"));
    seeds.add(JsonArbitraries.utf8("\"just a string\""));
    seeds.add(JsonArbitraries.utf8("{\"duration_ms\":2.47e38,\"elapsed_time\":1e400}"));
    return seeds;
  }

  private static void collect(
      JsonNode node, String pointer, List<String> names, List<String> pointers) {
    if (node.isObject()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        names.add(name);
        pointers.add(child);
        collect(node.get(name), child, names, pointers);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), pointer + "/" + i, names, pointers);
      }
    }
  }

  private static String swap(JsonNode tree, String pointer, String value) {
    JsonNode copy = tree.deepCopy();
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = copy.at(pointer.substring(0, slash));
    String name = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    JsonNode replacement;
    try {
      replacement = JSON.readTree(value);
    } catch (IOException e) {
      return copy.toString();
    }
    if (parent instanceof ObjectNode object) {
      object.set(name, replacement);
    }
    return copy.toString();
  }

  private static JsonNode tree(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
