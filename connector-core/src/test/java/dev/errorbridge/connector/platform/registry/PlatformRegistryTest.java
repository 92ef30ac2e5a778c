package dev.errorbridge.connector.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.PlatformPlugin;
import dev.errorbridge.connector.platform.PollSupport;
import dev.errorbridge.connector.platform.alloy.AlloyPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The registry is the one list of platforms, and the published documents agree with it. */
class PlatformRegistryTest {
  private static final PlatformRegistry REGISTRY = PlatformRegistry.builtIn();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void openApi_whenItEnumeratesPlatforms_listsExactlyTheRegisteredOnes() throws IOException {
    String document = resource("/openapi/settings-api.yaml");
    Matcher m =
        Pattern.compile("platform: \\{type: string, enum: \\[([^\\]]*)\\]").matcher(document);

    assertThat(m.find()).as("the source.platform enum of the OpenAPI document").isTrue();
    assertThat(Arrays.stream(m.group(1).split(",")).map(String::trim).toList())
        .isEqualTo(REGISTRY.ids());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/schema/failed-execution-v1.schema.json",
        "/schema/connection-test-v1.schema.json"
      })
  void jsonSchema_whenItEnumeratesPlatforms_listsExactlyTheRegisteredOnes(String schema)
      throws IOException {
    List<List<String>> enums = new ArrayList<>();
    collectPlatformEnums(JSON.readTree(resource(schema)), enums);

    assertThat(enums).as("platform enums in " + schema).isNotEmpty();
    assertThat(enums).allSatisfy(e -> assertThat(e).isEqualTo(REGISTRY.ids()));
  }

  @Test
  void plugins_whenPolled_haveOptionsOfTheirOwnPlatform() {
    for (PlatformPlugin plugin : REGISTRY.plugins()) {
      assertThat(Platform.ID.matcher(plugin.platform().id()).matches()).isTrue();
      plugin
          .polling()
          .map(PollSupport::defaultOptions)
          .ifPresent(o -> assertThat(o.platform()).isEqualTo(plugin.platform()));
      assertThat(plugin.polling().isPresent() || plugin.webhooks().isPresent())
          .as(plugin.platform().id() + " is polled or pushes")
          .isTrue();
    }
  }

  @Test
  void constructor_whenTwoPluginsShareAnId_refuses() {
    assertThatThrownBy(() -> new PlatformRegistry(List.of(new AlloyPlugin(), new AlloyPlugin())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two platform plug-ins have the id alloy");
  }

  @Test
  void platform_whenIdIsUnknownOrInAnotherCase_findsOnlyRegisteredOnes() {
    assertThat(REGISTRY.platform("ALLOY")).contains(Platform.ALLOY);
    assertThat(REGISTRY.platform("zapier")).isEmpty();
    assertThat(REGISTRY.platform(null)).isEmpty();
  }

  @Test
  void idList_whenJoined_endsWithTheSeparatorGiven() {
    assertThat(REGISTRY.idList(" or ")).endsWith(" or webhook").startsWith("alloy, dify");
  }

  private static void collectPlatformEnums(JsonNode node, List<List<String>> into) {
    if (node.isObject()) {
      JsonNode platform = node.get("platform");
      if (platform != null && platform.has("enum")) {
        List<String> values = new ArrayList<>();
        platform.get("enum").forEach(v -> values.add(v.asText()));
        into.add(values);
      }
      node.elements().forEachRemaining(child -> collectPlatformEnums(child, into));
    } else if (node.isArray()) {
      node.forEach(child -> collectPlatformEnums(child, into));
    }
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = PlatformRegistryTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
