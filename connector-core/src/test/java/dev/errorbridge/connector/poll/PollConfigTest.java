package dev.errorbridge.connector.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollConfigTest {

  @Test
  void defaults_areTheDocumentedOnes() {
    PollConfig config = PollConfig.defaults();

    assertThat(config.defaultInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.initialLookback()).isZero();
    assertThat(config.maxRechecksPerCycle()).isEqualTo(25);
    assertThat(config.errorAfterFailedCycles()).isEqualTo(3);
    assertThat(config.minCycleTime()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void build_whenMinCycleTimeCannotKeepTheWholePublishReserve_saysHowMuchItNeeds() {
    assertThatThrownBy(
            () ->
                PollConfig.builder()
                    .publishReserve(Duration.ofSeconds(10))
                    .minCycleTime(Duration.ofSeconds(30))
                    .errorAfterFailedCycles(0)
                    .build())
        .isInstanceOfSatisfying(
            PollConfigInvalidException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "errorAfterFailedCycles must be between 1 and 100; default 3",
                        "minCycleTime must be at least 4 × publishReserve (40 s), so that a cycle"
                            + " that starts keeps its whole publish reserve"));
  }

  @Test
  void build_whenSeveralSettingsAreInvalid_listsEveryProblem() {
    assertThatThrownBy(
            () ->
                PollConfig.builder()
                    .defaultInterval(Duration.ofSeconds(5))
                    .initialLookback(Duration.ofMinutes(-1))
                    .maxRechecksPerCycle(-1)
                    .maxCycleDuration(Duration.ZERO)
                    .authRetryInterval(null)
                    .backfillChunk(Duration.ofSeconds(1))
                    .build())
        .isInstanceOfSatisfying(
            PollConfigInvalidException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(6)
                    .anySatisfy(p -> assertThat(p).startsWith("defaultInterval"))
                    .anySatisfy(p -> assertThat(p).startsWith("authRetryInterval")));
  }
}
