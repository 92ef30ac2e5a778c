package dev.errorbridge.connector.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryReplayGuardTest {
  private static final Instant NOW = Instant.parse("2026-02-03T09:07:00Z");

  private final MutableClock clock = new MutableClock(NOW);

  @Test
  void firstSeen_whenKeyRepeatedBeforeExpiry_isFalse() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(clock);

    assertThat(guard.firstSeen("c1", "k", NOW.plusSeconds(60))).isTrue();
    assertThat(guard.firstSeen("c1", "k", NOW.plusSeconds(60))).isFalse();
  }

  @Test
  void firstSeen_whenSameKeyOnAnotherConnection_isTrue() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(clock);
    guard.firstSeen("c1", "k", NOW.plusSeconds(60));

    assertThat(guard.firstSeen("c2", "k", NOW.plusSeconds(60))).isTrue();
  }

  @Test
  void firstSeen_whenRecordExpired_isTrueAgain() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(clock);
    guard.firstSeen("c1", "k", NOW.plusSeconds(60));
    clock.advance(Duration.ofSeconds(60));

    assertThat(guard.firstSeen("c1", "k", NOW.plusSeconds(120))).isTrue();
  }

  @Test
  void firstSeen_whenFull_dropsExpiredKeysFirst() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 2);
    guard.firstSeen("c1", "old", NOW.plusSeconds(1));
    guard.firstSeen("c1", "live", NOW.plusSeconds(600));
    clock.advance(Duration.ofSeconds(2));

    assertThat(guard.firstSeen("c1", "new", NOW.plusSeconds(600))).isTrue();
    assertThat(guard.size()).isEqualTo(2);
  }

  @Test
  void firstSeen_whenFullOfLiveKeys_failsClosed() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 1);
    guard.firstSeen("c1", "live", NOW.plusSeconds(600));

    assertThat(guard.firstSeen("c1", "new", NOW.plusSeconds(600))).isFalse();
  }
}
