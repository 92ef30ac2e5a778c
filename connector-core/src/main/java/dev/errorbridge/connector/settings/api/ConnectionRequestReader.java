package dev.errorbridge.connector.settings.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.inbound.FieldProblem;
import dev.errorbridge.connector.inbound.JsonBodyInvalidException;
import dev.errorbridge.connector.inbound.JsonFieldReader;
import dev.errorbridge.connector.inbound.StrictJson;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.settings.ConnectionInvalidException;
import dev.errorbridge.connector.settings.ConnectionRequest;
import java.util.List;
import java.util.Set;

/**
 * Reads a connection request body through {@link StrictJson} (UTF-8, one value, no repeated
 * member), reporting every member of the wrong type ({@code "mapping": 123} is a problem naming
 * {@code mapping}, not a section silently left out) and every unknown member (a typo such as {@code
 * enabeld} would otherwise be ignored) with its path. Secret fields become {@link SecretValue}s
 * straight from the parser and never appear in a problem message.
 */
final class ConnectionRequestReader {
  // A settings body is shallow; a deep one is an attack on the parser, refused early.
  private static final StrictJson JSON = StrictJson.withMaxDepth(32);

  private static final Set<String> TOP =
      Set.of("name", "enabled", "source", "webhook", "destination", "mapping");
  private static final Set<String> SOURCE =
      Set.of("platform", "baseUrl", "apiKey", "outcomes", "workflowIds", "options");
  private static final Set<String> WEBHOOK = Set.of("secret", "fieldMapping");
  private static final Set<String> DESTINATION = Set.of("region", "eventBus", "auth");
  private static final Set<String> AUTH =
      Set.of("mode", "accessKeyId", "secretAccessKey", "sessionToken", "roleArn", "accountId");
  private static final Set<String> MAPPING =
      Set.of("sourceName", "includeRawPayload", "maxEntrySizeBytes");

  private final JsonFieldReader fields = new JsonFieldReader();

  private ConnectionRequestReader() {}

  /**
   * @throws ConnectionInvalidException listing every problem with the body
   */
  static ConnectionRequest read(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readObject(body);
    } catch (JsonBodyInvalidException e) {
      throw new ConnectionInvalidException(List.of(new FieldProblem(e.field(), e.problem())));
    }
    ConnectionRequestReader reader = new ConnectionRequestReader();
    ConnectionRequest request = reader.request(root);
    if (reader.fields.hasProblems()) {
      throw new ConnectionInvalidException(reader.fields.problems());
    }
    return request;
  }

  private ConnectionRequest request(JsonNode root) {
    fields.onlyKnown(root, "", TOP);
    JsonNode source = fields.object(root, "", "source");
    JsonNode webhook = fields.object(root, "", "webhook");
    JsonNode destination = fields.object(root, "", "destination");
    JsonNode mapping = fields.object(root, "", "mapping");
    return new ConnectionRequest(
        fields.string(root, "", "name"),
        fields.bool(root, "", "enabled"),
        source == null ? null : source(source),
        webhook == null ? null : webhook(webhook),
        destination == null ? null : destination(destination),
        mapping == null ? null : mapping(mapping));
  }

  private ConnectionRequest.Source source(JsonNode node) {
    fields.onlyKnown(node, "source.", SOURCE);
    return new ConnectionRequest.Source(
        fields.string(node, "source.", "platform"),
        fields.string(node, "source.", "baseUrl"),
        secret(node, "source.", "apiKey"),
        fields.strings(node, "source.", "outcomes"),
        fields.strings(node, "source.", "workflowIds"),
        fields.stringMap(node, "source.", "options"));
  }

  private ConnectionRequest.Webhook webhook(JsonNode node) {
    fields.onlyKnown(node, "webhook.", WEBHOOK);
    return new ConnectionRequest.Webhook(
        secret(node, "webhook.", "secret"), fields.stringMap(node, "webhook.", "fieldMapping"));
  }

  private ConnectionRequest.Destination destination(JsonNode node) {
    fields.onlyKnown(node, "destination.", DESTINATION);
    JsonNode auth = fields.object(node, "destination.", "auth");
    return new ConnectionRequest.Destination(
        fields.string(node, "destination.", "region"),
        fields.string(node, "destination.", "eventBus"),
        auth == null ? null : auth(auth));
  }

  private ConnectionRequest.Auth auth(JsonNode node) {
    fields.onlyKnown(node, "destination.auth.", AUTH);
    return new ConnectionRequest.Auth(
        fields.string(node, "destination.auth.", "mode"),
        fields.string(node, "destination.auth.", "accessKeyId"),
        secret(node, "destination.auth.", "secretAccessKey"),
        secret(node, "destination.auth.", "sessionToken"),
        fields.string(node, "destination.auth.", "roleArn"),
        fields.string(node, "destination.auth.", "accountId"));
  }

  private ConnectionRequest.Mapping mapping(JsonNode node) {
    fields.onlyKnown(node, "mapping.", MAPPING);
    return new ConnectionRequest.Mapping(
        fields.string(node, "mapping.", "sourceName"),
        fields.bool(node, "mapping.", "includeRawPayload"),
        fields.integer(node, "mapping.", "maxEntrySizeBytes"));
  }

  private SecretValue secret(JsonNode node, String prefix, String field) {
    String value = fields.string(node, prefix, field);
    return value == null ? null : SecretValue.of(value);
  }
}
