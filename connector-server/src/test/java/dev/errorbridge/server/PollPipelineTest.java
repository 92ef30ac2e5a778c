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
}
