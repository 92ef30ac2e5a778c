package dev.errorbridge.connector.settings.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.audit.AuditRecord;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.connection.StoredSecret;
import dev.errorbridge.connector.settings.AccessLinks;
import dev.errorbridge.connector.settings.ConnectionTestReport;
import dev.errorbridge.connector.settings.WebhookBaseUrl;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * A connection as the API shows it. Secrets are write-only: a response says whether each is set and
 * shows its masked hint, never a ciphertext or a plaintext.
 */
final class ConnectionViews {
  static final ObjectMapper JSON = new ObjectMapper();

  private ConnectionViews() {}

  /**
   * @param parked the connection's events waiting in the outbox now (parked for a retry, or being
   *     published)
   * @param webhookBase where the deployment's webhooks are reached, if it knows
   */
  static ObjectNode connection(Connection c, long parked, Optional<WebhookBaseUrl> webhookBase) {
    return connection(c, parked, webhookBase, AccessLinks.none());
  }

  /**
   * @param accessLinks gives an ASSUME_ROLE connection its quick-create link ({@code
   *     destination.auth.quickCreateLink})
   */
  static ObjectNode connection(
      Connection c, long parked, Optional<WebhookBaseUrl> webhookBase, AccessLinks accessLinks) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", c.id());
    node.put("tenantId", c.tenantId());
    node.put("name", c.name());
    node.put("enabled", c.enabled());
    ObjectNode source = node.putObject("source");
    source.put("platform", c.source().platform().id());
    source.put("baseUrl", c.source().baseUrl() == null ? null : c.source().baseUrl().toString());
    source.set("apiKey", secret(c.source().apiKey()));
    ArrayNode outcomes = source.putArray("outcomes");
    c.source().outcomes().stream().sorted().forEach(o -> outcomes.add(o.name()));
    ArrayNode workflows = source.putArray("workflowIds");
    c.source().workflowIds().stream().sorted().forEach(workflows::add);
    strings(source.putObject("options"), c.source().options());
    ObjectNode webhook = node.putObject("webhook");
    webhook.put("enabled", c.webhook().enabled());
    webhook.put("path", "/webhooks/" + c.id());
    webhookBase.ifPresent(base -> webhook.put("url", base.forConnection(c.id()).toString()));
    webhook.set("secret", secret(c.webhook().secret()));
    webhook.set("previousSecret", secret(c.webhook().previousSecret()));
    strings(webhook.putObject("fieldMapping"), c.webhook().fieldMapping());
    ObjectNode destination = node.putObject("destination");
    destination.put("region", c.destination().region());
    destination.put("eventBus", c.destination().eventBus());
    ObjectNode auth = auth(c.destination().auth());
    accessLinks.forConnection(c).ifPresent(link -> auth.put("quickCreateLink", link.toString()));
    destination.set("auth", auth);
    ObjectNode mapping = node.putObject("mapping");
    // PutPartnerEvents sends every entry with the partner event source's name as its Source.
    mapping.put(
        "sourceName",
        c.destination().auth() instanceof DestinationAuth.PartnerEventSource
            ? c.destination().eventBus()
            : c.mapping().sourceNameFor(c.source().platform()));
    mapping.put("includeRawPayload", c.mapping().includeRawPayload());
    mapping.put("maxEntrySizeBytes", c.mapping().maxEntrySizeBytes());
    ObjectNode health = health(c.health());
    health.put("parked", parked);
    node.set("health", health);
    node.put("createdAt", c.createdAt().toString());
    node.put("updatedAt", c.updatedAt().toString());
    node.put("version", c.version());
    return node;
  }

  static ObjectNode page(
      List<Connection> connections,
      String nextCursor,
      ToLongFunction<String> parked,
      Optional<WebhookBaseUrl> webhookBase) {
    return page(connections, nextCursor, parked, webhookBase, AccessLinks.none());
  }

  static ObjectNode page(
      List<Connection> connections,
      String nextCursor,
      ToLongFunction<String> parked,
      Optional<WebhookBaseUrl> webhookBase,
      AccessLinks accessLinks) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode items = node.putArray("connections");
    connections.forEach(
        c -> items.add(connection(c, parked.applyAsLong(c.id()), webhookBase, accessLinks)));
    node.put("nextCursor", nextCursor);
    return node;
  }

  static ObjectNode testReport(ConnectionTestReport report) {
    ObjectNode node = JSON.createObjectNode();
    node.put("connectionId", report.connectionId());
    node.put("ok", report.ok());
    ArrayNode steps = node.putArray("steps");
    for (ConnectionTestReport.Step step : report.steps()) {
      ObjectNode s = steps.addObject();
      s.put("name", step.name());
      s.put("status", step.status().name());
      s.put("detail", step.detail());
      s.put("fix", step.fix());
    }
    return node;
  }

  static ObjectNode audit(List<AuditRecord> records) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode items = node.putArray("records");
    for (AuditRecord r : records) {
      ObjectNode item = items.addObject();
      item.put("at", r.at().toString());
      item.put("actor", r.actor());
      item.put("action", r.action().name());
      ArrayNode fields = item.putArray("changedFields");
      r.changedFields().forEach(fields::add);
      item.put("note", r.note());
    }
    return node;
  }

  private static ObjectNode auth(DestinationAuth auth) {
    ObjectNode node = JSON.createObjectNode();
    node.put("mode", auth.mode().name());
    if (auth instanceof DestinationAuth.AccessKeys keys) {
      node.put("accessKeyId", keys.accessKeyIdHint());
      node.set("secretAccessKey", secret(keys.secretAccessKey()));
      node.set("sessionToken", secret(keys.sessionToken()));
    } else if (auth instanceof DestinationAuth.AssumeRole role) {
      node.put("roleArn", role.roleArn());
      // Not a secret: the customer puts it in the role's trust policy (sts:ExternalId).
      node.put("externalId", role.externalId());
    } else if (auth instanceof DestinationAuth.PartnerEventSource partner) {
      node.put("accountId", partner.accountId());
    }
    return node;
  }

  private static ObjectNode health(ConnectionHealth h) {
    ObjectNode node = JSON.createObjectNode();
    node.put("state", h.state().name());
    node.put("reason", h.reason());
    node.put("fix", h.fix());
    node.put("since", h.since().toString());
    node.put("consecutiveFailures", h.consecutiveFailures());
    node.put("lastDeliveryAt", instant(h.lastDeliveryAt()));
    node.put("delivered", h.delivered());
    node.put("deadLettered", h.deadLettered());
    return node;
  }

  private static ObjectNode secret(StoredSecret secret) {
    ObjectNode node = JSON.createObjectNode();
    node.put("set", secret != null);
    node.put("hint", secret == null ? null : secret.hint());
    return node;
  }

  private static void strings(ObjectNode node, Map<String, String> values) {
    values.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> node.put(e.getKey(), e.getValue()));
  }

  private static String instant(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
