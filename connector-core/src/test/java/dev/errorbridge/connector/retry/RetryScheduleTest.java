package dev.errorbridge.connector.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.store.ParkedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  private static final Instant T0 = Instant.parse("2026-02-03T09:00:00Z");
  private static final DeadLetter.Entry ENTRY =
      new DeadLetter.Entry("errorbridge.test", "Workflow Execution Failed", "{}", List.of(), null);

  @Test
  void backoff_whenDefaults_doublesFrom30SecondsWithinTheJitter() {
    RetrySchedule schedule = RetrySchedule.defaults();

    IntStream.range(0, 50)
        .forEach(
            i -> {
              assertThat(schedule.backoff(1))
                  .isBetween(Duration.ofSeconds(15), Duration.ofSeconds(45));
              assertThat(schedule.backoff(2))
                  .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(90));
              assertThat(schedule.backoff(20))
                  .isBetween(Duration.ofMinutes(30), Duration.ofMinutes(90));
            });
  }

  @Test
  void backoff_whenNoJitter_isExactAndCapped() {
    RetrySchedule schedule =
        RetrySchedule.builder()
            .backoff(Duration.ofSeconds(10), 3.0, 0.0, Duration.ofMinutes(1))
            .build();

    assertThat(schedule.backoff(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(schedule.backoff(2)).isEqualTo(Duration.ofSeconds(30));
    assertThat(schedule.backoff(3)).isEqualTo(Duration.ofMinutes(1));
    assertThat(schedule.nextAttemptAt(T0, 2)).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void backoff_whenAttemptBelowOne_refuses() {
    assertThatThrownBy(() -> RetrySchedule.defaults().backoff(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  @Test
  void exhausted_whenAttemptsOrAgeRunOut_isTrue() {
    RetrySchedule schedule =
        RetrySchedule.builder().maxAttempts(3).maxAge(Duration.ofHours(2)).build();

    assertThat(schedule.exhausted(parked(2, T0), T0.plus(Duration.ofMinutes(119)))).isFalse();
    assertThat(schedule.exhausted(parked(3, T0), T0.plusSeconds(1))).isTrue();
    assertThat(schedule.exhausted(parked(0, T0), T0.plus(Duration.ofHours(2)))).isTrue();
  }

  @Test
  void build_whenEverySettingInvalid_listsEveryProblem() {
    assertThatThrownBy(
            () ->
                RetrySchedule.builder()
                    .backoff(Duration.ZERO, 0.5, 1.0, null)
                    .maxAttempts(0)
                    .maxAge(Duration.ofHours(-1))
                    .build())
        .isInstanceOfSatisfying(
            RetryScheduleInvalidException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(6)
                    .anySatisfy(p -> assertThat(p).contains("initial backoff"))
                    .anySatisfy(p -> assertThat(p).contains("multiplier"))
                    .anySatisfy(p -> assertThat(p).contains("jitter"))
                    .anySatisfy(p -> assertThat(p).contains("maximum backoff"))
                    .anySatisfy(p -> assertThat(p).contains("maxAttempts"))
                    .anySatisfy(p -> assertThat(p).contains("maxAge")));
  }

  @Test
  void toBuilder_keepsEverySetting() {
    RetrySchedule schedule =
        RetrySchedule.builder()
            .backoff(Duration.ofSeconds(5), 1.5, 0.2, Duration.ofMinutes(10))
            .maxAttempts(7)
            .maxAge(Duration.ofHours(6))
            .build();

    assertThat(schedule.toBuilder().build().toString()).isEqualTo(schedule.toString());
  }

  private static ParkedEvent parked(int attempts, Instant parkedAt) {
    return new ParkedEvent("t", "c", "e", ENTRY, attempts, parkedAt, parkedAt);
  }
}
