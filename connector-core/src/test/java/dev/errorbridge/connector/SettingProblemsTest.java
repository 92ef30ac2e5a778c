package dev.errorbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;
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
    new SettingProblems().throwIfAny(FailedExecutionInvalidException::new);
  }
}
