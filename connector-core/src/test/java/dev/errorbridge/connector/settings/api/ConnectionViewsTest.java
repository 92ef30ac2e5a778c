package dev.errorbridge.connector.settings.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.testing.TestConnections;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConnectionViewsTest {
  private static final Instant SINCE = Instant.parse("2026-02-03T10:02:00Z");

  @Test
  void connection_whenHealthHasAReasonAndAFix_showsBoth() {
    JsonNode health =
        ConnectionViews.connection(
                withHealth(
                    new ConnectionHealth(
                        HealthState.ERROR,
                        "Polling failing: the last 3 cycles did not complete",
                        SINCE,
                        0,
                        null,
                        7,
                        1,
                        "Check the connection's base URL")),
                2,
                java.util.Optional.empty())
            .get("health");

    assertThat(health.get("state").asText()).isEqualTo("ERROR");
    assertThat(health.get("reason").asText()).startsWith("Polling failing:");
    assertThat(health.get("fix").asText()).isEqualTo("Check the connection's base URL");
    assertThat(health.get("since").asText()).isEqualTo("2026-02-03T10:02:00Z");
    assertThat(health.get("parked").asLong()).isEqualTo(2);
  }

  @Test
  void connection_whenHealthHasNoFix_showsItNull() {
    JsonNode health =
        ConnectionViews.connection(
                withHealth(ConnectionHealth.initial(true, SINCE)), 0, java.util.Optional.empty())
            .get("health");

    assertThat(health.get("fix").isNull()).isTrue();
    assertThat(health.get("reason").isNull()).isTrue();
  }

  private static Connection withHealth(ConnectionHealth health) {
    Connection c = TestConnections.dify("t", "c");
    return new Connection(
        c.id(),
        c.tenantId(),
        c.name(),
        c.enabled(),
        c.source(),
        c.webhook(),
        c.destination(),
        c.mapping(),
        health,
        c.createdAt(),
        c.updatedAt(),
        c.version());
  }
}
