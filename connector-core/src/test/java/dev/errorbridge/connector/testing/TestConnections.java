package dev.errorbridge.connector.testing;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestination;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.connection.ConnectionWebhook;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.connection.StoredSecret;
import dev.errorbridge.connector.mapping.MappingOptions;
import dev.errorbridge.connector.secrets.EncryptedSecret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Connections for store and service tests, with stand-in ciphertexts (no KMS involved). */
public final class TestConnections {
  public static final Instant CREATED = Instant.parse("2026-11-20T09:00:00Z");

  private TestConnections() {}

  /** An enabled Dify connection with access keys, a webhook secret and non-default mapping. */
  public static Connection dify(String tenantId, String connectionId) {
    return new Connection(
        connectionId,
        tenantId,
        "Dify production",
        true,
        new ConnectionSource(
            Platform.DIFY,
            URI.create("https://api.dify.ai/v1"),
            secret("app-key", "****1234"),
            Set.of(Outcome.FAILED, Outcome.STOPPED),
            Set.of("wf-1", "wf-2"),
            Map.of("appId", "app-77")),
        new ConnectionWebhook(secret("hook", "****abcd"), null, Map.of()),
        new ConnectionDestination(
            "eu-west-1",
            "errorbridge-demo",
            new DestinationAuth.AccessKeys(
                "AKIAIOSFODNN7EXAMPLE", secret("aws-secret", "****EKEY"), null)),
        MappingOptions.builder()
            .sourceName("com.example.workflows")
            .includeRawPayload(true)
            .build(),
        ConnectionHealth.initial(true, CREATED),
        CREATED,
        CREATED,
        1);
  }

  /** {@link #dify} publishing with the runtime's own credentials to the bus {@code ops-alerts}. */
  public static Connection ambient(String tenantId, String connectionId) {
    Connection c = dify(tenantId, connectionId);
    return new Connection(
        c.id(),
        c.tenantId(),
        c.name(),
        c.enabled(),
        c.source(),
        c.webhook(),
        new ConnectionDestination("eu-west-1", "ops-alerts", new DestinationAuth.Ambient()),
        c.mapping(),
        c.health(),
        c.createdAt(),
        c.updatedAt(),
        c.version());
  }

  /** A stand-in ciphertext; the store never decrypts, so any bytes do. */
  public static StoredSecret secret(String bytes, String hint) {
    return new StoredSecret(
        new EncryptedSecret("alias/test", bytes.getBytes(StandardCharsets.UTF_8)), hint);
  }

  /** {@code c} switched on or off, everything else as it is. */
  public static Connection withEnabled(Connection c, boolean enabled) {
    return new Connection(
        c.id(),
        c.tenantId(),
        c.name(),
        enabled,
        c.source(),
        c.webhook(),
        c.destination(),
        c.mapping(),
        c.health(),
        c.createdAt(),
        c.updatedAt(),
        c.version());
  }

  /** {@code c} reading {@code source}, everything else as it is. */
  public static Connection withSource(Connection c, ConnectionSource source) {
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
