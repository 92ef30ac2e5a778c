package dev.errorbridge.connector.platform.n8n;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.connector.platform.n8n.N8nFixtureScenario.Capture;
import dev.errorbridge.connector.testing.N8nExtension;
import dev.errorbridge.connector.testing.N8nInstance;
import dev.errorbridge.connector.testing.N8nPushReceiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Re-captures the fixtures under {@code src/test/resources/platforms/n8n/} from a real n8n (after
 * an n8n upgrade, say). Not a test: its name matches none of Surefire's patterns, so it runs only
 * when asked for:
 *
 * <pre>
 * mvn -B -q -pl connector-core -am verify -Dtest=N8nFixtureRecorder -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * JSON answers are written pretty-printed; the Error Trigger's push is written byte-exact (it is
 * what was signed). The hand-written fixtures ({@link N8nFixtureScenario#WRITTEN}) are left alone.
 */
@ExtendWith(N8nExtension.class)
class N8nFixtureRecorder {
  static final Path FIXTURES = Path.of("src", "test", "resources", "platforms", "n8n");

  @RegisterExtension
  static WireMockExtension upstream =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private static final ObjectWriter PRETTY =
      new ObjectMapper()
          .writer(
              new DefaultPrettyPrinter()
                  .withSeparators(
                      Separators.createDefaultInstance()
                          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                          .withObjectEmptySeparator("")
                          .withArrayEmptySeparator(""))
                  .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  @Test
  void record(N8nInstance n8n, N8nPushReceiver receiver) throws IOException {
    upstream.stubFor(
        get(urlPathEqualTo("/orders"))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"orders service unavailable\"}")));

    List<Capture> captures = N8nFixtureScenario.run(n8n, receiver, upstreamUrl());

    for (Capture capture : captures) {
      String text =
          capture.fixture().startsWith("push-")
              ? capture.body()
              : PRETTY.writeValueAsString(N8nFixtureScenario.read(capture.body())) + "\n";
      Files.writeString(FIXTURES.resolve(capture.fixture()), text, StandardCharsets.UTF_8);
    }
    assertThat(captures).isNotEmpty();
  }

  static String upstreamUrl() {
    return upstream.baseUrl() + "/orders";
  }
}
