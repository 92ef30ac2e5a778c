package dev.errorbridge.samples;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.events.CfnRule.InputTransformerProperty;

/**
 * Input transformers that turn an Errorbridge event into a message a person can act on: the
 * workflow, the platform, the error and a link to the run in the platform's console.
 *
 * <p>Two rules keep the messages valid whatever the event holds:
 *
 * <ul>
 *   <li>optional members of the detail (workflow name, error, console link) are only placed inside
 *       strings: EventBridge leaves out a variable whose path is missing, which inside a string
 *       leaves an empty text but would leave invalid JSON in a value position;
 *   <li>only members the schema requires ({@code workflow}, {@code execution}) are placed as JSON
 *       values.
 * </ul>
 *
 * Step inputs and outputs ({@code failedSteps}) are never forwarded to chat or paging tools: they
 * can hold customer data and belong in the log group, which keeps the whole event.
 */
public final class AlertMessages {
  /** PagerDuty Events v2 {@code payload.severity}, one per detail type. */
  public enum Severity {
    /** Failed runs. */
    ERROR,
    /** Partially failed runs. */
    WARNING,
    /** Stopped runs. */
    INFO;

    /** The value PagerDuty expects. */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Every variable a message may use, by name: the JSON path of its value in the event. */
  private static final Map<String, String> PATHS = paths();

  private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_-]+)>");

  private AlertMessages() {}

  /** A plain-text email body for the SNS topic. */
  public static InputTransformerProperty email() {
    String template =
        String.join(
            "\n",
            "<detailType> on <platform>",
            "",
            "Workflow:  <workflowName> (<workflowId>)",
            "Execution: <executionId>, status <status>",
            "Error:     <errorMessage>",
            "Console:   <consoleUrl>",
            "Finished:  <time>",
            "",
            "Errorbridge event <eventId> from connection <connectionId>.",
            "Delivery is at least once: deduplicate on the event id.");
    return transformer(template);
  }

  /** A Slack incoming-webhook body ({@code text} in Slack's mrkdwn). */
  public static InputTransformerProperty slack() {
    String text =
        String.join(
            "\\n",
            ":rotating_light: *<detailType>* on *<platform>*",
            "*Workflow:* <workflowName> (<workflowId>)",
            "*Execution:* <executionId> (<status>)",
            "*Error:* <errorMessage>",
            "*Console:* <consoleUrl>",
            "_Errorbridge event <eventId>_");
    return transformer("{\"text\": \"" + text + "\"}");
  }

  /** The Slack message for a connection test: proof that the bus and the rules work. */
  public static InputTransformerProperty slackConnectionTest() {
    return transformer(
        "{\"text\": \":white_check_mark: Errorbridge connection test received from connection"
            + " <connectionId> (<platform>), sent <sentAt>. Failures of its workflows will be"
            + " posted here.\"}");
  }

  /**
   * A PagerDuty Events API v2 trigger. The {@code dedup_key} is Errorbridge's deterministic {@code
   * eventId}, so a failure delivered twice (retried, or seen by both poll and webhook) opens one
   * incident.
   *
   * @param routingKey the integration key (a CloudFormation parameter reference)
   * @param severity the incident severity for this detail type
   */
  public static InputTransformerProperty pagerDuty(String routingKey, Severity severity) {
    String template =
        "{\"routing_key\": \""
            + routingKey
            + "\", \"event_action\": \"trigger\", \"dedup_key\": \"<eventId>\","
            + " \"client\": \"Errorbridge\", \"payload\": {"
            + "\"summary\": \"<detailType> on <platform>: <workflowName> (<workflowId>)\","
            + " \"source\": \"<source>\", \"severity\": \""
            + severity.value()
            + "\", \"timestamp\": \"<time>\", \"component\": \"<workflowId>\","
            + " \"group\": \"<platform>\", \"class\": \"<detailType>\", \"custom_details\": {"
            + "\"error\": \"<errorMessage>\", \"errorCode\": \"<errorCode>\","
            + " \"console\": \"<consoleUrl>\", \"connection\": \"<connectionId>\","
            + " \"workflow\": <workflow>, \"execution\": <execution>}}}";
    return transformer(template);
  }

  /**
   * The transformer for {@code template}, declaring exactly the variables it uses.
   *
   * @throws IllegalArgumentException if the template uses a variable {@link #PATHS} lacks
   */
  private static InputTransformerProperty transformer(String template) {
    Map<String, String> used = new LinkedHashMap<>();
    Matcher placeholder = PLACEHOLDER.matcher(template);
    while (placeholder.find()) {
      String name = placeholder.group(1);
      if (!PATHS.containsKey(name)) {
        throw new IllegalArgumentException("<" + name + "> is not one of " + PATHS.keySet());
      }
      used.put(name, PATHS.get(name));
    }
    return InputTransformerProperty.builder().inputPathsMap(used).inputTemplate(template).build();
  }

  private static Map<String, String> paths() {
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("detailType", "$.detail-type");
    paths.put("source", "$.source");
    paths.put("time", "$.time");
    paths.put("platform", "$.detail.platform");
    paths.put("connectionId", "$.detail.connectionId");
    paths.put("eventId", "$.detail.eventId");
    paths.put("workflow", "$.detail.workflow");
    paths.put("workflowId", "$.detail.workflow.id");
    paths.put("workflowName", "$.detail.workflow.name");
    paths.put("execution", "$.detail.execution");
    paths.put("executionId", "$.detail.execution.id");
    paths.put("status", "$.detail.execution.status");
    paths.put("consoleUrl", "$.detail.execution.consoleUrl");
    paths.put("errorMessage", "$.detail.error.message");
    paths.put("errorCode", "$.detail.error.code");
    paths.put("sentAt", "$.detail.sentAt");
    return paths;
  }
}
