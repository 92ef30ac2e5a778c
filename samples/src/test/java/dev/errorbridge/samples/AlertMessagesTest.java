package dev.errorbridge.samples;

import static dev.errorbridge.samples.AlertingRulesStackTest.targets;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Ruler;

/**
 * The input transformers of the synthesised rules: every placeholder is a variable, every variable
 * a path of the event contract, JSON values only from members the schema requires; and what the
 * rules send for each sample event is a readable message and, for Slack and PagerDuty, valid JSON.
 */
class AlertMessagesTest {
  private static final String ROUTING_KEY = "R0UT1NGKEY00000000000000000000AB";
  private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_-]+)>");
  private static final List<String> RULES =
      List.of("FailedRule", "StoppedRule", "PartiallyFailedRule", "ConnectionTestRule");
  private static final Map<String, String> SEVERITIES =
      Map.of("FailedRule", "error", "StoppedRule", "info", "PartiallyFailedRule", "warning");
  private static final JsonNode CONNECTION_TEST_SCHEMA =
      SampleFiles.read(SampleFiles.SCHEMAS.resolve("connection-test-v1.schema.json"));
  private static final Map<String, JsonNode> EVENTS = SampleFiles.events();

  /** Rule → target id → transformer, for the targets that have one. */
  private static final Map<String, Map<String, JsonNode>> TRANSFORMERS = new LinkedHashMap<>();

  @BeforeAll
  static void readTransformers() {
    SynthesizedStack.template();
    for (String rule : RULES) {
      Map<String, JsonNode> byTarget = new LinkedHashMap<>();
      for (JsonNode target : targets(rule)) {
        if (target.has("InputTransformer")) {
          byTarget.put(target.get("Id").textValue(), target.get("InputTransformer"));
        }
      }
      TRANSFORMERS.put(rule, byTarget);
    }
  }

  static Stream<String> eventNames() {
    return EVENTS.keySet().stream();
  }

  @Test
  void transformers_placeholdersAreExactlyTheVariables_andTheVariablesPathsOfTheContract() {
    assertThat(TRANSFORMERS.get("FailedRule")).containsOnlyKeys("AlertEmail", "Slack", "PagerDuty");
    assertThat(TRANSFORMERS.get("ConnectionTestRule")).containsOnlyKeys("Slack");
    TRANSFORMERS.forEach(
        (rule, byTarget) ->
            byTarget.forEach(
                (target, transformer) -> {
                  Set<String> variables = new TreeSet<>();
                  transformer.get("InputPathsMap").fieldNames().forEachRemaining(variables::add);
                  assertThat(placeholders(template(transformer)))
                      .as("%s %s", rule, target)
                      .isEqualTo(variables);
                  JsonNode schema =
                      rule.equals("ConnectionTestRule")
                          ? CONNECTION_TEST_SCHEMA
                          : Schemas.FAILED_EXECUTION_TREE;
                  transformer
                      .get("InputPathsMap")
                      .forEach(
                          path ->
                              assertThat(inContract(schema, path.textValue(), false))
                                  .as("%s %s: %s", rule, target, path)
                                  .isTrue());
                }));
  }

  @Test
  void jsonTemplates_placeOnlyRequiredMembersOutsideStrings() {
    TRANSFORMERS.forEach(
        (rule, byTarget) ->
            byTarget.forEach(
                (target, transformer) -> {
                  for (String variable : placeholdersOutsideStrings(template(transformer))) {
                    String path = transformer.at("/InputPathsMap/" + variable).textValue();
                    assertThat(inContract(Schemas.FAILED_EXECUTION_TREE, path, true))
                        .as("%s %s: <%s> (%s) must always be present", rule, target, variable, path)
                        .isTrue();
                  }
                }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventNames")
  void everySampleEvent_getsValidMessagesFromTheRulesItMatches(String name) throws IOException {
    JsonNode event = EVENTS.get(name);
    List<String> rules = rulesMatching(event);
    assertThat(rules).as("rules matching %s", name).hasSize(1);
    String rule = rules.get(0);

    for (Map.Entry<String, JsonNode> target : TRANSFORMERS.get(rule).entrySet()) {
      String body = render(rule, target.getKey(), event);
      if (target.getKey().equals("AlertEmail")) {
        assertThat(body)
            .contains("Workflow:  ")
            .contains(event.at("/detail/workflow/id").textValue());
        continue;
      }
      JsonNode json = SampleFiles.JSON.readTree(body);
      if (target.getKey().equals("Slack")) {
        assertThat(json.get("text").textValue()).contains(event.at("/detail/platform").textValue());
      } else {
        assertThat(json.get("routing_key").textValue()).isEqualTo(ROUTING_KEY);
        assertThat(json.get("event_action").textValue()).isEqualTo("trigger");
        assertThat(json.get("dedup_key").textValue())
            .isEqualTo(event.at("/detail/eventId").textValue());
        assertThat(json.at("/payload/severity").textValue()).isEqualTo(SEVERITIES.get(rule));
        assertThat(json.at("/payload/timestamp").textValue())
            .isEqualTo(event.get("time").textValue());
        assertThat(json.at("/payload/custom_details/workflow"))
            .isEqualTo(event.at("/detail/workflow"));
        assertThat(json.at("/payload/custom_details/execution"))
            .isEqualTo(event.at("/detail/execution"));
        assertThat(json.toString())
            .as("step inputs stay in the log group")
            .doesNotContain("failedSteps");
      }
    }
  }

  @Test
  void slack_alloyFailure_readsAsAnAlert() throws IOException {
    String text =
        SampleFiles.JSON
            .readTree(render("FailedRule", "Slack", EVENTS.get("alloy-failed")))
            .get("text")
            .textValue();

    assertThat(text)
        .isEqualTo(
            String.join(
                "\n",
                ":rotating_light: *Workflow Execution Failed* on *alloy*",
                "*Workflow:* Sync paid orders to NetSuite (65c1d2e3f4a5b6c7d8e9f0b7)",
                "*Execution:* 6a1f0c9d7e3b2a1c0f9e8d71 (executionError)",
                "*Error:* Request failed with status code 401: INVALID_LOGIN_CREDENTIALS",
                "*Console:* https://app.runalloy.com/logs/6a1f0c9d7e3b2a1c0f9e8d71",
                "_Errorbridge event 1095b863-49e6-801f-a4b0-5a3002eb8008_"));
  }

  @Test
  void email_trigifyFailureWithoutConsoleLink_leavesTheLinkEmpty() {
    assertThat(render("FailedRule", "AlertEmail", EVENTS.get("trigify-failed")))
        .isEqualTo(
            String.join(
                "\n",
                "Workflow Execution Failed on trigify",
                "",
                "Workflow:  Enrich new commenters into HubSpot (wf_q4n8r2)",
                "Execution: run_m2d9k7, status failed",
                "Error:     Step 'Upsert contact' failed: HubSpot returned 429",
                "Console:   ",
                "Finished:  2026-02-03T08:30:06Z",
                "",
                "Errorbridge event 6cb6a37e-162c-8f78-91a0-8c9361bb0fdb from connection"
                    + " conn_trigify_0b3d.",
                "Delivery is at least once: deduplicate on the event id."));
  }

  @Test
  void pagerDuty_partialFailure_isAWarningWithTheErrorInTheDetails() throws IOException {
    JsonNode body =
        SampleFiles.JSON.readTree(
            render("PartiallyFailedRule", "PagerDuty", EVENTS.get("runflow-partial")));

    assertThat(body.at("/payload/summary").textValue())
        .isEqualTo("Workflow Execution Partially Failed on runflow:  (unknown)");
    assertThat(body.at("/payload/source").textValue()).isEqualTo("errorbridge.runflow");
    assertThat(body.at("/payload/severity").textValue()).isEqualTo("warning");
    assertThat(body.at("/payload/custom_details/error").textValue())
        .isEqualTo("2 of 10 items failed");
    assertThat(body.at("/payload/custom_details/console").textValue()).isEmpty();
  }

  @Test
  void slack_connectionTest_confirmsWhereAlertsWillArrive() throws IOException {
    assertThat(
            SampleFiles.JSON
                .readTree(render("ConnectionTestRule", "Slack", EVENTS.get("connection-test")))
                .get("text")
                .textValue())
        .isEqualTo(
            ":white_check_mark: Errorbridge connection test received from connection"
                + " conn_trigify_0b3d (trigify), sent 2026-11-23T10:15:30.123Z. Failures of its"
                + " workflows will be posted here.");
  }

  private static List<String> rulesMatching(JsonNode event) {
    return RULES.stream()
        .filter(
            rule -> {
              try {
                return Ruler.matchesRule(
                    event.toString(),
                    SynthesizedStack.resource(rule).at("/Properties/EventPattern").toString());
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            })
        .toList();
  }

  private static String render(String rule, String target, JsonNode event) {
    JsonNode transformer = TRANSFORMERS.get(rule).get(target);
    return InputTransformerRenderer.render(transformer, template(transformer), event);
  }

  /** The template as CloudFormation will set it, with a made-up routing key. */
  private static String template(JsonNode transformer) {
    return SynthesizedStack.text(transformer.get("InputTemplate"))
        .replace("${PagerDutyRoutingKey}", ROUTING_KEY);
  }

  private static Set<String> placeholders(String template) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static Set<String> placeholdersOutsideStrings(String template) {
    Set<String> names = new TreeSet<>();
    if (!template.startsWith("{")) {
      return names;
    }
    boolean inString = false;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '\\' && inString) {
        i++;
      } else if (c == '"') {
        inString = !inString;
      } else if (c == '<' && !inString) {
        Matcher m = PLACEHOLDER.matcher(template).region(i, template.length());
        if (m.lookingAt()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  /**
   * Whether {@code path} names a member of the envelope or of the detail schema; with {@code
   * required}, whether every member along it is required, so that it is in every event.
   */
  private static boolean inContract(JsonNode schema, String path, boolean required) {
    List<String> envelope = List.of("$.detail-type", "$.time", "$.source");
    if (envelope.contains(path)) {
      return true;
    }
    if (!path.startsWith("$.detail.")) {
      return false;
    }
    JsonNode node = schema;
    for (String member : path.substring("$.detail.".length()).split("\\.")) {
      JsonNode next = node.at("/properties/" + member);
      if (next.isMissingNode()) {
        return false;
      }
      if (required && !node.path("required").toString().contains("\"" + member + "\"")) {
        return false;
      }
      node = next;
    }
    return true;
  }
}
