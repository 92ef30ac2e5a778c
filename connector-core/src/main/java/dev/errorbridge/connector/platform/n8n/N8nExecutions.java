package dev.errorbridge.connector.platform.n8n;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.platform.RunDetailChecks;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.http.FailureFactory;
import dev.errorbridge.connector.source.http.JsonFields;
import dev.errorbridge.connector.source.http.JsonResponse;
import dev.errorbridge.connector.source.http.Origin;
import dev.errorbridge.connector.source.http.Query;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Maps n8n executions ({@code GET /api/v1/executions/{id}?includeData=true}, or a list row when the
 * detail is gone) to failures.
 *
 * <ul>
 *   <li>Workflow: {@code workflowId}; its name from {@code workflowData.name} (the workflow as it
 *       ran), else from {@code GET /api/v1/workflows/{id}} ({@link N8nWorkflowNames}).
 *   <li>Run error: {@code data.resultData.error}: {@code message}, and {@code name} ({@code
 *       NodeOperationError}, {@code NodeApiError}…) as the code.
 *   <li>Failed steps: every run of {@code data.resultData.runData[<node>][i]} with an {@code
 *       error}, in the order n8n lists the nodes; the step id is the node's name (unique in a
 *       workflow, the key n8n itself files run data under, and the only node identity the Error
 *       Trigger hands over, so poll and push name a step alike). Without any, the run error's
 *       {@code node} (else {@code lastNodeExecuted}) is the failed step.
 *   <li>{@code error.node.parameters} and {@code error.context} are left out of everything written:
 *       they are the node's configuration as the user typed it (URLs, headers, sometimes a token)
 *       and the request n8n made. {@code workflowData} (every node's parameters) and the nodes'
 *       outputs in {@code runData} are left out of the raw payload for the same reason.
 * </ul>
 */
final class N8nExecutions {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Fields of {@code error.node} kept: which node it was, not how it was configured. */
  private static final List<String> NODE_FIELDS = List.of("id", "name", "type", "typeVersion");

  private final FailureFactory factory;
  private final String instanceUrl;

  /**
   * @param instanceUrl the instance's address without {@code /api/v1}, for console links
   */
  N8nExecutions(SourceConnection connection, String instanceUrl, Clock clock) {
    this.factory = new FailureFactory(connection, clock);
    this.instanceUrl = instanceUrl;
  }

  /**
   * The outcome of an ended execution's status, or {@code null} for success and statuses that are
   * not failures. {@code crashed} (the process died) is a failure: n8n's own {@code status=error}
   * filter returns it.
   */
  static Outcome outcomeOf(String status) {
    return switch (status.toLowerCase(Locale.ROOT)) {
      case "error", "crashed" -> Outcome.FAILED;
      case "canceled" -> Outcome.STOPPED;
      default -> null;
    };
  }

  /** Not ended yet: queued ({@code new}), {@code running}, or paused in a Wait node. */
  static boolean isRunning(String status) {
    return switch (status.toLowerCase(Locale.ROOT)) {
      case "new", "running", "waiting" -> true;
      default -> false;
    };
  }

  /**
   * An execution detail, which must name execution {@code id} and, when {@code listed} is given
   * (the outcome the list showed), have ended with it.
   *
   * @throws dev.errorbridge.connector.source.SourceResponseInvalidException when it does not: an
   *     inconsistent answer must not become another execution's event, or a failure of one that did
   *     not fail
   */
  static JsonFields detailOf(JsonResponse detail, String id, Outcome listed) {
    JsonFields execution = detail.body();
    String named = execution.requiredText("id");
    if (!named.equals(id)) {
      // The id asked for is an n8n number, short and no secret: the message names both.
      throw execution.invalid(
          "id", "names execution " + RunDetailChecks.quoted(named) + ", not " + id);
    }
    RunDetailChecks.requireListedOutcome(
        execution, "status", N8nExecutions::outcomeOf, listed, "an execution");
    return execution;
  }

  /**
   * The failure of {@code execution} (a detail with its run data, or a list row without it).
   *
   * @param workflowName the workflow's name when the execution does not carry {@code workflowData},
   *     or {@code null}
   */
  FailedExecution failure(
      Origin origin, JsonFields execution, Outcome outcome, String workflowName) {
    String id = execution.requiredText("id");
    String workflowId = execution.requiredText("workflowId");
    JsonFields workflowData = execution.object("workflowData");
    String name = workflowData == null ? null : workflowData.text("name");
    JsonFields resultData = resultData(execution);
    JsonFields error = resultData == null ? null : resultData.object("error");
    return factory.failure(
        origin,
        new Workflow(workflowId, name != null ? name : workflowName, null),
        factory.execution(
            id,
            execution.requiredText("status"),
            outcome,
            execution.text("mode"),
            execution.instant("startedAt"),
            execution.instant("stoppedAt"),
            null,
            factory.consoleUrl(workflowId, id, consoleUrl(workflowId, id))),
        error == null ? null : FailureFactory.runError(error.text("message"), error.text("name")),
        failedSteps(resultData, error),
        rawPayload(execution, resultData, error));
  }

  /**
   * n8n's own link to an execution, {@code <instance>/workflow/<workflowId>/executions/<id>}: the
   * form of the {@code execution.url} n8n hands an Error Trigger.
   */
  String consoleUrl(String workflowId, String id) {
    return instanceUrl
        + "/workflow/"
        + Query.encode(workflowId)
        + "/executions/"
        + Query.encode(id);
  }

  private static JsonFields resultData(JsonFields execution) {
    JsonFields data = execution.object("data");
    return data == null ? null : data.object("resultData");
  }

  private static List<FailedStep> failedSteps(JsonFields resultData, JsonFields error) {
    List<FailedStep> steps = new ArrayList<>();
    if (resultData == null) {
      return steps;
    }
    JsonFields runData = resultData.object("runData");
    if (runData != null) {
      for (Iterator<String> names = runData.node().fieldNames(); names.hasNext(); ) {
        String node = names.next();
        for (JsonFields run : runData.array(node)) {
          JsonFields runError = run.object("error");
          if (runError != null) {
            steps.add(step(node, runError));
          }
        }
      }
    }
    if (steps.isEmpty() && error != null) {
      JsonNode node = error.raw("node");
      String name =
          node != null && node.isObject() ? error.object("node").text("name") : error.text("node");
      if (name == null) {
        name = resultData.text("lastNodeExecuted");
      }
      if (name != null) {
        steps.add(step(name, error));
      }
    }
    return steps;
  }

  private static FailedStep step(String nodeName, JsonFields error) {
    JsonNode node = error.raw("node");
    String type = node != null && node.isObject() ? error.object("node").text("type") : null;
    return new FailedStep(
        nodeName,
        nodeName,
        type,
        error.text("message"),
        JsonFields.toJson(sanitised(error)),
        httpStatus(error),
        null,
        null);
  }

  /** {@code httpCode}: a string in n8n 1.123.81 ({@code "503"}), a number elsewhere. */
  private static Integer httpStatus(JsonFields error) {
    JsonNode code = error.raw("httpCode");
    if (code == null) {
      return null;
    }
    try {
      return FailureFactory.httpStatus(Long.parseLong(code.asText().trim()));
    } catch (NumberFormatException e) {
      return null; // a code that is no HTTP status ("ECONNREFUSED") stays in the error's JSON
    }
  }

  /** The error without the node's configuration and the request n8n made. */
  static ObjectNode sanitised(JsonFields error) {
    ObjectNode copy = error.node().deepCopy();
    copy.remove("context");
    JsonNode node = copy.get("node");
    if (node != null && node.isObject()) {
      ObjectNode kept = NODES.objectNode();
      for (String field : NODE_FIELDS) {
        if (node.has(field)) {
          kept.set(field, node.get(field));
        }
      }
      copy.set("node", kept);
    }
    return copy;
  }

  /**
   * The execution as n8n answered it, without {@code workflowData}, and with {@code data} reduced
   * to {@code resultData.lastNodeExecuted} and the sanitised {@code resultData.error}.
   */
  private static String rawPayload(JsonFields execution, JsonFields resultData, JsonFields error) {
    ObjectNode raw = execution.node().deepCopy();
    raw.remove(List.of("data", "workflowData"));
    if (resultData != null) {
      ObjectNode result = NODES.objectNode();
      String last = resultData.text("lastNodeExecuted");
      if (last != null) {
        result.put("lastNodeExecuted", last);
      }
      if (error != null) {
        result.set("error", sanitised(error));
      }
      raw.set("data", NODES.objectNode().set("resultData", result));
    }
    return JsonFields.toJson(raw);
  }
}
