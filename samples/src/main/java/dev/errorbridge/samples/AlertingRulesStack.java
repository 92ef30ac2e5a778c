package dev.errorbridge.samples;

import java.util.List;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.EventBus;
import software.constructs.Construct;

/**
 * The customer's side of Errorbridge in one stack: the event bus, a rule per Errorbridge detail
 * type routing to email, logs, Slack and PagerDuty, and the IAM Errorbridge signs with.
 *
 * <ul>
 *   <li>{@code Workflow Execution Failed}: always on; email, log, Slack, PagerDuty (severity
 *       error).
 *   <li>{@code Workflow Execution Stopped} and {@code Partially Failed}: on when {@code
 *       RouteStopped} / {@code RoutePartiallyFailed} are {@code true} (the connection must opt in
 *       too); same targets, PagerDuty severity info / warning. A rule that is off exists, disabled,
 *       so that switching it is an update, not a replacement.
 *   <li>{@code Errorbridge Connection Test}: log and Slack, so that testing a connection shows
 *       where its alerts will arrive; never emailed or paged.
 * </ul>
 *
 * <p>It also archives Errorbridge events for replay ({@link ErrorbridgeArchive}) and registers the
 * event contract in a schema registry ({@link ErrorbridgeSchemaRegistry}).
 */
public final class AlertingRulesStack extends Stack {
  private final EventBus bus;
  private final List<CfnRule> rules;
  private final ErrorbridgeArchive archive;
  private final ErrorbridgeSchemaRegistry schemaRegistry;

  /**
   * Creates the stack.
   *
   * @param scope the app
   * @param id the stack's name
   * @param props stack properties (see {@link AlertingApp#stackProps()})
   */
  public AlertingRulesStack(Construct scope, String id, StackProps props) {
    super(scope, id, props);
    AlertingParameters parameters = AlertingParameters.declare(this);

    bus =
        EventBus.Builder.create(this, "ErrorbridgeBus")
            .eventBusName(parameters.eventBusName().getValueAsString())
            .description("Failed workflow executions, published by Errorbridge")
            .build();

    AlertDestinations to = new AlertDestinations(this, "Destinations", parameters);
    rules =
        List.of(
            AlertRules.create(
                this,
                "FailedRule",
                bus,
                EventPatterns.FAILED,
                AlertRules.ENABLED,
                "Errorbridge: failed workflow executions to email, logs, Slack and PagerDuty",
                List.of(
                    to.emailTarget(),
                    to.logTarget(),
                    to.slackTarget(AlertMessages.slack()),
                    to.pagerDutyTarget(AlertMessages.Severity.ERROR))),
            AlertRules.create(
                this,
                "StoppedRule",
                bus,
                EventPatterns.STOPPED,
                enabledWhen(parameters.routeStopped()),
                "Errorbridge: stopped workflow executions (RouteStopped)",
                List.of(
                    to.emailTarget(),
                    to.logTarget(),
                    to.slackTarget(AlertMessages.slack()),
                    to.pagerDutyTarget(AlertMessages.Severity.INFO))),
            AlertRules.create(
                this,
                "PartiallyFailedRule",
                bus,
                EventPatterns.PARTIALLY_FAILED,
                enabledWhen(parameters.routePartiallyFailed()),
                "Errorbridge: partially failed workflow executions (RoutePartiallyFailed)",
                List.of(
                    to.emailTarget(),
                    to.logTarget(),
                    to.slackTarget(AlertMessages.slack()),
                    to.pagerDutyTarget(AlertMessages.Severity.WARNING))),
            AlertRules.create(
                this,
                "ConnectionTestRule",
                bus,
                EventPatterns.CONNECTION_TEST,
                AlertRules.ENABLED,
                "Errorbridge: connection tests to logs and Slack",
                List.of(to.logTarget(), to.slackTarget(AlertMessages.slackConnectionTest()))));
    to.allowDeliveryFrom(rules.stream().map(CfnRule::getAttrArn).toList());

    ErrorbridgeAccess access = new ErrorbridgeAccess(this, "ErrorbridgeAccess", bus, parameters);
    archive = new ErrorbridgeArchive(this, "ErrorbridgeArchive", bus, parameters);
    schemaRegistry = new ErrorbridgeSchemaRegistry(this, "ErrorbridgeSchemas", bus);
    outputs(to, access);
  }

  /** The bus Errorbridge publishes to. */
  public EventBus bus() {
    return bus;
  }

  /** The alert rules, failed first. */
  public List<CfnRule> rules() {
    return rules;
  }

  /** The archive of Errorbridge events on the bus. */
  public ErrorbridgeArchive archive() {
    return archive;
  }

  /** The schema registry with the event contract. */
  public ErrorbridgeSchemaRegistry schemaRegistry() {
    return schemaRegistry;
  }

  private String enabledWhen(CfnParameter flag) {
    CfnCondition on =
        CfnCondition.Builder.create(this, flag.getNode().getId() + "Enabled")
            .expression(Fn.conditionEquals(flag.getValueAsString(), "true"))
            .build();
    return Fn.conditionIf(on.getLogicalId(), AlertRules.ENABLED, "DISABLED").toString();
  }

  private void outputs(AlertDestinations to, ErrorbridgeAccess access) {
    output("EventBusNameOutput", "Bus name for the Errorbridge connection", bus.getEventBusName());
    output("EventBusArn", "Bus ARN (the only resource Errorbridge may use)", bus.getEventBusArn());
    output(
        "PublisherPolicyArn",
        "ACCESS_KEYS: attach to the IAM user whose keys you give Errorbridge",
        access.publisherPolicy().getManagedPolicyArn());
    CfnOutput.Builder.create(this, "PublisherRoleArn")
        .description("ASSUME_ROLE: the role ARN for the Errorbridge connection")
        .value(access.publisherRole().getRoleArn())
        .condition(access.assumeRoleMode())
        .build();
    output(
        "ArchiveArn",
        "Archive of Errorbridge events; the event source of StartReplay",
        archive.archive().getAttrArn());
    output(
        "SchemaRegistryName",
        "Schema registry with one schema per Errorbridge detail type",
        schemaRegistry.registry().getAttrRegistryName());
    output("AlertTopicArn", "SNS topic alerts are emailed from", to.topic().getTopicArn());
    output(
        "AlertLogGroup",
        "Log group that keeps every alerted event",
        to.logGroup().getLogGroupName());
    output(
        "DeadLetterQueueUrl",
        "Events no target accepted after retries",
        to.deadLetterQueue().getQueueUrl());
  }

  private void output(String id, String description, String value) {
    CfnOutput.Builder.create(this, id).description(description).value(value).build();
  }
}
