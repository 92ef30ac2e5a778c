package dev.errorbridge.connector.source;

import static dev.errorbridge.connector.source.SourceTestKit.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.alloy.AlloyApiGeneration;
import dev.errorbridge.connector.platform.alloy.AlloyOptions;
import dev.errorbridge.connector.platform.dify.DifyOptions;
import dev.errorbridge.connector.platform.registry.PlatformRegistry;
import dev.errorbridge.connector.platform.runflow.RunflowOptions;
import dev.errorbridge.connector.platform.trigify.TrigifyOptions;
import dev.errorbridge.connector.secrets.SecretValue;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceConnectionTest {

  @Test
  void build_whenOnlyRequiredSettingsGiven_usesThePlatformsDefaults() {
    SourceConnection alloy = minimal(Platform.ALLOY).build();
    SourceConnection trigify = minimal(Platform.TRIGIFY).build();
    SourceConnection runflow = minimal(Platform.RUNFLOW).build();
    SourceConnection dify = minimal(Platform.DIFY).options(DifyOptions.forApp("app-1")).build();

    assertThat(alloy.baseUrl()).isEqualTo(URI.create("https://production.runalloy.com"));
    assertThat(alloy.lookback()).isEqualTo(Duration.ofMinutes(10));
    assertThat(alloy.options()).isEqualTo(AlloyOptions.defaults());
    assertThat(dify.baseUrl()).isEqualTo(URI.create("https://api.dify.ai/v1"));
    assertThat(dify.lookback()).isEqualTo(Duration.ofHours(1));
    assertThat(trigify.baseUrl()).isEqualTo(URI.create("https://api.trigify.io/v1"));
    assertThat(trigify.options()).isEqualTo(TrigifyOptions.defaults());
    assertThat(runflow.baseUrl()).isEqualTo(URI.create("https://api.runflow.io"));
    assertThat(runflow.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void build_whenAlloyGenerationIsOlder_usesItsVersionedBaseUrl() {
    SourceConnection alloy =
        minimal(Platform.ALLOY)
            .options(new AlloyOptions(AlloyApiGeneration.V2024_03, 50, null, true))
            .build();

    assertThat(alloy.baseUrl()).isEqualTo(URI.create("https://embedded.runalloy.com/2024-03"));
  }

  @Test
  void build_whenBaseUrlEndsInSlashes_dropsThem() {
    SourceConnection dify =
        minimal(Platform.DIFY)
            .options(DifyOptions.forApp("app-1"))
            .baseUrl(URI.create("https://dify.example.test/v1//"))
            .build();

    assertThat(dify.baseUrl()).isEqualTo(URI.create("https://dify.example.test/v1"));
  }

  @Test
  void build_whenEverythingIsWrong_listsEveryProblem() {
    assertThatThrownBy(
            () ->
                SourceConnection.builder(Platform.DIFY)
                    .tenantId(" ")
                    .baseUrl(URI.create("ftp://dify.example.test"))
                    .apiKey(SecretValue.of(" "))
                    .requestTimeout(Duration.ZERO)
                    .lookback(Duration.ofMinutes(-1))
                    .consoleUrlTemplate("http://console.example.test/{executionId}")
                    .build())
        .isInstanceOfSatisfying(
            SourceConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "tenantId is required and must not be blank",
                        "connectionId is required and must not be blank",
                        "baseUrl must be an absolute http(s) URL, e.g. https://api.dify.ai/v1",
                        "apiKey is required: the platform API key of this connection",
                        "requestTimeout must be positive and at most 2 minutes",
                        "lookback must be zero or positive",
                        "consoleUrlTemplate must be null or an https:// URL template",
                        "options are required: dify's own settings (a platform without any is"
                            + " pushed, never polled)"));
  }

  @Test
  void build_whenOptionsAreForAnotherPlatformOrWebhook_refuses() {
    assertThatThrownBy(() -> minimal(Platform.RUNFLOW).options(TrigifyOptions.defaults()).build())
        .hasMessageContaining("options are for TRIGIFY, not RUNFLOW");
    assertThatThrownBy(
            () -> minimal(Platform.WEBHOOK).baseUrl(URI.create("https://x.test")).build())
        .hasMessageContaining("pushed, never polled");
  }

  @Test
  void build_whenBaseUrlCarriesCredentialsOrQuery_refuses() {
    assertThatThrownBy(
            () ->
                minimal(Platform.RUNFLOW).baseUrl(URI.create("https://u:p@api.runflow.io")).build())
        .hasMessageContaining("must not carry user info, a query or a fragment");
    assertThatThrownBy(
            () ->
                minimal(Platform.RUNFLOW).baseUrl(URI.create("https://api.runflow.io?x=1")).build())
        .hasMessageContaining("must not carry user info, a query or a fragment");
  }

  @Test
  void toString_neverShowsTheKey() {
    SourceConnection connection = minimal(Platform.TRIGIFY).build();

    assertThat(connection.toString()).contains("apiKey=****").doesNotContain(KEY.reveal());
  }

  @Test
  void options_whenOutOfRange_listEveryProblem() {
    assertThatThrownBy(() -> new DifyOptions(" ", null, 101))
        .isInstanceOfSatisfying(
            SourceConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(2)
                    .anySatisfy(p -> assertThat(p).contains("dify.appId")));
    assertThatThrownBy(() -> new TrigifyOptions(0, 101, "ARCHIVED", 0))
        .isInstanceOfSatisfying(
            SourceConnectionInvalidException.class, e -> assertThat(e.problems()).hasSize(4));
    assertThatThrownBy(() -> new RunflowOptions(501, " ", true))
        .isInstanceOfSatisfying(
            SourceConnectionInvalidException.class, e -> assertThat(e.problems()).hasSize(2));
    assertThatThrownBy(() -> new AlloyOptions(null, 0, " ", true))
        .isInstanceOfSatisfying(
            SourceConnectionInvalidException.class, e -> assertThat(e.problems()).hasSize(3));
  }

  // The platform's default options come from its plug-in, as the settings API's connections get
  // them.
  private static SourceConnection.Builder minimal(Platform platform) {
    return PlatformRegistry.builtIn()
        .sourceBuilder(platform)
        .tenantId("t")
        .connectionId("c")
        .apiKey(KEY);
  }
}
