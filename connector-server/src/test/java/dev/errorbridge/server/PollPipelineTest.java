package dev.errorbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollPipelineTest {

  @Test
  void config_givesEachCycleTheSchedulesPeriodAMinuteAtLeast() {
    // a cycle that died with the process holds its connection until its budget ends
    assertThat(PollPipeline.config(Duration.ofSeconds(1)).maxCycleDuration())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(PollPipeline.config(Duration.ofMinutes(5)).maxCycleDuration())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(PollPipeline.config(Duration.ofMinutes(5)).minCycleTime())
        .isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void leased_whenTheLeaseIsShort_leavesACycleTimeToStartWithinIt() {
    // a cycle starts only with minCycleTime left of its own budget, the lease
    assertThat(PollPipeline.leased(Duration.ofSeconds(20)).minCycleTime())
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(PollPipeline.leased(Duration.ofSeconds(20)).publishReserve())
        .isEqualTo(Duration.ofMillis(2500));
    assertThat(PollPipeline.leased(Duration.ofMinutes(1)).minCycleTime())
        .isEqualTo(Duration.ofSeconds(20));
  }
}
