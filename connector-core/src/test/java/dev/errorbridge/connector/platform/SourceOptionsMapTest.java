package dev.errorbridge.connector.platform;

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
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceConnectionInvalidException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceOptionsMapTest {

  @Test
  void apply_whenAlloyOptionsGiven_buildsTypedOptionsAndCommonSettings() {
    SourceConnection connection =
        REGISTRY
            .applyOptions(
                Platform.ALLOY,
                Map.of(
                    "generation", "2024-03",
                    "userId", "65aa11bb22cc33dd44ee55ff",
                    "pageSize", "25",
                    "serverTimeFilter", "false",
                    "lookback", "PT15M",
                    "requestTimeout", "PT20S",
                    "consoleUrlTemplate", "https://app.example.test/runs/{executionId}"),
                builder(Platform.ALLOY))
            .build();

    assertThat(connection.options())
        .isEqualTo(
            new AlloyOptions(AlloyApiGeneration.V2024_03, 25, "65aa11bb22cc33dd44ee55ff", false));
    assertThat(connection.baseUrl().toString()).isEqualTo("https://embedded.runalloy.com/2024-03");
    assertThat(connection.lookback()).isEqualTo(Duration.ofMinutes(15));
    assertThat(connection.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(connection.consoleUrlTemplate())
        .isEqualTo("https://app.example.test/runs/{executionId}");
  }

  @Test
  void apply_whenEmpty_usesEachPlatformsDefaults() {
    assertThat(
            REGISTRY
                .applyOptions(Platform.TRIGIFY, Map.of(), builder(Platform.TRIGIFY))
                .build()
                .options())
        .isEqualTo(TrigifyOptions.defaults());
    assertThat(
            REGISTRY
                .applyOptions(Platform.RUNFLOW, null, builder(Platform.RUNFLOW))
                .build()
                .options())
        .isEqualTo(RunflowOptions.defaults());
    assertThat(
            REGISTRY
                .applyOptions(Platform.DIFY, Map.of("appId", "app-1"), builder(Platform.DIFY))
                .build()
                .options())
        .isEqualTo(DifyOptions.forApp("app-1"));
  }

  @Test
  void apply_whenKeysUnknownAndValuesInvalid_listsEveryProblem() {
    assertThatThrownBy(
            () ->
                REGISTRY.applyOptions(
                    Platform.DIFY,
                    Map.of("pageSize", "many", "lookback", "2h", "appID", "x"),
                    builder(Platform.DIFY)))
        .isInstanceOfSatisfying(
            SourceConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "unknown option appID for dify (known: [appId, appName, pageSize] and"
                            + " [consoleUrlTemplate, lookback, pollInterval, requestTimeout])",
                        "option lookback must be an ISO 8601 duration such as PT2H",
                        "option pageSize must be a whole number",
                        "dify.appId is required: the id in the app's console URL (/app/<id>/...)"));
  }

  @Test
  void apply_whenPollIntervalWithinBounds_acceptsItAndLeavesItToTheScheduler() {
    SourceConnection connection =
        REGISTRY
            .applyOptions(
                Platform.RUNFLOW, Map.of("pollInterval", "PT5M"), builder(Platform.RUNFLOW))
            .build();

    assertThat(connection.options()).isEqualTo(RunflowOptions.defaults());
  }

  @Test
  void apply_whenPollIntervalUnreadableOrOutOfBounds_namesTheOptionAndItsBounds() {
    for (String value : new String[] {"5m", "PT10S", "P2D", " ", "PT-1M"}) {
      assertThatThrownBy(
              () ->
                  REGISTRY.applyOptions(
                      Platform.RUNFLOW, Map.of("pollInterval", value), builder(Platform.RUNFLOW)))
          .as(value)
          .isInstanceOfSatisfying(
              SourceConnectionInvalidException.class,
              e ->
                  assertThat(e.problems())
                      .containsExactly(
                          "option pollInterval must be an ISO 8601 duration from PT30S to P1D,"
                              + " e.g. PT5M (every five minutes); leave it out to poll every"
                              + " minute"));
    }
  }

  @Test
  void apply_whenBooleanIsNeitherTrueNorFalse_namesTheOption() {
    // "yes" or "TRUE" must not silently read as false and turn node errors off.
    for (String value : new String[] {"yes", "TRUE", " "}) {
      assertThatThrownBy(
              () ->
                  REGISTRY.applyOptions(
                      Platform.RUNFLOW, Map.of("nodeRuns", value), builder(Platform.RUNFLOW)))
          .as(value)
          .isInstanceOfSatisfying(
              SourceConnectionInvalidException.class,
              e ->
                  assertThat(e.problems())
                      .containsExactly("option nodeRuns must be true or false"));
    }
  }

  @Test
  void apply_whenAlloyGenerationUnknown_namesTheThreeItKnows() {
    assertThatThrownBy(
            () ->
                REGISTRY.applyOptions(
                    Platform.ALLOY, Map.of("generation", "2022-01"), builder(Platform.ALLOY)))
        .isInstanceOfSatisfying(
            SourceConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly("option generation must be 2025-09, 2024-03 or 2023-12"));
  }

  @Test
  void apply_whenWebhook_refuses() {
    assertThatThrownBy(
            () -> REGISTRY.applyOptions(Platform.WEBHOOK, Map.of(), builder(Platform.WEBHOOK)))
        .hasMessageContaining("is not polled");
  }

  private static final PlatformRegistry REGISTRY = PlatformRegistry.builtIn();

  private static SourceConnection.Builder builder(Platform platform) {
    return SourceConnection.builder(platform).tenantId("t").connectionId("c").apiKey(KEY);
  }
}
