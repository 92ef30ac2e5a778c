package dev.errorbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.PlatformPlugin;
import dev.errorbridge.connector.platform.registry.PlatformRegistry;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MappingOptionsTest {

  static Stream<Platform> platforms() {
    return PlatformRegistry.builtIn().plugins().stream().map(PlatformPlugin::platform);
  }

  @ParameterizedTest
  @MethodSource("platforms")
  void sourceNameFor_whenUnset_isErrorbridgeDotPlatformId(Platform platform) {
    assertThat(MappingOptions.defaults().sourceNameFor(platform))
        .isEqualTo("errorbridge." + platform.id());
  }

  @Test
  void defaults_whenNothingSet_areNoRawAnd256Kb() {
    MappingOptions options = MappingOptions.builder().build();

    assertThat(options.sourceName()).isNull();
    assertThat(options.includeRawPayload()).isFalse();
    assertThat(options.maxEntrySizeBytes()).isEqualTo(262_144);
    assertThat(options).isEqualTo(MappingOptions.defaults());
  }

  @Test
  void sourceNameFor_whenSet_isTheSameForEveryPlatform() {
    MappingOptions options = MappingOptions.builder().sourceName("com.example.workflows").build();

    assertThat(options.sourceNameFor(Platform.DIFY)).isEqualTo("com.example.workflows");
    assertThat(options.sourceNameFor(Platform.ALLOY)).isEqualTo("com.example.workflows");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "errorbridge.dify", "acme/ops_team-1.workflows", "AWSome.events"})
  void build_whenSourceNameIsValid_keepsIt(String name) {
    assertThat(MappingOptions.builder().sourceName(name).build().sourceName()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"aws.events", "aws.", "AWS.partner/x"})
  void build_whenSourceNameStartsWithAws_refusesIt(String name) {
    assertThatThrownBy(() -> MappingOptions.builder().sourceName(name).build())
        .isInstanceOf(MappingOptionsInvalidException.class)
        .hasMessageContaining("sourceName must not start with 'aws.'")
        .hasMessageContaining("errorbridge.dify");
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "emoji\uD83D\uDE00", "colon:x", "star*"})
  void build_whenSourceNameHasOtherCharacters_namesTheCharacter(String name) {
    assertThatThrownBy(() -> MappingOptions.builder().sourceName(name).build())
        .isInstanceOf(MappingOptionsInvalidException.class)
        .hasMessageContaining("sourceName may contain only letters A-Z a-z, digits and . _ - /");
  }

  @Test
  void build_whenSourceNameIsEmptyOrTooLong_givesTheLimits() {
    assertThatThrownBy(() -> MappingOptions.builder().sourceName("").build())
        .hasMessageContaining("sourceName must be 1 to 256 characters; got 0");
    assertThatThrownBy(() -> MappingOptions.builder().sourceName("a".repeat(257)).build())
        .hasMessageContaining("sourceName must be 1 to 256 characters; got 257");
    assertThat(MappingOptions.builder().sourceName("a".repeat(256)).build().sourceName())
        .hasSize(256);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 1_048_577, Integer.MAX_VALUE})
  void build_whenMaxEntrySizeOutOfRange_namesTheRange(int size) {
    assertThatThrownBy(() -> MappingOptions.builder().maxEntrySizeBytes(size).build())
        .isInstanceOf(MappingOptionsInvalidException.class)
        .hasMessageContaining("maxEntrySizeBytes must be between 1 and 1048576")
        .hasMessageContaining("got " + size);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 262_144, 1_048_576})
  void build_whenMaxEntrySizeInRange_keepsIt(int size) {
    assertThat(MappingOptions.builder().maxEntrySizeBytes(size).build().maxEntrySizeBytes())
        .isEqualTo(size);
  }

  @Test
  void build_whenSeveralSettingsInvalid_reportsEveryOne() {
    assertThatThrownBy(
            () -> MappingOptions.builder().sourceName("aws.x y").maxEntrySizeBytes(0).build())
        .isInstanceOf(MappingOptionsInvalidException.class)
        .extracting(e -> ((MappingOptionsInvalidException) e).problems(), list(String.class))
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).startsWith("sourceName may contain only"))
        .anySatisfy(p -> assertThat(p).startsWith("sourceName must not start with 'aws.'"))
        .anySatisfy(p -> assertThat(p).startsWith("maxEntrySizeBytes must be between"));
  }

  @Test
  void toBuilder_whenOneSettingChanged_keepsTheOthers() {
    MappingOptions options =
        MappingOptions.builder()
            .sourceName("com.example.x")
            .includeRawPayload(true)
            .maxEntrySizeBytes(1000)
            .build();

    MappingOptions changed = options.toBuilder().maxEntrySizeBytes(2000).build();

    assertThat(changed.sourceName()).isEqualTo("com.example.x");
    assertThat(changed.includeRawPayload()).isTrue();
    assertThat(changed.maxEntrySizeBytes()).isEqualTo(2000);
    assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
  }
}
