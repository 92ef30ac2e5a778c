package dev.errorbridge.connector.connection;

import dev.errorbridge.connector.mapping.MappingOptions;
import java.time.Instant;
import java.util.Objects;

/**
 * A customer's link from one workflow platform to one EventBridge bus, with the on/off toggle.
 * Secrets are held only as ciphertexts ({@link StoredSecret}).
 *
 * @param id the connection id (globally unique; webhooks address it alone)
 * @param tenantId the tenant that owns it
 * @param name a display name
 * @param enabled the toggle: when off nothing is read or published
 * @param source what it watches
 * @param webhook how it receives pushed failures
 * @param destination where it publishes
 * @param mapping how its events are built (Source name, raw payload, size budget)
 * @param health its health and counters
 * @param createdAt when it was created
 * @param updatedAt when its settings last changed
 * @param version the settings' version, for optimistic concurrency (starts at 1)
 */
public record Connection(
    String id,
    String tenantId,
    String name,
    boolean enabled,
    ConnectionSource source,
    ConnectionWebhook webhook,
    ConnectionDestination destination,
    MappingOptions mapping,
    ConnectionHealth health,
    Instant createdAt,
    Instant updatedAt,
    long version) {
  public Connection {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    webhook = webhook == null ? ConnectionWebhook.none() : webhook;
    mapping = mapping == null ? MappingOptions.defaults() : mapping;
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** The same connection with another health record. */
  public Connection withHealth(ConnectionHealth newHealth) {
    return new Connection(
        id,
        tenantId,
        name,
        enabled,
        source,
        webhook,
        destination,
        mapping,
        newHealth,
        createdAt,
        updatedAt,
        version);
  }
}
