package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.PK;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.SK;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.connection.HealthState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Turns a {@link Connection} into its DynamoDB item's attributes and back. */
final class ConnectionItem {
  static final String ENABLED_PREFIX = "ENABLED#";

  private ConnectionItem() {}

  static Map<String, AttributeValue> key(String connectionId) {
    return Map.of(PK, s("CONN#" + connectionId), SK, s(DynamoDbConnectionStore.SORT_KEY));
  }

  static String tenantKey(String tenantId) {
    return "TENANT#" + tenantId;
  }

  /** The enabled index shard of a connection: stable, and even across shards. */
  static String enabledKey(String connectionId) {
    CRC32 crc = new CRC32();
    crc.update(connectionId.getBytes(StandardCharsets.UTF_8));
    return ENABLED_PREFIX + (crc.getValue() % ConnectionStore.SHARDS);
  }

  /** The attributes a settings update rewrites (everything but keys, createdAt and health). */
  static Map<String, AttributeValue> settingsAttributes(Connection c) {
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    attributes.put("connectionId", s(c.id()));
    attributes.put("tenantId", s(c.tenantId()));
    attributes.put("enabled", AttributeValue.fromBool(c.enabled()));
    attributes.put("version", n(c.version()));
    attributes.put("updatedAt", s(c.updatedAt().toString()));
    attributes.put(
        "settings",
        s(
            ConnectionDocument.write(
                new ConnectionDocument.Settings(
                    c.name(), c.source(), c.webhook(), c.destination(), c.mapping()))));
    return attributes;
  }

  /** The health attributes; absent values are NULL markers the store turns into REMOVE. */
  static Map<String, AttributeValue> healthAttributes(ConnectionHealth h) {
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    attributes.put("healthState", s(h.state().name()));
    attributes.put("healthReason", h.reason() == null ? nul() : s(h.reason()));
    attributes.put("healthSince", s(h.since().toString()));
    attributes.put("consecutiveFailures", n(h.consecutiveFailures()));
    attributes.put(
        "lastDeliveryAt", h.lastDeliveryAt() == null ? nul() : s(h.lastDeliveryAt().toString()));
    attributes.put("delivered", n(h.delivered()));
    attributes.put("deadLettered", n(h.deadLettered()));
    attributes.put("healthFix", h.fix() == null ? nul() : s(h.fix()));
    return attributes;
  }

  static Connection read(Map<String, AttributeValue> item) {
    String id = item.get("connectionId").s();
    ConnectionDocument.Settings settings = ConnectionDocument.read(item.get("settings").s(), id);
    ConnectionHealth health =
        new ConnectionHealth(
            HealthState.valueOf(item.get("healthState").s()),
            optional(item, "healthReason"),
            Instant.parse(item.get("healthSince").s()),
            Integer.parseInt(item.get("consecutiveFailures").n()),
            instant(optional(item, "lastDeliveryAt")),
            Long.parseLong(item.get("delivered").n()),
            Long.parseLong(item.get("deadLettered").n()),
            optional(item, "healthFix"));
    return new Connection(
        id,
        item.get("tenantId").s(),
        settings.name(),
        item.get("enabled").bool(),
        settings.source(),
        settings.webhook(),
        settings.destination(),
        settings.mapping(),
        health,
        Instant.parse(item.get("createdAt").s()),
        Instant.parse(item.get("updatedAt").s()),
        Long.parseLong(item.get("version").n()));
  }

  /**
   * An update expression with its values.
   *
   * @param expression the {@code UpdateExpression}
   * @param values its {@code ExpressionAttributeValues}
   */
  record Update(String expression, Map<String, AttributeValue> values) {}

  /**
   * Adds to the delivery counters atomically ({@code ADD}, so concurrent writers lose nothing); a
   * delivery also records its time and ends a failure streak.
   */
  static Update deliveries(long delivered, long deadLettered, Instant at) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":delivered", AttributeValue.fromN(Long.toString(delivered)));
    values.put(":deadLettered", AttributeValue.fromN(Long.toString(deadLettered)));
    String expression = "ADD delivered :delivered, deadLettered :deadLettered";
    if (delivered > 0) {
      values.put(":at", AttributeValue.fromS(at.toString()));
      values.put(":zero", AttributeValue.fromN("0"));
      expression = "SET lastDeliveryAt = :at, consecutiveFailures = :zero " + expression;
    }
    return new Update(expression, Map.copyOf(values));
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private static AttributeValue nul() {
    return AttributeValue.fromNul(true);
  }

  private static String optional(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.s() == null ? null : value.s();
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
