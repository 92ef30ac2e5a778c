package dev.errorbridge.connector.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AssumeRoleRefreshTest {

  @Test
  void defaults_areOneHourSessionsRefreshedInTheBackground() {
    AssumeRoleRefresh defaults = AssumeRoleRefresh.defaults();

    assertThat(defaults.durationSeconds()).isEqualTo(3600);
    assertThat(defaults.prefetchTime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(defaults.staleTime()).isEqualTo(Duration.ofMinutes(2));
    assertThat(defaults.asyncRefresh()).isTrue();
    assertThat(defaults.withAsyncRefresh(false).asyncRefresh()).isFalse();
  }

  @Test
  void construct_whenTimesInconsistent_listsEveryProblem() {
    assertThatThrownBy(
            () ->
                new AssumeRoleRefresh(
                    Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30), true))
        .isInstanceOfSatisfying(
            CredentialsConfigInvalidException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(3)
                    .anySatisfy(p -> assertThat(p).startsWith("sessionDuration must be whole"))
                    .anySatisfy(p -> assertThat(p).startsWith("prefetchTime must be longer"))
                    .anySatisfy(p -> assertThat(p).startsWith("prefetchTime must be shorter")));
  }

  @Test
  void construct_whenStaleTimeMissing_saysSo() {
    assertThatThrownBy(
            () -> new AssumeRoleRefresh(Duration.ofHours(1), Duration.ofMinutes(5), null, true))
        .isInstanceOf(CredentialsConfigInvalidException.class)
        .hasMessageContaining("staleTime must be positive");
  }
}
