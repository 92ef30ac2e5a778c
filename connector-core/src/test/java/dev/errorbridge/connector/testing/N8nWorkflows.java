package dev.errorbridge.connector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * The bodies of {@code POST /api/v1/workflows} the n8n tests create, in the shape n8n's public API
 * accepts ({@code name}, {@code nodes}, {@code connections}, {@code settings}, nothing else): a
 * Webhook trigger, a Respond to Webhook node answering the call with the execution's id, then one
 * node that fails (or waits).
 */
public final class N8nWorkflows {
  /** The name of the node that fails in {@link #stopAndError} workflows. */
  public static final String STOP_AND_ERROR_NODE = "Fail on purpose";

  /** The name of the node that fails in {@link #httpRequest} workflows. */
  public static final String HTTP_REQUEST_NODE = "Fetch orders";

  /** The node that answers the trigger call with {@code {"executionId": "<id>"}}. */
  public static final String RESPOND_NODE = "Respond with the execution id";

  /** The field of the trigger call's answer that holds the execution id. */
  public static final String EXECUTION_ID_FIELD = "executionId";

  private static final ObjectMapper JSON = new ObjectMapper();

  // The workflow fields POST /api/v1/workflows accepts (its schema has additionalProperties:
  // false).
  private static final List<String> CREATE_FIELDS =
      List.of("name", "nodes", "connections", "settings");

  private N8nWorkflows() {}

  /** Webhook ({@code POST /webhook/<path>}) → Stop and Error raising {@code message}. */
  public static ObjectNode stopAndError(
      String name, String webhookPath, String message, String errorWorkflowId) {
    ObjectNode parameters = JSON.createObjectNode().put("errorMessage", message);
    return triggeredBy(
        name,
        webhookPath,
        node(STOP_AND_ERROR_NODE, "n8n-nodes-base.stopAndError", 1, parameters),
        errorWorkflowId);
  }

  /** Webhook → HTTP Request {@code GET url}, which fails when {@code url} answers an error. */
  public static ObjectNode httpRequest(String name, String webhookPath, String url) {
    ObjectNode parameters =
        JSON.createObjectNode().put("method", "GET").put("url", url).set("options", object());
    return triggeredBy(
        name,
        webhookPath,
        node(HTTP_REQUEST_NODE, "n8n-nodes-base.httpRequest", 4.2, parameters),
        null);
  }

  /** Webhook → Wait one hour: an execution that stays {@code waiting}. */
  public static ObjectNode waiting(String name, String webhookPath) {
    ObjectNode parameters = JSON.createObjectNode().put("amount", 1).put("unit", "hours");
    ObjectNode wait = node("Wait an hour", "n8n-nodes-base.wait", 1.1, parameters);
    wait.put("webhookId", UUID.randomUUID().toString());
    return triggeredBy(name, webhookPath, wait, null);
  }

  /** An exported workflow file (e.g. the Error Trigger sample) as a create request. */
  public static ObjectNode fromFile(Path file) {
    JsonNode exported;
    try {
      exported = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the workflow " + file, e);
    }
    ObjectNode create = JSON.createObjectNode();
    CREATE_FIELDS.forEach(field -> create.set(field, exported.get(field)));
    return create;
  }

  private static ObjectNode triggeredBy(
      String name, String webhookPath, ObjectNode last, String errorWorkflowId) {
    ObjectNode webhookParameters =
        JSON.createObjectNode()
            .put("httpMethod", "POST")
            .put("path", webhookPath)
            .put("responseMode", "responseNode")
            .set("options", object());
    ObjectNode webhook = node("Webhook", "n8n-nodes-base.webhook", 2, webhookParameters);
    webhook.put("webhookId", UUID.randomUUID().toString());
    // Answers the trigger call with the execution's id before the last node fails (or waits), so a
    // test knows exactly which executions it caused.
    ObjectNode respondParameters =
        JSON.createObjectNode()
            .put("respondWith", "json")
            .put("responseBody", "={{ { \"" + EXECUTION_ID_FIELD + "\": $execution.id } }}")
            .set("options", object());
    ObjectNode respond =
        node(RESPOND_NODE, "n8n-nodes-base.respondToWebhook", 1.1, respondParameters);
    respond.withArray("position").removeAll().add(220).add(0);
    last.withArray("position").removeAll().add(440).add(0);

    ObjectNode workflow = JSON.createObjectNode().put("name", name);
    workflow.putArray("nodes").add(webhook).add(respond).add(last);
    ObjectNode connections = workflow.putObject("connections");
    connect(connections, "Webhook", RESPOND_NODE);
    connect(connections, RESPOND_NODE, last.get("name").asText());
    ObjectNode settings = workflow.putObject("settings").put("executionOrder", "v1");
    if (errorWorkflowId != null) {
      settings.put("errorWorkflow", errorWorkflowId);
    }
    return workflow;
  }

  private static void connect(ObjectNode connections, String from, String to) {
    ObjectNode link = JSON.createObjectNode().put("node", to).put("type", "main").put("index", 0);
    ArrayNode main = JSON.createArrayNode();
    main.addArray().add(link);
    connections.putObject(from).set("main", main);
  }

  private static ObjectNode node(String name, String type, double version, ObjectNode parameters) {
    ObjectNode node =
        JSON.createObjectNode()
            .put("id", UUID.randomUUID().toString())
            .put("name", name)
            .put("type", type);
    if (version == Math.rint(version)) {
      node.put("typeVersion", (int) version);
    } else {
      node.put("typeVersion", version);
    }
    node.putArray("position").add(0).add(0);
    node.set("parameters", parameters);
    return node;
  }

  private static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
