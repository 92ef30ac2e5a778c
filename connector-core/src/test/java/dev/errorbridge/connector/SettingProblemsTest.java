package dev.errorbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SettingProblemsTest {

  /** A record of collaborators, as the services that code wires take them. */
  record Parts(String store, Integer limit, Object clock) {}

  @Test
  void requireAll_whenPartsMissing_namesEveryOneInOrder() {
    assertThatThrownBy(() -> SettingProblems.requireAll("Service", new Parts(null, 3, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Service needs store, clock; set them in its parts");
  }

  @Test
  void requireAll_whenEveryPartIsThere_returnsTheParts() {
    Parts parts = new Parts("table", 3, new Object());

    assertThat(SettingProblems.requireAll("Service", parts)).isSameAs(parts);
  }

  @Test
  void requireParts_whenPartsMissing_notesEachAsRequired() {
    SettingProblems problems = new SettingProblems();

    problems.requireParts(new Parts("table", null, null));

    assertThat(problems.list()).containsExactly("limit is required", "clock is required");
  }
}
