package dev.errorbridge.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The stack reads the pattern files from the classpath exactly as they are in {@code patterns/}.
 */
class EventPatternsTest {
  @Test
  void load_readsEveryPatternFileFromTheClasspathUnchanged() {
    SampleFiles.patterns()
        .forEach(
            (name, file) ->
                assertThat((JsonNode) SampleFiles.JSON.valueToTree(EventPatterns.load(name)))
                    .as(name)
                    .isEqualTo(file));
  }

  @Test
  void load_unknownPattern_saysWhichFileToAdd() {
    assertThatThrownBy(() -> EventPatterns.load("no-such-pattern"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("samples/patterns/no-such-pattern.json");
  }
}
