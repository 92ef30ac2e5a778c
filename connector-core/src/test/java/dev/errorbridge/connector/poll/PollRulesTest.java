package dev.errorbridge.connector.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.testing.TestConnections;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PollRulesTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final PollConfig CONFIG = PollConfig.defaults();

  @Test
  void due_whenNeverPolled_isDue() {
    assertThat(PollRules.due(connection(Map.of()), null, T0, CONFIG)).isTrue();
  }

  @Test
  void due_afterACycle_isDueOnceThreeQuartersOfTheIntervalPassed() {
    Checkpoint polled = lastScanAt(T0);

    assertThat(PollRules.due(connection(Map.of()), polled, T0.plusSeconds(44), CONFIG)).isFalse();
    assertThat(PollRules.due(connection(Map.of()), polled, T0.plusSeconds(45), CONFIG)).isTrue();
  }

  @Test
  void interval_whenTheConnectionSetsOne_usesItWithinTheBounds() {
    assertThat(PollRules.interval(connection(Map.of("pollInterval", "PT5M")), CONFIG))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(PollRules.interval(connection(Map.of("pollInterval", "PT1S")), CONFIG))
        .isEqualTo(PollConfig.MIN_INTERVAL);
    assertThat(PollRules.interval(connection(Map.of("pollInterval", "P30D")), CONFIG))
        .isEqualTo(PollConfig.MAX_INTERVAL);
    assertThat(PollRules.interval(connection(Map.of("pollInterval", "often")), CONFIG))
        .isEqualTo(CONFIG.defaultInterval());
  }

  @Test
  void due_whileACycleHoldsTheCheckpointOrBeforeNotBefore_isNotDue() {
    Checkpoint held = new Checkpoint("c-1", T0, List.of(), null, null, T0.plusSeconds(30), 3);
    Checkpoint limited =
        new Checkpoint(
            "c-1",
            T0,
            List.of(),
            new Checkpoint.ScanOutcome(T0.minusSeconds(600), false, "429"),
            T0.plusSeconds(60),
            null,
            3);

    assertThat(PollRules.due(connection(Map.of()), held, T0, CONFIG)).isFalse();
    assertThat(PollRules.due(connection(Map.of()), held, T0.plusSeconds(30), CONFIG)).isTrue();
    assertThat(PollRules.due(connection(Map.of()), limited, T0, CONFIG)).isFalse();
    assertThat(PollRules.due(connection(Map.of()), limited, T0.plusSeconds(60), CONFIG)).isTrue();
  }

  @Test
  void notBeforePassed_whenInErrorAndTheSettingsChangedSince_triesAtOnce() {
    Checkpoint refused =
        new Checkpoint(
            "c-1",
            T0,
            List.of(),
            new Checkpoint.ScanOutcome(T0, false, "401"),
            T0.plus(Duration.ofMinutes(15)),
            null,
            3);
    Connection inError =
        connection(Map.of())
            .withHealth(new ConnectionHealth(HealthState.ERROR, "401", T0, 0, null, 0, 0));

    assertThat(PollRules.notBeforePassed(inError, refused, T0.plusSeconds(60))).isFalse();
    assertThat(
            PollRules.notBeforePassed(
                updatedAt(inError, T0.plusSeconds(30)), refused, T0.plusSeconds(60)))
        .isTrue();
    assertThat(
            PollRules.notBeforePassed(
                updatedAt(connection(Map.of()), T0.plusSeconds(30)), refused, T0.plusSeconds(60)))
        .isFalse();
  }

  @Test
  void notPolledBecause_whenWebhookOnlyPausedOrSuspended_saysWhy() {
    Connection dify = connection(Map.of());
    Connection webhookOnly =
        withSource(dify, new ConnectionSource(Platform.WEBHOOK, null, null, null, null, null));
    Connection noKey =
        withSource(
            dify,
            new ConnectionSource(Platform.DIFY, null, null, null, null, Map.of("appId", "a")));
    Connection suspended =
        dify.withHealth(new ConnectionHealth(HealthState.SUSPENDED, "denied", T0, 5, null, 0, 0));

    assertThat(PollRules.notPolledBecause(dify)).isNull();
    assertThat(PollRules.notPolledBecause(webhookOnly)).contains("webhook-only");
    assertThat(PollRules.notPolledBecause(noKey)).contains("no platform API key");
    assertThat(PollRules.notPolledBecause(suspended)).contains("SUSPENDED (denied)");
    assertThat(PollRules.due(suspended, null, T0, CONFIG)).isFalse();
  }

  private static Checkpoint lastScanAt(Instant at) {
    return new Checkpoint(
        "c-1", at, List.of(), new Checkpoint.ScanOutcome(at, true, null), null, null, 2);
  }

  private static Connection connection(Map<String, String> options) {
    Connection c = TestConnections.dify("tenant-a", "c-1");
    java.util.Map<String, String> all = new java.util.HashMap<>(c.source().options());
    all.putAll(options);
    ConnectionSource s = c.source();
    return withSource(
        c,
        new ConnectionSource(
            s.platform(), s.baseUrl(), s.apiKey(), s.outcomes(), s.workflowIds(), all));
  }

  private static Connection updatedAt(Connection c, Instant at) {
    return new Connection(
        c.id(),
        c.tenantId(),
        c.name(),
        c.enabled(),
        c.source(),
        c.webhook(),
        c.destination(),
        c.mapping(),
        c.health(),
        c.createdAt(),
        at,
        c.version() + 1);
  }

  private static Connection withSource(Connection c, ConnectionSource source) {
    return new Connection(
        c.id(),
        c.tenantId(),
        c.name(),
        c.enabled(),
        source,
        c.webhook(),
        c.destination(),
        c.mapping(),
        c.health(),
        c.createdAt(),
        c.updatedAt(),
        c.version());
  }
}
