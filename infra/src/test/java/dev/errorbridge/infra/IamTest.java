package dev.errorbridge.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Least privilege, role by role, and the few wildcards AWS makes unavoidable. */
class IamTest {

  private static final String TABLE = "${State/Table.Arn}";
  private static final String ASSUME_CUSTOMER_ROLES =
      "sts:AssumeRole on arn:${AWS::Partition}:iam::*:role/errorbridge-*"
          + " if {Null={sts:ExternalId=false}, StringLike={sts:RoleSessionName=errorbridge-*}}";

  private static StackJson json;
  private static StackJson configured;

  @BeforeAll
  static void synthesise() {
    json = Synthesized.defaults().json();
    configured = Synthesized.configured().json();
  }

  private static List<String> logs(String function) {
    return List.of(
        "logs:CreateLogStream on ${Functions/" + function + "/Logs.Arn}",
        "logs:PutLogEvents on ${Functions/" + function + "/Logs.Arn}");
  }

  private static List<String> readTable(String... indexes) {
    List<String> lines = new ArrayList<>();
    lines.add("dynamodb:BatchGetItem on " + TABLE);
    lines.add("dynamodb:GetItem on " + TABLE);
    lines.add("dynamodb:Query on " + TABLE);
    for (String index : indexes) {
      lines.add("dynamodb:Query on " + TABLE + "/index/" + index);
    }
    return lines;
  }

  private static List<String> writeTable() {
    return List.of(
        "dynamodb:BatchWriteItem on " + TABLE,
        "dynamodb:ConditionCheckItem on " + TABLE,
        "dynamodb:DeleteItem on " + TABLE,
        "dynamodb:PutItem on " + TABLE,
        "dynamodb:UpdateItem on " + TABLE);
  }

  private static List<String> permissions(String function) {
    return json.rolePermissions("Functions/" + function + "/Role");
  }

  @Test
  void pollSchedule_readsEnabledConnectionsSendsPollRequestsAndPublishesItsMetric() {
    List<String> expected = new ArrayList<>(logs("PollSchedule"));
    expected.addAll(readTable("enabled"));
    expected.add("sqs:SendMessage on ${Poll/Queue.Arn}");
    expected.add(
        "cloudwatch:PutMetricData on * if {StringEquals={cloudwatch:namespace=Errorbridge}}");

    assertThat(permissions("PollSchedule")).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void pollWorker_readsAndWritesTheTableConsumesThePollQueueAndAssumesCustomerRoles() {
    List<String> expected = new ArrayList<>(logs("PollWorker"));
    expected.addAll(readTable());
    expected.addAll(writeTable());
    expected.add(ASSUME_CUSTOMER_ROLES);
    for (String action :
        List.of(
            "ChangeMessageVisibility",
            "DeleteMessage",
            "GetQueueAttributes",
            "GetQueueUrl",
            "ReceiveMessage")) {
      expected.add("sqs:" + action + " on ${Poll/Queue.Arn}");
    }

    assertThat(permissions("PollWorker")).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void webhook_readsAndWritesTheTableAndAssumesCustomerRoles() {
    List<String> expected = new ArrayList<>(logs("Webhook"));
    expected.addAll(readTable());
    expected.addAll(writeTable());
    expected.add(ASSUME_CUSTOMER_ROLES);

    assertThat(permissions("Webhook")).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void settingsApi_alsoQueriesATenantsConnections() {
    List<String> expected = new ArrayList<>(logs("SettingsApi"));
    expected.addAll(readTable("byTenant"));
    expected.addAll(writeTable());
    expected.add(ASSUME_CUSTOMER_ROLES);

    assertThat(permissions("SettingsApi")).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void retryDrain_alsoQueriesParkedEventsThatAreDue() {
    List<String> expected = new ArrayList<>(logs("RetryDrain"));
    expected.addAll(readTable("enabled"));
    expected.addAll(writeTable());
    expected.add(ASSUME_CUSTOMER_ROLES);

    assertThat(permissions("RetryDrain")).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void ambientMode_letsThePublishersUseTheListedBusesOfThisAccountOnly() {
    List<String> ambient = new ArrayList<>();
    for (String bus : List.of("errors", "audit")) {
      for (String action : List.of("events:PutEvents", "events:DescribeEventBus")) {
        ambient.add(
            action + " on arn:${AWS::Partition}:events:*:${AWS::AccountId}:event-bus/" + bus);
      }
    }

    for (String function : List.of("PollWorker", "Webhook", "SettingsApi", "RetryDrain")) {
      assertThat(configured.rolePermissions("Functions/" + function + "/Role"))
          .containsAll(ambient)
          .contains(
              "sts:AssumeRole on arn:${AWS::Partition}:iam::*:role/acme-errorbridge-*"
                  + " if {Null={sts:ExternalId=false},"
                  + " StringLike={sts:RoleSessionName=errorbridge-*}}");
    }
    assertThat(configured.rolePermissions("Functions/PollSchedule/Role"))
        .noneMatch(line -> line.startsWith("events:"));
    assertThat(json.allStatements())
        .flatExtracting(StackJson.Statement::actions)
        .noneMatch(action -> action.startsWith("events:"));
  }

  @Test
  void partnerMode_whenOn_letsThePublishersManageAndPublishToSourcesUnderThePrefixOnly() {
    String sources =
        "arn:${AWS::Partition}:events:*::event-source/aws.partner/acme.example.com/errors/*";
    List<String> partner = new ArrayList<>();
    for (String action :
        List.of(
            "CreatePartnerEventSource",
            "DescribePartnerEventSource",
            "DeletePartnerEventSource",
            "ListPartnerEventSourceAccounts")) {
      partner.add("events:" + action + " on " + sources);
    }
    partner.add("events:PutPartnerEvents on *");

    for (String function : List.of("PollWorker", "Webhook", "SettingsApi", "RetryDrain")) {
      assertThat(configured.rolePermissions("Functions/" + function + "/Role"))
          .containsAll(partner);
    }
    assertThat(configured.rolePermissions("Functions/PollSchedule/Role"))
        .noneMatch(line -> line.contains("Partner"));
  }

  @Test
  void partnerMode_whenOff_grantsNoPartnerActionAnywhere() {
    assertThat(json.allStatements())
        .flatExtracting(StackJson.Statement::actions)
        .noneMatch(action -> action.contains("Partner"));
  }

  @Test
  void noStatementAnywhereAllowsAWildcardAction() {
    for (StackJson stack : List.of(json, configured)) {
      assertThat(stack.allStatements())
          .filteredOn(s -> s.effect().equals("Allow"))
          .isNotEmpty()
          .allSatisfy(s -> assertThat(s.actions()).noneMatch(action -> action.contains("*")));
    }
  }

  @Test
  void theOnlyDenyStatementsRefuseRequestsWithoutTls() {
    assertThat(json.allStatements())
        .filteredOn(s -> s.effect().equals("Deny"))
        .extracting(StackJson.Statement::source)
        .containsExactlyInAnyOrder(
            "Poll/Queue/Policy", "Poll/DeadLetterQueue/Policy", "Alarms/Topic/Policy");
    assertThat(json.allStatements())
        .filteredOn(s -> s.effect().equals("Deny"))
        .allSatisfy(
            s ->
                assertThat(s.conditions())
                    .isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
  }

  /**
   * Every resource with a {@code *} in an Allow statement, and why AWS requires it. (Log group
   * ARNs, rendered here as {@code ${...Logs.Arn}}, also end in {@code :*}: Lambda creates a log
   * stream per execution environment, so the streams cannot be named in advance.)
   */
  @Test
  void wildcardResources_areExactlyTheOnesAwsRequires() {
    Set<String> expected = new TreeSet<>();
    // A key policy's resource is always "*": it means "this key".
    expected.add("Secrets/Key: *");
    // cloudwatch:PutMetricData has no resource-level permissions (narrowed by namespace).
    expected.add("Functions/PollSchedule/Role/DefaultPolicy: *");
    // Customer roles live in accounts unknown at deploy time (narrowed by role name prefix,
    // External ID and session name).
    for (String function : List.of("PollWorker", "Webhook", "SettingsApi", "RetryDrain")) {
      expected.add(
          "Functions/"
              + function
              + "/Role/DefaultPolicy: arn:${AWS::Partition}:iam::*:role/errorbridge-*");
    }

    assertThat(wildcardResources(json)).containsExactlyElementsOf(expected);

    Set<String> expectedConfigured = new TreeSet<>();
    expectedConfigured.add("Secrets/Key: *");
    expectedConfigured.add("Functions/PollSchedule/Role/DefaultPolicy: *");
    for (String function : List.of("PollWorker", "Webhook", "SettingsApi", "RetryDrain")) {
      String policy = "Functions/" + function + "/Role/DefaultPolicy: ";
      expectedConfigured.add(policy + "arn:${AWS::Partition}:iam::*:role/acme-errorbridge-*");
      // AMBIENT: a connection may name a bus of this account in any Region.
      for (String bus : List.of("errors", "audit")) {
        expectedConfigured.add(
            policy + "arn:${AWS::Partition}:events:*:${AWS::AccountId}:event-bus/" + bus);
      }
      // PARTNER_EVENT_SOURCE: sources under the prefix, in the Region each connection names;
      // PutPartnerEvents names no source in its request, so it has no resource to narrow to.
      expectedConfigured.add(
          policy
              + "arn:${AWS::Partition}:events:*::event-source/aws.partner/acme.example.com/errors/*");
      expectedConfigured.add(policy + "*");
    }
    assertThat(wildcardResources(configured)).containsExactlyElementsOf(expectedConfigured);
  }

  private static Set<String> wildcardResources(StackJson stack) {
    Set<String> wildcards = new TreeSet<>();
    for (StackJson.Statement statement : stack.allStatements()) {
      if (statement.effect().equals("Allow")) {
        for (String resource : statement.resources()) {
          if (resource.contains("*")) {
            wildcards.add(statement.source() + ": " + resource);
          }
        }
      }
    }
    return wildcards;
  }

  @Test
  void dataActions_onlyTouchTheTableTheQueueAndEachFunctionsOwnLogs() {
    for (StackJson.Statement statement : json.allStatements()) {
      for (String line : statement.lines()) {
        String resource = line.substring(line.indexOf(" on ") + 4).split(" if ")[0];
        if (line.startsWith("dynamodb:")) {
          assertThat(resource).startsWith(TABLE);
        } else if (line.startsWith("sqs:") && statement.effect().equals("Allow")) {
          assertThat(resource).isEqualTo("${Poll/Queue.Arn}");
        } else if (line.startsWith("logs:")) {
          String function = statement.source().split("/")[1];
          assertThat(resource).isEqualTo("${Functions/" + function + "/Logs.Arn}");
        }
      }
    }
  }

  @Test
  void functionRoles_trustOnlyLambdaAndHaveNoManagedPolicies() {
    assertThat(json.properties("AWS::IAM::Role"))
        .hasSize(7)
        .allSatisfy((path, role) -> assertThat(role).doesNotContainKey("ManagedPolicyArns"));
    for (FunctionSpec spec : FunctionSpec.values()) {
      assertThat(json.allStatements())
          .filteredOn(s -> s.source().equals("Functions/" + spec.id() + "/Role"))
          .singleElement()
          .satisfies(
              trust -> {
                assertThat(trust.actions()).containsExactly("sts:AssumeRole");
                assertThat(trust.principal()).isEqualTo(Map.of("Service", "lambda.amazonaws.com"));
              });
    }
  }
}
