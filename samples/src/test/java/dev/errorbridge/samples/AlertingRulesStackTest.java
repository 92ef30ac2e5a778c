package dev.errorbridge.samples;

import static dev.errorbridge.samples.SynthesizedStack.json;
import static dev.errorbridge.samples.SynthesizedStack.onlyLogicalId;
import static dev.errorbridge.samples.SynthesizedStack.onlyResource;
import static dev.errorbridge.samples.SynthesizedStack.resource;
import static dev.errorbridge.samples.SynthesizedStack.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The synthesised template: the rules (patterns from the files, targets, retries, dead letters),
 * the resource policies that let EventBridge deliver, the API destinations and the IAM Errorbridge
 * gets, down to exact actions, resources and conditions.
 */
class AlertingRulesStackTest {
  private static final Map<String, String> RULE_PATTERNS =
      Map.of(
          "FailedRule", EventPatterns.FAILED,
          "StoppedRule", EventPatterns.STOPPED,
          "PartiallyFailedRule", EventPatterns.PARTIALLY_FAILED,
          "ConnectionTestRule", EventPatterns.CONNECTION_TEST);
  private static final List<String> FAILURE_RULES =
      List.of("FailedRule", "StoppedRule", "PartiallyFailedRule");
  private static final String EVENTBRIDGE = "events.amazonaws.com";

  private static String bus;
  private static String topic;
  private static String queue;
  private static String logGroup;
  private static String invokeRole;

  @BeforeAll
  static void synthesise() {
    SynthesizedStack.template();
    bus = onlyLogicalId("AWS::Events::EventBus");
    topic = onlyLogicalId("AWS::SNS::Topic");
    queue = onlyLogicalId("AWS::SQS::Queue");
    logGroup = onlyLogicalId("AWS::Logs::LogGroup");
    invokeRole = logicalIdOfRoleTrusting(EVENTBRIDGE);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"FailedRule", "StoppedRule", "PartiallyFailedRule", "ConnectionTestRule"})
  void rule_isOnTheErrorbridgeBusWithThePatternFileAsIs(String rule) {
    JsonNode properties = resource(rule).get("Properties");

    assertThat(text(properties.get("EventBusName"))).isEqualTo("${" + bus + "}");
    assertThat(properties.get("EventPattern"))
        .isEqualTo(
            SampleFiles.read(SampleFiles.PATTERNS.resolve(RULE_PATTERNS.get(rule) + ".json")));
  }

  @Test
  void ruleStates_failuresAndTestsAlwaysOn_stoppedAndPartialByParameter() {
    assertThat(state("FailedRule")).isEqualTo(parse("\"ENABLED\""));
    assertThat(state("ConnectionTestRule")).isEqualTo(parse("\"ENABLED\""));
    assertThat(state("StoppedRule"))
        .isEqualTo(parse("{\"Fn::If\": [\"RouteStoppedEnabled\", \"ENABLED\", \"DISABLED\"]}"));
    assertThat(state("PartiallyFailedRule"))
        .isEqualTo(
            parse("{\"Fn::If\": [\"RoutePartiallyFailedEnabled\", \"ENABLED\", \"DISABLED\"]}"));
    assertThat(json().at("/Conditions/RouteStoppedEnabled"))
        .isEqualTo(parse("{\"Fn::Equals\": [{\"Ref\": \"RouteStopped\"}, \"true\"]}"));
    assertThat(json().at("/Conditions/RoutePartiallyFailedEnabled"))
        .isEqualTo(parse("{\"Fn::Equals\": [{\"Ref\": \"RoutePartiallyFailed\"}, \"true\"]}"));
    assertThat(json().at("/Parameters/RouteStopped/Default").textValue()).isEqualTo("false");
    assertThat(json().at("/Parameters/RoutePartiallyFailed/Default").textValue())
        .isEqualTo("false");
  }

  @Test
  void targets_failuresGoEverywhere_connectionTestsOnlyToLogsAndSlack() {
    String slack = logicalIdOfApiDestination("Slack");
    String pagerDuty = logicalIdOfApiDestination("PagerDuty");
    for (String rule : FAILURE_RULES) {
      JsonNode targets = targets(rule);
      assertThat(targets)
          .extracting(t -> t.get("Id").textValue())
          .containsExactly("AlertEmail", "AlertLog", "Slack", "PagerDuty");
      assertThat(text(targets.get(0).get("Arn"))).isEqualTo("${" + topic + "}");
      assertThat(text(targets.get(1).get("Arn")))
          .isEqualTo(
              "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${"
                  + logGroup
                  + "}");
      assertThat(targets.get(1).has("InputTransformer")).as("logs keep the whole event").isFalse();
      assertThat(text(targets.get(2).get("Arn"))).isEqualTo("${" + slack + ".Arn}");
      assertThat(text(targets.get(3).get("Arn"))).isEqualTo("${" + pagerDuty + ".Arn}");
      for (JsonNode apiTarget : List.of(targets.get(2), targets.get(3))) {
        assertThat(text(apiTarget.get("RoleArn"))).isEqualTo("${" + invokeRole + ".Arn}");
      }
    }
    JsonNode tests = targets("ConnectionTestRule");
    assertThat(tests).extracting(t -> t.get("Id").textValue()).containsExactly("AlertLog", "Slack");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"FailedRule", "StoppedRule", "PartiallyFailedRule", "ConnectionTestRule"})
  void everyTarget_retriesPerTheParametersThenParksInTheDeadLetterQueue(String rule) {
    for (JsonNode target : targets(rule)) {
      assertThat(target.get("RetryPolicy"))
          .as("%s %s", rule, target.get("Id"))
          .isEqualTo(
              parse(
                  "{\"MaximumEventAgeInSeconds\": {\"Ref\": \"RetryMaxEventAgeSeconds\"},"
                      + " \"MaximumRetryAttempts\": {\"Ref\": \"RetryMaxAttempts\"}}"));
      assertThat(text(target.at("/DeadLetterConfig/Arn"))).isEqualTo("${" + queue + ".Arn}");
    }
    assertThat(json().at("/Parameters/RetryMaxEventAgeSeconds/Default").asInt()).isEqualTo(3600);
    assertThat(json().at("/Parameters/RetryMaxAttempts/Default").asInt()).isEqualTo(8);
    assertThat(json().at("/Parameters/RetryMaxAttempts/MaxValue").asInt()).isEqualTo(185);
  }

  @Test
  void deadLetterQueue_isEncryptedAndKeepsEventsFourteenDays() {
    JsonNode properties = resource(queue).get("Properties");

    assertThat(properties.get("SqsManagedSseEnabled").booleanValue()).isTrue();
    assertThat(properties.get("MessageRetentionPeriod").asInt()).isEqualTo(14 * 24 * 3600);
  }

  @Test
  void resourcePolicies_letEventBridgeDeliverForTheseRulesOnly() throws IOException {
    JsonNode fromTheRules =
        parse(
            "{\"ArnEquals\": {\"aws:SourceArn\": [{\"Fn::GetAtt\": [\"FailedRule\", \"Arn\"]},"
                + " {\"Fn::GetAtt\": [\"StoppedRule\", \"Arn\"]},"
                + " {\"Fn::GetAtt\": [\"PartiallyFailedRule\", \"Arn\"]},"
                + " {\"Fn::GetAtt\": [\"ConnectionTestRule\", \"Arn\"]}]}}");

    assertThat(onlyResource("AWS::SNS::TopicPolicy").at("/Properties/PolicyDocument/Statement"))
        .containsExactly(
            statement(
                "AlertRulesPublish",
                "sns:Publish",
                parse("{\"Ref\": \"" + topic + "\"}"),
                fromTheRules));
    assertThat(onlyResource("AWS::SQS::QueuePolicy").at("/Properties/PolicyDocument/Statement"))
        .containsExactly(
            statement(
                "AlertRulesDeadLetter",
                "sqs:SendMessage",
                parse("{\"Fn::GetAtt\": [\"" + queue + "\", \"Arn\"]}"),
                fromTheRules));
    // The logs policy is a JSON string built with Fn::Join; read it as the text it becomes.
    JsonNode logsPolicy =
        SampleFiles.JSON.readTree(
            text(onlyResource("AWS::Logs::ResourcePolicy").at("/Properties/PolicyDocument")));
    assertThat(logsPolicy.get("Statement"))
        .containsExactly(
            parse(
                "{\"Sid\": \"AlertRulesWriteLogs\", \"Effect\": \"Allow\","
                    + " \"Principal\": {\"Service\": \"events.amazonaws.com\"},"
                    + " \"Action\": [\"logs:CreateLogStream\", \"logs:PutLogEvents\"],"
                    + " \"Resource\": \"${"
                    + logGroup
                    + ".Arn}\", \"Condition\": {\"ArnEquals\": {\"aws:SourceArn\": ["
                    + "\"${FailedRule.Arn}\", \"${StoppedRule.Arn}\","
                    + " \"${PartiallyFailedRule.Arn}\", \"${ConnectionTestRule.Arn}\"]}}}"));
  }

  @Test
  void logGroup_isUnderAwsEventsWithTheRetentionParameter() {
    JsonNode properties = resource(logGroup).get("Properties");

    assertThat(text(properties.get("LogGroupName")))
        .isEqualTo("/aws/events/errorbridge/${EventBusName}");
    assertThat(text(properties.get("RetentionInDays"))).isEqualTo("${LogRetentionDays}");
    assertThat(json().at("/Parameters/LogRetentionDays/Default").asInt()).isEqualTo(30);
  }

  @Test
  void emailSubscription_notifiesTheAlertEmailParameter() {
    JsonNode properties = onlyResource("AWS::SNS::Subscription").get("Properties");

    assertThat(properties.get("Protocol").textValue()).isEqualTo("email");
    assertThat(text(properties.get("Endpoint"))).isEqualTo("${AlertEmail}");
    assertThat(text(properties.get("TopicArn"))).isEqualTo("${" + topic + "}");
  }

  @Test
  void bus_isNamedByTheParameter_defaultTheQuickstartBus() {
    assertThat(text(resource(bus).at("/Properties/Name"))).isEqualTo("${EventBusName}");
    assertThat(json().at("/Parameters/EventBusName/Default").textValue())
        .isEqualTo("errorbridge-demo");
  }

  @Test
  void apiDestinations_slackWebhookAndPagerDutyEventsV2_withApiKeyConnections() {
    JsonNode slack = resource(logicalIdOfApiDestination("Slack")).get("Properties");
    JsonNode pagerDuty = resource(logicalIdOfApiDestination("PagerDuty")).get("Properties");

    assertThat(text(slack.get("InvocationEndpoint"))).isEqualTo("${SlackWebhookUrl}");
    assertThat(pagerDuty.get("InvocationEndpoint").textValue())
        .isEqualTo("https://events.pagerduty.com/v2/enqueue");
    for (JsonNode destination : List.of(slack, pagerDuty)) {
      assertThat(destination.get("HttpMethod").textValue()).isEqualTo("POST");
    }
    assertThat(slack.get("InvocationRateLimitPerSecond").asInt()).isEqualTo(1);
    assertThat(pagerDuty.get("InvocationRateLimitPerSecond").asInt()).isEqualTo(2);
    assertThat(connectionAuth(slack))
        .isEqualTo(
            parse(
                "{\"ApiKeyAuthParameters\": {\"ApiKeyName\": \"Authorization\","
                    + " \"ApiKeyValue\": {\"Ref\": \"SlackConnectionApiKey\"}}}"));
    assertThat(connectionAuth(pagerDuty))
        .isEqualTo(
            parse(
                "{\"ApiKeyAuthParameters\": {\"ApiKeyName\": \"Authorization\","
                    + " \"ApiKeyValue\": {\"Ref\": \"PagerDutyConnectionApiKey\"}}}"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "SlackWebhookUrl",
        "SlackConnectionApiKey",
        "PagerDutyRoutingKey",
        "PagerDutyConnectionApiKey"
      })
  void secret_isANoEchoParameterWithoutDefault(String parameter) {
    JsonNode declared = json().at("/Parameters/" + parameter);

    assertThat(declared.get("NoEcho").booleanValue()).isTrue();
    assertThat(declared.has("Default")).isFalse();
  }

  @Test
  void invokeRole_mayOnlyInvokeTheTwoApiDestinations() {
    JsonNode policy = policyOfRole(invokeRole);

    assertThat(policy.get("Statement"))
        .containsExactly(
            parse(
                "{\"Sid\": \"InvokeAlertDestinations\", \"Effect\": \"Allow\","
                    + " \"Action\": \"events:InvokeApiDestination\", \"Resource\": ["
                    + "{\"Fn::GetAtt\": [\""
                    + logicalIdOfApiDestination("Slack")
                    + "\", \"ArnForPolicy\"]}, {\"Fn::GetAtt\": [\""
                    + logicalIdOfApiDestination("PagerDuty")
                    + "\", \"ArnForPolicy\"]}]}"));
    assertThat(resource(invokeRole).at("/Properties/AssumeRolePolicyDocument/Statement"))
        .containsExactly(
            parse(
                "{\"Action\": \"sts:AssumeRole\", \"Effect\": \"Allow\","
                    + " \"Principal\": {\"Service\": \"events.amazonaws.com\"}}"));
  }

  @Test
  void publisherPolicy_allowsPutEventsAndDescribeEventBusOnTheBusOnly() {
    JsonNode document =
        onlyResource("AWS::IAM::ManagedPolicy").at("/Properties/PolicyDocument/Statement");

    assertThat(document)
        .containsExactly(
            parse(
                "{\"Sid\": \"PublishToTheErrorbridgeBusOnly\", \"Effect\": \"Allow\","
                    + " \"Action\": [\"events:PutEvents\", \"events:DescribeEventBus\"],"
                    + " \"Resource\": {\"Fn::GetAtt\": [\""
                    + bus
                    + "\", \"Arn\"]}}"));
  }

  @Test
  void publisherRole_trustsErrorbridgesAccountWithTheExternalId_inAssumeRoleModeOnly() {
    String roleId =
        logicalIdOfRoleTrusting("arn:${AWS::Partition}:iam::${ErrorbridgeAccountId}:root");
    JsonNode role = resource(roleId);
    JsonNode properties = role.get("Properties");

    assertThat(properties.at("/AssumeRolePolicyDocument/Statement"))
        .containsExactly(
            parse(
                "{\"Action\": \"sts:AssumeRole\", \"Effect\": \"Allow\","
                    + " \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": {\"Ref\": \"ExternalId\"}}},"
                    + " \"Principal\": {\"AWS\": {\"Fn::Join\": [\"\", [\"arn:\","
                    + " {\"Ref\": \"AWS::Partition\"}, \":iam::\", {\"Ref\": \"ErrorbridgeAccountId\"},"
                    + " \":root\"]]}}}"));
    assertThat(properties.get("ManagedPolicyArns"))
        .containsExactly(parse("{\"Ref\": \"" + onlyLogicalId("AWS::IAM::ManagedPolicy") + "\"}"));
    assertThat(properties.has("Policies")).as("no inline policies").isFalse();
    assertThat(properties.get("MaxSessionDuration").asInt()).isEqualTo(3600);
    assertThat(text(properties.get("RoleName"))).isEqualTo("${PublisherRoleName}");
    String condition = role.get("Condition").textValue();
    assertThat(json().at("/Conditions/" + condition))
        .isEqualTo(parse("{\"Fn::Equals\": [{\"Ref\": \"AuthMode\"}, \"ASSUME_ROLE\"]}"));
    assertThat(json().at("/Outputs/PublisherRoleArn/Condition").textValue()).isEqualTo(condition);
    assertThat(json().at("/Parameters/AuthMode/AllowedValues"))
        .containsExactly(parse("\"ASSUME_ROLE\""), parse("\"ACCESS_KEYS\""));
  }

  @Test
  void assumeRoleMode_isRefusedWithoutAnAccountOrAnExternalId() {
    JsonNode rules = json().get("Rules");
    assertThat(rules).hasSize(1);
    JsonNode rule = rules.elements().next();

    assertThat(rule.get("RuleCondition"))
        .isEqualTo(parse("{\"Fn::Equals\": [{\"Ref\": \"AuthMode\"}, \"ASSUME_ROLE\"]}"));
    assertThat(rule.get("Assertions"))
        .extracting(a -> a.get("Assert"))
        .containsExactly(
            parse("{\"Fn::Not\": [{\"Fn::Equals\": [{\"Ref\": \"ErrorbridgeAccountId\"}, \"\"]}]}"),
            parse("{\"Fn::Not\": [{\"Fn::Equals\": [{\"Ref\": \"ExternalId\"}, \"\"]}]}"));
  }

  @Test
  void noPolicy_grantsAWildcardAction_orTrustsAnyone() throws IOException {
    List<JsonNode> statements = new ArrayList<>();
    for (JsonNode resource : json().get("Resources")) {
      collectStatements(resource.get("Properties"), statements);
    }
    statements.addAll(
        toList(
            SampleFiles.JSON
                .readTree(
                    text(
                        onlyResource("AWS::Logs::ResourcePolicy").at("/Properties/PolicyDocument")))
                .get("Statement")));

    // Topic, queue, logs; the invoke role's trust and policy; the publisher policy and role trust.
    assertThat(statements).hasSize(7);
    for (JsonNode statement : statements) {
      for (JsonNode action : asList(statement.get("Action"))) {
        assertThat(action.textValue()).as("action in %s", statement).doesNotContain("*");
      }
      assertThat(statement.has("NotAction")).isFalse();
      assertThat(statement.path("Principal").toString()).doesNotContain("\"*\"");
      assertThat(statement.get("Effect").textValue()).isEqualTo("Allow");
    }
  }

  @Test
  void outputs_giveWhatAnErrorbridgeConnectionNeeds() {
    // With the archive's ARN (for StartReplay) and the schema registry's name.
    assertThat(toList(json().get("Outputs")).size()).isEqualTo(9);
    assertThat(text(json().at("/Outputs/EventBusNameOutput/Value"))).isEqualTo("${" + bus + "}");
    assertThat(text(json().at("/Outputs/PublisherPolicyArn/Value")))
        .isEqualTo("${" + onlyLogicalId("AWS::IAM::ManagedPolicy") + "}");
  }

  private static JsonNode state(String rule) {
    return resource(rule).at("/Properties/State");
  }

  static JsonNode targets(String rule) {
    return resource(rule).at("/Properties/Targets");
  }

  private static JsonNode statement(
      String sid, String action, JsonNode resource, JsonNode condition) {
    return parse(
        "{\"Sid\": \""
            + sid
            + "\", \"Effect\": \"Allow\", \"Principal\": {\"Service\": \""
            + EVENTBRIDGE
            + "\"}, \"Action\": \""
            + action
            + "\", \"Resource\": "
            + resource
            + ", \"Condition\": "
            + condition
            + "}");
  }

  private static JsonNode connectionAuth(JsonNode destination) {
    String connection = destination.at("/ConnectionArn/Fn::GetAtt/0").textValue();
    JsonNode properties = resource(connection).get("Properties");
    assertThat(properties.get("AuthorizationType").textValue()).isEqualTo("API_KEY");
    return properties.get("AuthParameters");
  }

  private static String logicalIdOfApiDestination(String descriptionStart) {
    for (Map.Entry<String, JsonNode> e : toEntries(json().get("Resources"))) {
      JsonNode r = e.getValue();
      if (r.get("Type").textValue().equals("AWS::Events::ApiDestination")
          && r.at("/Properties/Description").textValue().startsWith(descriptionStart)) {
        return e.getKey();
      }
    }
    throw new AssertionError("no API destination for " + descriptionStart);
  }

  private static String logicalIdOfRoleTrusting(String principal) {
    for (Map.Entry<String, JsonNode> e : toEntries(json().get("Resources"))) {
      JsonNode r = e.getValue();
      if (r.get("Type").textValue().equals("AWS::IAM::Role")) {
        JsonNode p = r.at("/Properties/AssumeRolePolicyDocument/Statement/0/Principal");
        JsonNode who = p.has("Service") ? p.get("Service") : p.get("AWS");
        if (text(who).equals(principal)) {
          return e.getKey();
        }
      }
    }
    throw new AssertionError("no role trusting " + principal);
  }

  private static JsonNode policyOfRole(String role) {
    for (JsonNode r : json().get("Resources")) {
      if (r.get("Type").textValue().equals("AWS::IAM::Policy")
          && r.at("/Properties/Roles").toString().contains("\"" + role + "\"")) {
        return r.at("/Properties/PolicyDocument");
      }
    }
    throw new AssertionError("no policy of " + role);
  }

  private static void collectStatements(JsonNode node, List<JsonNode> out) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      if (node.has("Statement") && node.get("Statement").isArray()) {
        out.addAll(toList(node.get("Statement")));
      }
      node.elements().forEachRemaining(child -> collectStatements(child, out));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collectStatements(child, out));
    }
  }

  private static List<JsonNode> asList(JsonNode node) {
    return node == null ? List.of() : node.isArray() ? toList(node) : List.of(node);
  }

  private static List<JsonNode> toList(JsonNode node) {
    List<JsonNode> list = new ArrayList<>();
    node.elements().forEachRemaining(list::add);
    return list;
  }

  private static List<Map.Entry<String, JsonNode>> toEntries(JsonNode node) {
    List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
    node.fields().forEachRemaining(list::add);
    return list;
  }

  static JsonNode parse(String text) {
    try {
      return SampleFiles.JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
