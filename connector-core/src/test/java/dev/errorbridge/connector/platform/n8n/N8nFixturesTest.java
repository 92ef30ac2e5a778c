package dev.errorbridge.connector.platform.n8n;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.connector.platform.n8n.N8nFixtureScenario.Capture;
import dev.errorbridge.connector.testing.N8nExtension;
import dev.errorbridge.connector.testing.N8nInstance;
import dev.errorbridge.connector.testing.N8nPushReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fixtures under {@code platforms/n8n/} are what the real n8n answers: the scenario that
 * captured them runs again, and every captured fixture must have the fresh answer's status and
 * shape (the same fields at the same places with the same JSON types; values such as ids and times
 * differ from run to run). The hand-written ones are checked for what their README says they are.
 */
@ExtendWith(N8nExtension.class)
class N8nFixturesTest {
  private static final Path FIXTURES = N8nFixtureRecorder.FIXTURES;

  // Objects whose members depend on the instance's history, not on the API: the owner's UI state
  // (n8n adds firstSuccessfulWorkflowId once any workflow on the instance has succeeded).
  private static final Set<String> FREE_FORM =
      Set.of("/shared/[]/project/projectRelations/[]/user/settings");

  @RegisterExtension
  static WireMockExtension upstream =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @Test
  void capturedFixtures_whenScenarioRunsAgain_haveTheRealAnswersStatusAndShape(
      N8nInstance n8n, N8nPushReceiver receiver) {
    upstream.stubFor(
        get(urlPathEqualTo("/orders"))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"orders service unavailable\"}")));

    List<Capture> captures = N8nFixtureScenario.run(n8n, receiver, upstream.baseUrl() + "/orders");

    assertThat(captures)
        .allSatisfy(
            capture -> {
              assertThat(capture.status()).as(capture.request()).isEqualTo(statusOf(capture));
              assertThat(shape(N8nFixtureScenario.read(fixture(capture.fixture()))))
                  .as("shape of %s against %s", capture.fixture(), capture.request())
                  .isEqualTo(shape(N8nFixtureScenario.read(capture.body())));
            });
  }

  @Test
  void folder_holdsTheCapturedTheWrittenAndTheReadmeOnly_andTheReadmeNamesEach()
      throws IOException {
    SortedSet<String> fixtures = new TreeSet<>(N8nFixtureScenario.WRITTEN);
    fixtures.addAll(N8nFixtureScenario.CAPTURED);
    SortedSet<String> expected = new TreeSet<>(fixtures);
    expected.add("README.md");
    String readme = fixture("README.md");

    try (Stream<Path> files = Files.list(FIXTURES)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(expected);
    }
    assertThat(fixtures).allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
  }

  @Test
  void writtenFixtures_areWhatTheReadmeSays() {
    assertThat(N8nFixtureScenario.read(fixture("error-429.json")).path("message").asText())
        .isEqualTo("Too Many Requests");
    assertThatThrownBy(() -> N8nFixtureScenario.read(fixture("executions-malformed.json")))
        .isInstanceOf(UncheckedIOException.class);
    JsonNode wrongShape = N8nFixtureScenario.read(fixture("executions-wrong-shape.json"));
    assertThat(wrongShape.path("data").isArray()).isFalse();
    assertThat(wrongShape.path("nextCursor").isTextual()).isFalse();
  }

  /** The fixture's JSON shape: each value's path (array indexes as {@code []}) and type. */
  static SortedSet<String> shape(JsonNode json) {
    SortedSet<String> shape = new TreeSet<>();
    walk(json, "", shape);
    return shape;
  }

  private static void walk(JsonNode node, String path, SortedSet<String> shape) {
    shape.add(path + ":" + node.getNodeType());
    if (FREE_FORM.contains(path)) {
      return;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        walk(field.getValue(), path + "/" + field.getKey(), shape);
      }
    } else if (node.isArray()) {
      node.forEach(element -> walk(element, path + "/[]", shape));
    }
  }

  // error-401-….json answered 401; the push was answered by the receiver (202); the rest 200.
  private static int statusOf(Capture capture) {
    String name = capture.fixture();
    if (name.startsWith("error-")) {
      return Integer.parseInt(name.substring("error-".length(), "error-".length() + 3));
    }
    return name.startsWith("push-") ? 202 : 200;
  }

  private static String fixture(String name) {
    try {
      return Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
