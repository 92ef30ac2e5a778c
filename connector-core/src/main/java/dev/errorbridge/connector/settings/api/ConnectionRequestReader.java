package dev.errorbridge.connector.settings.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.settings.ConnectionInvalidException;
import dev.errorbridge.connector.settings.ConnectionRequest;
import dev.errorbridge.connector.settings.FieldProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a connection request body, reporting every type error and unknown field (a typo such as
 * {@code enabeld} would otherwise be silently ignored) with its path. Secret fields become {@link
 * SecretValue}s straight from the parser and never appear in a problem message.
 */
final class ConnectionRequestReader {
  // A settings body is shallow; a deep one is an attack on the parser, refused early.
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
  }

  private static final Set<String> TOP =
      Set.of("name", "enabled", "source", "webhook", "destination", "mapping");
  private static final Set<String> SOURCE =
      Set.of("platform", "baseUrl", "apiKey", "outcomes", "workflowIds", "options");
  private static final Set<String> WEBHOOK = Set.of("secret", "fieldMapping");
  private static final Set<String> DESTINATION = Set.of("region", "eventBus", "auth");
  private static final Set<String> AUTH =
      Set.of("mode", "accessKeyId", "secretAccessKey", "sessionToken", "roleArn");
  private static final Set<String> MAPPING =
      Set.of("sourceName", "includeRawPayload", "maxEntrySizeBytes");

  private final List<FieldProblem> problems = new ArrayList<>();

  private ConnectionRequestReader() {}

  /**
   * @throws ConnectionInvalidException listing every problem with the body
   */
  static ConnectionRequest read(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (StreamConstraintsException e) {
      throw new ConnectionInvalidException(
          List.of(
              new FieldProblem("body", "is nested too deeply; a connection is a shallow object")));
    } catch (JsonProcessingException e) {
      throw new ConnectionInvalidException(
          List.of(
              new FieldProblem(
                  "body",
                  "is not valid JSON (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + "); send a JSON object")));
    } catch (IOException e) {
      throw new ConnectionInvalidException(List.of(new FieldProblem("body", "cannot be read")));
    }
    if (root == null || !root.isObject()) {
      throw new ConnectionInvalidException(
          List.of(new FieldProblem("body", "must be a JSON object")));
    }
    ConnectionRequestReader reader = new ConnectionRequestReader();
    ConnectionRequest request = reader.request(root);
    if (!reader.problems.isEmpty()) {
      throw new ConnectionInvalidException(reader.problems);
    }
    return request;
  }

  private ConnectionRequest request(JsonNode root) {
    known(root, "", TOP);
    return new ConnectionRequest(
        text(root, "", "name"),
        bool(root, "", "enabled"),
        object(root, "source") == null ? null : source(object(root, "source")),
        object(root, "webhook") == null ? null : webhook(object(root, "webhook")),
        object(root, "destination") == null ? null : destination(object(root, "destination")),
        object(root, "mapping") == null ? null : mapping(object(root, "mapping")));
  }

  private ConnectionRequest.Source source(JsonNode node) {
    known(node, "source.", SOURCE);
    return new ConnectionRequest.Source(
        text(node, "source.", "platform"),
        text(node, "source.", "baseUrl"),
        secret(node, "source.", "apiKey"),
        strings(node, "source.", "outcomes"),
        strings(node, "source.", "workflowIds"),
        stringMap(node, "source.", "options"));
  }

  private ConnectionRequest.Webhook webhook(JsonNode node) {
    known(node, "webhook.", WEBHOOK);
    return new ConnectionRequest.Webhook(
        secret(node, "webhook.", "secret"), stringMap(node, "webhook.", "fieldMapping"));
  }

  private ConnectionRequest.Destination destination(JsonNode node) {
    known(node, "destination.", DESTINATION);
    JsonNode auth = object(node, "auth");
    if (auth == null && node.has("auth") && !node.get("auth").isNull()) {
      problems.add(new FieldProblem("destination.auth", "must be an object with a mode"));
    }
    return new ConnectionRequest.Destination(
        text(node, "destination.", "region"),
        text(node, "destination.", "eventBus"),
        auth == null ? null : auth(auth));
  }

  private ConnectionRequest.Auth auth(JsonNode node) {
    known(node, "destination.auth.", AUTH);
    return new ConnectionRequest.Auth(
        text(node, "destination.auth.", "mode"),
        text(node, "destination.auth.", "accessKeyId"),
        secret(node, "destination.auth.", "secretAccessKey"),
        secret(node, "destination.auth.", "sessionToken"),
        text(node, "destination.auth.", "roleArn"));
  }

  private ConnectionRequest.Mapping mapping(JsonNode node) {
    known(node, "mapping.", MAPPING);
    JsonNode size = node.get("maxEntrySizeBytes");
    Integer maxEntrySize = null;
    if (size != null && !size.isNull()) {
      if (size.canConvertToInt() && size.isIntegralNumber()) {
        maxEntrySize = size.intValue();
      } else {
        problems.add(new FieldProblem("mapping.maxEntrySizeBytes", "must be an integer"));
      }
    }
    return new ConnectionRequest.Mapping(
        text(node, "mapping.", "sourceName"),
        bool(node, "mapping.", "includeRawPayload"),
        maxEntrySize);
  }

  private void known(JsonNode node, String prefix, Set<String> fields) {
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!fields.contains(name)) {
                problems.add(
                    new FieldProblem(
                        prefix + name,
                        "is not a known field; expected one of "
                            + String.join(", ", fields.stream().sorted().toList())));
              }
            });
  }

  private JsonNode object(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isObject() ? value : null;
  }

  private String text(JsonNode node, String prefix, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      problems.add(new FieldProblem(prefix + field, "must be a string"));
      return null;
    }
    return value.asText();
  }

  private SecretValue secret(JsonNode node, String prefix, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      problems.add(new FieldProblem(prefix + field, "must be a string"));
      return null;
    }
    return SecretValue.of(value.asText());
  }

  private Boolean bool(JsonNode node, String prefix, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      problems.add(new FieldProblem(prefix + field, "must be true or false"));
      return null;
    }
    return value.booleanValue();
  }

  private List<String> strings(JsonNode node, String prefix, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    List<String> list = new ArrayList<>();
    if (!value.isArray()) {
      problems.add(new FieldProblem(prefix + field, "must be an array of strings"));
      return null;
    }
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        problems.add(new FieldProblem(prefix + field, "must be an array of strings"));
        return null;
      }
      list.add(item.asText());
    }
    return list;
  }

  private Map<String, String> stringMap(JsonNode node, String prefix, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      problems.add(new FieldProblem(prefix + field, "must be an object of strings"));
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getValue().isTextual()) {
        problems.add(new FieldProblem(prefix + field + "." + entry.getKey(), "must be a string"));
      } else {
        map.put(entry.getKey(), entry.getValue().asText());
      }
    }
    return map;
  }
}
