package dev.errorbridge.connector.store.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.ConnectionDestination;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.connection.ConnectionWebhook;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.connection.StoredSecret;
import dev.errorbridge.connector.mapping.MappingOptions;
import dev.errorbridge.connector.secrets.EncryptedSecret;
import dev.errorbridge.connector.store.StoreDataInvalidException;
import java.net.URI;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON document a connection's settings are stored as (attribute {@code settings}). Written
 * field by field rather than by reflection so that the stored form is a deliberate, versioned
 * format ({@code "format": 1}) that renaming a Java field cannot silently change. Secrets appear
 * only as KMS ciphertexts with their hints.
 */
final class ConnectionDocument {
  static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The parts of a connection its document holds. */
  record Settings(
      String name,
      ConnectionSource source,
      ConnectionWebhook webhook,
      ConnectionDestination destination,
      MappingOptions mapping) {}

  private ConnectionDocument() {}

  static String write(Settings settings) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("name", settings.name());
    root.set("source", source(settings.source()));
    root.set("webhook", webhook(settings.webhook()));
    root.set("destination", destination(settings.destination()));
    ObjectNode mapping = root.putObject("mapping");
    mapping.put("sourceName", settings.mapping().sourceName());
    mapping.put("includeRawPayload", settings.mapping().includeRawPayload());
    mapping.put("maxEntrySizeBytes", settings.mapping().maxEntrySizeBytes());
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a connection document", e);
    }
  }

  static Settings read(String json, String connectionId) {
    try {
      JsonNode root = JSON.readTree(json);
      int format = root.path("format").asInt();
      if (format != FORMAT) {
        throw new StoreDataInvalidException(
            "connection "
                + connectionId
                + " is stored in format "
                + format
                + ", this version reads "
                + FORMAT
                + "; upgrade Errorbridge");
      }
      MappingOptions mapping =
          MappingOptions.builder()
              .sourceName(text(root.path("mapping"), "sourceName"))
              .includeRawPayload(root.path("mapping").path("includeRawPayload").asBoolean())
              .maxEntrySizeBytes(
                  root.path("mapping")
                      .path("maxEntrySizeBytes")
                      .asInt(MappingOptions.DEFAULT_MAX_ENTRY_SIZE_BYTES))
              .build();
      return new Settings(
          text(root, "name"),
          readSource(root.path("source")),
          readWebhook(root.path("webhook")),
          readDestination(root.path("destination")),
          mapping);
    } catch (JsonProcessingException | RuntimeException e) {
      if (e instanceof StoreDataInvalidException invalid) {
        throw invalid;
      }
      throw new StoreDataInvalidException(
          "connection " + connectionId + " has an unreadable settings document: " + e.getMessage(),
          e);
    }
  }

  private static ObjectNode source(ConnectionSource source) {
    ObjectNode node = JSON.createObjectNode();
    node.put("platform", source.platform().id());
    node.put("baseUrl", source.baseUrl() == null ? null : source.baseUrl().toString());
    node.set("apiKey", secret(source.apiKey()));
    ArrayNode outcomes = node.putArray("outcomes");
    source.outcomes().stream().sorted().forEach(o -> outcomes.add(o.name()));
    ArrayNode workflows = node.putArray("workflowIds");
    source.workflowIds().stream().sorted().forEach(workflows::add);
    putStringMap(node, "options", source.options());
    return node;
  }

  private static ConnectionSource readSource(JsonNode node) {
    Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
    node.path("outcomes").forEach(o -> outcomes.add(Outcome.valueOf(o.asText())));
    Set<String> workflows = new LinkedHashSet<>();
    node.path("workflowIds").forEach(w -> workflows.add(w.asText()));
    String baseUrl = text(node, "baseUrl");
    return new ConnectionSource(
        Platform.valueOf(node.path("platform").asText().toUpperCase(Locale.ROOT)),
        baseUrl == null ? null : URI.create(baseUrl),
        readSecret(node.path("apiKey")),
        outcomes,
        workflows,
        stringMap(node.path("options")));
  }

  private static ObjectNode webhook(ConnectionWebhook webhook) {
    ObjectNode node = JSON.createObjectNode();
    node.set("secret", secret(webhook.secret()));
    node.set("previousSecret", secret(webhook.previousSecret()));
    putStringMap(node, "fieldMapping", webhook.fieldMapping());
    return node;
  }

  private static ConnectionWebhook readWebhook(JsonNode node) {
    return new ConnectionWebhook(
        readSecret(node.path("secret")),
        readSecret(node.path("previousSecret")),
        stringMap(node.path("fieldMapping")));
  }

  private static ObjectNode destination(ConnectionDestination destination) {
    ObjectNode node = JSON.createObjectNode();
    node.put("region", destination.region());
    node.put("eventBus", destination.eventBus());
    ObjectNode auth = node.putObject("auth");
    auth.put("mode", destination.auth().mode().name());
    // Ambient has nothing to store: the runtime's own credentials.
    if (destination.auth() instanceof DestinationAuth.AccessKeys keys) {
      auth.put("accessKeyId", keys.accessKeyId());
      auth.set("secretAccessKey", secret(keys.secretAccessKey()));
      auth.set("sessionToken", secret(keys.sessionToken()));
    } else if (destination.auth() instanceof DestinationAuth.AssumeRole role) {
      auth.put("roleArn", role.roleArn());
      auth.put("externalId", role.externalId());
    } else if (destination.auth() instanceof DestinationAuth.PartnerEventSource partner) {
      auth.put("accountId", partner.accountId());
    }
    return node;
  }

  private static ConnectionDestination readDestination(JsonNode node) {
    JsonNode auth = node.path("auth");
    DestinationAuth.AuthMode mode = DestinationAuth.AuthMode.valueOf(auth.path("mode").asText());
    DestinationAuth destinationAuth =
        switch (mode) {
          case ACCESS_KEYS ->
              new DestinationAuth.AccessKeys(
                  text(auth, "accessKeyId"),
                  readSecret(auth.path("secretAccessKey")),
                  readSecret(auth.path("sessionToken")));
          case ASSUME_ROLE ->
              new DestinationAuth.AssumeRole(text(auth, "roleArn"), text(auth, "externalId"));
          case AMBIENT -> new DestinationAuth.Ambient();
          case PARTNER_EVENT_SOURCE ->
              new DestinationAuth.PartnerEventSource(text(auth, "accountId"));
        };
    return new ConnectionDestination(text(node, "region"), text(node, "eventBus"), destinationAuth);
  }

  private static JsonNode secret(StoredSecret secret) {
    if (secret == null) {
      return JSON.nullNode();
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("keyId", secret.encrypted().keyId());
    node.put("ciphertext", secret.encrypted().ciphertextBase64());
    node.put("hint", secret.hint());
    return node;
  }

  private static StoredSecret readSecret(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    return new StoredSecret(
        new EncryptedSecret(
            text(node, "keyId"), Base64.getDecoder().decode(node.path("ciphertext").asText())),
        text(node, "hint"));
  }

  /**
   * Writes {@code map} as member {@code name}, sorted by key so that equal settings store alike.
   */
  private static void putStringMap(ObjectNode node, String name, Map<String, String> map) {
    ObjectNode object = node.putObject(name);
    map.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> object.put(e.getKey(), e.getValue()));
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      map.put(e.getKey(), e.getValue().asText());
    }
    return map;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }
}
