package dev.errorbridge.connector.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.time.Deadline;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScanRequestTest {
  private static final Instant AFTER = Instant.parse("2026-02-03T09:00:00Z");
  private static final Instant BEFORE = Instant.parse("2026-02-03T10:00:00Z");
  private static final Deadline DEADLINE = new Deadline(BEFORE.plusSeconds(60));

  @Test
  void inWindow_whenAtTheBounds_includesAfterExcludesBefore() {
    ScanRequest request = ScanRequest.failures(AFTER, BEFORE, DEADLINE);

    assertThat(request.inWindow(AFTER)).isTrue();
    assertThat(request.inWindow(BEFORE.minusNanos(1))).isTrue();
    assertThat(request.inWindow(BEFORE)).isFalse();
    assertThat(request.inWindow(AFTER.minusNanos(1))).isFalse();
  }

  @Test
  void wantsWorkflow_whenFilterEmptyOrNamingIt_accepts() {
    ScanRequest all = ScanRequest.failures(AFTER, BEFORE, DEADLINE);
    ScanRequest one = all.withWorkflowIds(Set.of("wf-1"));

    assertThat(all.wantsWorkflow(null)).isTrue();
    assertThat(one.wantsWorkflow("wf-1")).isTrue();
    assertThat(one.wantsWorkflow("wf-2")).isFalse();
    assertThat(one.wantsWorkflow(null)).isFalse();
  }

  @Test
  void new_whenWindowEmptyOrFailedMissing_refusesListingEveryProblem() {
    assertThatThrownBy(() -> new ScanRequest(BEFORE, AFTER, Set.of(Outcome.STOPPED), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("after (2026-02-03T10:00:00Z) must be before before")
        .hasMessageContaining("outcomes must contain FAILED")
        .hasMessageContaining("deadline is required");
  }

  @Test
  void withOutcomes_whenOptingIn_keepsTheRest() {
    ScanRequest request =
        ScanRequest.failures(AFTER, BEFORE, DEADLINE)
            .withWorkflowIds(Set.of("wf"))
            .withOutcomes(Set.of(Outcome.FAILED, Outcome.PARTIAL));

    assertThat(request.outcomes()).containsExactlyInAnyOrder(Outcome.FAILED, Outcome.PARTIAL);
    assertThat(request.workflowIds()).containsExactly("wf");
    assertThat(request.deadline()).isEqualTo(DEADLINE);
  }
}
