package dev.errorbridge.lambda;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestination;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.connection.ConnectionWebhook;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.connection.StoredSecret;
import dev.errorbridge.connector.mapping.MappingOptions;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.secrets.SecretPurpose;
import dev.errorbridge.connector.secrets.SecretRef;
import dev.errorbridge.connector.secrets.SecretValue;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Polled Dify connections stored straight into the table (as the settings API would store them,
 * minus its check that base URLs are public: the platform here is WireMock on loopback).
 */
final class PollConnections {
  static final String APP = "3c9f5a1e-8d42-4b7e-a6f0-1e2d3c4b5a69";
  static final SecretValue KEY = SecretValue.of("app-CANARYPLATFORMKEY0001");

  private PollConnections() {}

  /** An enabled Dify connection of tenant acme reading {@code <origin>/<id>/v1}. */
  static Connection dify(ConnectorComponents components, String id, String origin) {
    return create(components, id, origin, HealthState.ACTIVE);
  }

  static Connection create(
      ConnectorComponents components, String id, String origin, HealthState state) {
    Instant now = Instant.now();
    StoredSecret key =
        new StoredSecret(
            components
                .cipher()
                .encrypt(new SecretRef("acme", id, SecretPurpose.PLATFORM_API_KEY), KEY),
            KEY.hint());
    ConnectionHealth initial = ConnectionHealth.initial(true, now);
    ConnectionHealth health =
        new ConnectionHealth(
            state,
            state == HealthState.ACTIVE ? null : "suspended by the test",
            now,
            0,
            null,
            0,
            0);
    return components
        .connections()
        .create(
            new Connection(
                id,
                "acme",
                "Dify " + id,
                true,
                new ConnectionSource(
                    Platform.DIFY,
                    URI.create(origin + "/" + id + "/v1"),
                    key,
                    Set.of(Outcome.FAILED),
                    Set.of(),
                    Map.of("appId", APP)),
                ConnectionWebhook.none(),
                new ConnectionDestination(
                    TestStack.REGION.id(), TestStack.BUS, new DestinationAuth.Ambient()),
                MappingOptions.defaults(),
                state == HealthState.ACTIVE ? initial : health,
                now,
                now,
                1));
  }
}
