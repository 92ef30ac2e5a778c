package dev.errorbridge.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * The IAM statements the function roles are built from, each as narrow as the API allows. Every
 * {@code *} in a resource is one AWS requires and is explained where it is written; no action is a
 * wildcard.
 */
final class Grants {

  /** Reads: single items, batches of up to 100 (dedup claims), and queries of one partition. */
  static final List<String> TABLE_READ_ACTIONS =
      List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query");

  /**
   * Writes, all conditional where the stores need it. {@code TransactWriteItems} needs no action of
   * its own: IAM checks the put, update, delete and condition check inside it. {@code
   * BatchWriteItem} deletes a connection's items; never {@code Scan}, never table admin.
   */
  static final List<String> TABLE_WRITE_ACTIONS =
      List.of(
          "dynamodb:PutItem",
          "dynamodb:UpdateItem",
          "dynamodb:DeleteItem",
          "dynamodb:BatchWriteItem",
          "dynamodb:ConditionCheckItem");

  /** Indexes are only ever queried. */
  static final List<String> INDEX_ACTIONS = List.of("dynamodb:Query");

  /** The namespace of Errorbridge's custom metrics. */
  static final String METRIC_NAMESPACE = "Errorbridge";

  /**
   * The {@code RoleSessionName} prefix the credentials code always uses ({@code
   * RoleSessionNames.PREFIX}), so the customer's CloudTrail shows Errorbridge and the connection.
   */
  static final String ROLE_SESSION_NAME_PREFIX = "errorbridge-";

  private Grants() {}

  /** Lets the role read the table and query the named indexes. */
  static void readTable(IRole role, ConnectorTable table, String... indexes) {
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .actions(TABLE_READ_ACTIONS)
            .resources(List.of(table.tableArn()))
            .build());
    if (indexes.length > 0) {
      List<String> indexArns = new ArrayList<>();
      for (String index : indexes) {
        indexArns.add(table.indexArn(index));
      }
      role.addToPrincipalPolicy(
          PolicyStatement.Builder.create().actions(INDEX_ACTIONS).resources(indexArns).build());
    }
  }

  /** Lets the role write items of the table (no table administration). */
  static void writeTable(IRole role, ConnectorTable table) {
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .actions(TABLE_WRITE_ACTIONS)
            .resources(List.of(table.tableArn()))
            .build());
  }

  /** Lets the role send messages (and batches of them) to the queue. */
  static void sendTo(IRole role, IQueue queue) {
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("sqs:SendMessage"))
            .resources(List.of(queue.getQueueArn()))
            .build());
  }

  /**
   * Lets the role publish metrics in the Errorbridge namespace only. {@code PutMetricData} has no
   * resource-level permissions, so AWS requires {@code "*"} as the resource; the {@code
   * cloudwatch:namespace} condition is what narrows it.
   */
  static void putErrorbridgeMetrics(IRole role) {
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("cloudwatch:PutMetricData"))
            .resources(List.of("*"))
            .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", METRIC_NAMESPACE)))
            .build());
  }

  /**
   * Lets the role assume customer roles (role-mode connections).
   *
   * <p>The account in the ARN must be {@code *}: customers' accounts are not known when this stack
   * is deployed, and {@code aws:ResourceTag}/{@code iam:ResourceTag} conditions cannot see tags of
   * a role in another account. What narrows it instead:
   *
   * <ul>
   *   <li>the role name must start with {@code customerRoleNamePrefix} (default {@code
   *       errorbridge-}), so a role that trusts this account for some other reason is out of reach;
   *   <li>an External ID must be sent ({@code Null sts:ExternalId = false}): the customer's trust
   *       policy requires the connection's External ID (the confused-deputy guard), and a call
   *       without one is refused here already;
   *   <li>the session name must be {@code errorbridge-<connectionId>}, which the customer sees in
   *       CloudTrail.
   * </ul>
   */
  static void assumeCustomerRoles(IRole role, String roleNamePrefix) {
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("sts:AssumeRole"))
            .resources(customerRoleArns(roleNamePrefix))
            .conditions(
                Map.of(
                    "Null", Map.of("sts:ExternalId", "false"),
                    "StringLike", Map.of("sts:RoleSessionName", ROLE_SESSION_NAME_PREFIX + "*")))
            .build());
  }

  /** The customer role ARNs {@code sts:AssumeRole} is allowed on. */
  static List<String> customerRoleArns(String roleNamePrefix) {
    return List.of("arn:" + Aws.PARTITION + ":iam::*:role/" + roleNamePrefix + "*");
  }

  /**
   * Lets the role publish to, and describe, event buses of this account with its own credentials
   * (AMBIENT connections, off unless {@code ambientEventBuses} is set). The Region is {@code *}
   * because a connection may name a bus in any Region of the account; the bus names are the
   * operator's list.
   */
  static void publishToAmbientBuses(IRole role, List<String> busNames) {
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("events:PutEvents", "events:DescribeEventBus"))
            .resources(ambientBusArns(busNames))
            .build());
  }

  /**
   * Lets the role manage and publish to the partner event sources under {@code prefix}
   * (PARTNER_EVENT_SOURCE connections, off unless {@code partnerSourcePrefix} is set). The
   * management actions are limited to event-source ARNs under the prefix, in any Region (a
   * connection names its Region); {@code events:PutPartnerEvents} names no event source in its
   * request (each entry's Source does), so it is granted on {@code *}.
   */
  static void managePartnerEventSources(IRole role, String prefix) {
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .actions(
                List.of(
                    "events:CreatePartnerEventSource",
                    "events:DescribePartnerEventSource",
                    "events:DeletePartnerEventSource",
                    "events:ListPartnerEventSourceAccounts"))
            .resources(List.of(partnerEventSourceArn(prefix)))
            .build());
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("events:PutPartnerEvents"))
            .resources(List.of("*"))
            .build());
  }

  /** The ARN pattern of the partner event sources under {@code prefix}. */
  static String partnerEventSourceArn(String prefix) {
    return "arn:" + Aws.PARTITION + ":events:*::event-source/" + prefix + "/*";
  }

  /** The bus ARNs AMBIENT connections may publish to. */
  static List<String> ambientBusArns(List<String> busNames) {
    return busNames.stream()
        .map(name -> "arn:" + Aws.PARTITION + ":events:*:" + Aws.ACCOUNT_ID + ":event-bus/" + name)
        .toList();
  }
}
