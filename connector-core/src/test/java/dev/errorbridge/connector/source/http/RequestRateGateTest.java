package dev.errorbridge.connector.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.time.Deadline;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestRateGateTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-02-03T10:00:00Z"));
  private final RequestRateGate gate =
      new RequestRateGate(3, Duration.ofSeconds(60), clock, clock.sleeper());
  private final Deadline far = Deadline.after(Duration.ofMinutes(10), clock);

  @Test
  void acquire_whenWithinTheBudget_doesNotWait() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      assertThat(gate.acquire(far)).isTrue();
    }
    assertThat(clock.slept()).isZero();
  }

  @Test
  void acquire_whenBudgetSpent_waitsForTheWindowToEnd() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      gate.acquire(far);
    }
    clock.advance(Duration.ofSeconds(20));

    assertThat(gate.acquire(far)).isTrue();
    assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void acquire_whenServerSaysNoneLeft_waitsUntilItsReset() throws InterruptedException {
    gate.acquire(far);
    gate.observe(headers(Map.of("RateLimit-Remaining", "0", "RateLimit-Reset", "9")));

    assertThat(gate.acquire(far)).isTrue();
    assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void acquire_whenLegacyHeadersSayNoneLeft_waitsTheWholeWindow() throws InterruptedException {
    gate.acquire(far);
    gate.observe(headers(Map.of("X-RateLimit-Remaining", "0")));

    gate.acquire(far);
    assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void acquire_whenServerHasRoom_followsOurOwnShare() throws InterruptedException {
    gate.observe(headers(Map.of("RateLimit-Remaining", "97", "RateLimit-Reset", "50")));
    for (int i = 0; i < 4; i++) {
      gate.acquire(far);
    }
    assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void acquire_whenPausedAfter429_waitsThePause() throws InterruptedException {
    gate.pauseFor(Duration.ofSeconds(30));

    gate.acquire(far);
    assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void acquire_whenWaitWouldPassTheDeadline_refusesWithoutWaiting() throws InterruptedException {
    gate.pauseFor(Duration.ofSeconds(30));

    assertThat(gate.acquire(Deadline.after(Duration.ofSeconds(10), clock))).isFalse();
    assertThat(clock.slept()).isZero();
  }

  @Test
  void acquire_whenClockDoesNotMoveWhileSleeping_stillReturns() throws InterruptedException {
    RequestRateGate stuck = new RequestRateGate(1, Duration.ofSeconds(60), clock, d -> {});
    stuck.acquire(far);

    assertThat(stuck.acquire(far)).isTrue();
  }

  private static HttpHeaders headers(Map<String, String> values) {
    Map<String, List<String>> multi = new HashMap<>();
    values.forEach((name, value) -> multi.put(name, List.of(value)));
    return HttpHeaders.of(multi, (a, b) -> true);
  }
}
