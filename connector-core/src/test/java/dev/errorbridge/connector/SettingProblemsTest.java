package dev.errorbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SettingProblemsTest {

  @Test
  void requireText_whenMissingOrBlank_notesTheFieldAsRequired() {
    SettingProblems problems = new SettingProblems();

    assertThat(problems.requireText(null, "tenantId")).isFalse();
    assertThat(problems.requireText("  ", "connectionId")).isFalse();
    assertThat(problems.requireText("t-1", "name")).isTrue();

    assertThat(problems.list())
        .containsExactly(
            "tenantId is required and must not be blank",
            "connectionId is required and must not be blank");
  }

  @Test
  void throwIfAny_whenProblemsWereNoted_throwsThemAllInOrder() {
    SettingProblems problems = new SettingProblems();
    problems.check(false, "a is wrong");
    problems.check(true, "b is wrong");
    problems.check(false, "c is wrong");

    assertThatThrownBy(() -> problems.throwIfAny(FailedExecutionInvalidException::new))
        .isInstanceOfSatisfying(
            FailedExecutionInvalidException.class,
            e -> assertThat(e.problems()).containsExactly("a is wrong", "c is wrong"));
  }

  @Test
  void throwIfAny_whenNoProblem_doesNothing() {
    assertThatCode(() -> new SettingProblems().throwIfAny(FailedExecutionInvalidException::new))
        .doesNotThrowAnyException();
  }

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
