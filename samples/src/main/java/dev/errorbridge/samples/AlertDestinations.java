package dev.errorbridge.samples;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.ApiDestination;
import software.amazon.awscdk.services.events.Authorization;
import software.amazon.awscdk.services.events.CfnRule.InputTransformerProperty;
import software.amazon.awscdk.services.events.CfnRule.TargetProperty;
import software.amazon.awscdk.services.events.Connection;
import software.amazon.awscdk.services.events.HttpMethod;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.ResourcePolicy;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Where alerts go: an SNS topic with an email subscription, a CloudWatch Logs group that keeps
 * every event whole, API destinations for a Slack incoming webhook and PagerDuty Events v2, and the
 * dead-letter queue for what none of them accepted. Call {@link #allowDeliveryFrom} once the rules
 * exist: each resource policy lets EventBridge in for those rules only ({@code aws:SourceArn}).
 */
public final class AlertDestinations extends Construct {
  /** PagerDuty's Events API v2 endpoint. */
  public static final String PAGERDUTY_EVENTS_V2 = "https://events.pagerduty.com/v2/enqueue";

  // Slack allows about one message per second per incoming webhook; PagerDuty about 120 events per
  // minute per integration key. EventBridge queues and retries what exceeds these rates.
  private static final int SLACK_REQUESTS_PER_SECOND = 1;
  private static final int PAGERDUTY_REQUESTS_PER_SECOND = 2;

  private static final ServicePrincipal EVENTBRIDGE = new ServicePrincipal("events.amazonaws.com");

  private final AlertingParameters parameters;
  private final Topic topic;
  private final LogGroup logGroup;
  private final Queue deadLetterQueue;
  private final ApiDestination slack;
  private final ApiDestination pagerDuty;
  private final Role invokeRole;
  private final TargetDelivery delivery;

  /**
   * Creates the destinations.
   *
   * @param scope the stack
   * @param id the construct id
   * @param parameters the stack's parameters
   */
  public AlertDestinations(Construct scope, String id, AlertingParameters parameters) {
    super(scope, id);
    this.parameters = parameters;
    String busName = parameters.eventBusName().getValueAsString();

    topic = Topic.Builder.create(this, "AlertTopic").displayName("Errorbridge alerts").build();
    topic.addSubscription(new EmailSubscription(parameters.alertEmail().getValueAsString()));

    // EventBridge can write to CloudWatch Logs only in groups named /aws/events/...
    logGroup =
        LogGroup.Builder.create(this, "AlertLog")
            .logGroupName(Fn.join("", List.of("/aws/events/errorbridge/", busName)))
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    ((CfnLogGroup) logGroup.getNode().getDefaultChild())
        .setRetentionInDays(parameters.logRetentionDays().getValueAsNumber());

    deadLetterQueue =
        Queue.Builder.create(this, "TargetDeadLetterQueue")
            .encryption(QueueEncryption.SQS_MANAGED)
            .retentionPeriod(Duration.days(14))
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();

    slack =
        ApiDestination.Builder.create(this, "SlackDestination")
            .description("Slack incoming webhook for Errorbridge alerts")
            .connection(connection("SlackConnection", "Slack", parameters.slackConnectionApiKey()))
            .endpoint(parameters.slackWebhookUrl().getValueAsString())
            .httpMethod(HttpMethod.POST)
            .rateLimitPerSecond(SLACK_REQUESTS_PER_SECOND)
            .build();
    pagerDuty =
        ApiDestination.Builder.create(this, "PagerDutyDestination")
            .description("PagerDuty Events API v2 for Errorbridge alerts")
            .connection(
                connection(
                    "PagerDutyConnection", "PagerDuty", parameters.pagerDutyConnectionApiKey()))
            .endpoint(PAGERDUTY_EVENTS_V2)
            .httpMethod(HttpMethod.POST)
            .rateLimitPerSecond(PAGERDUTY_REQUESTS_PER_SECOND)
            .build();
    invokeRole =
        Role.Builder.create(this, "ApiDestinationsInvokeRole")
            .description(
                "Lets the Errorbridge alert rules call the Slack and PagerDuty destinations")
            .assumedBy(EVENTBRIDGE)
            .build();
    invokeRole.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("InvokeAlertDestinations")
            .effect(Effect.ALLOW)
            .actions(List.of("events:InvokeApiDestination"))
            .resources(
                List.of(
                    slack.getApiDestinationArnForPolicy(),
                    pagerDuty.getApiDestinationArnForPolicy()))
            .build());

    delivery =
        new TargetDelivery(
            parameters.retryMaxEventAgeSeconds().getValueAsNumber(),
            parameters.retryMaxAttempts().getValueAsNumber(),
            deadLetterQueue.getQueueArn());
  }

  /** The SNS topic, with the email body of {@link AlertMessages#email()}. */
  public TargetProperty emailTarget() {
    return target("AlertEmail", topic.getTopicArn())
        .inputTransformer(AlertMessages.email())
        .build();
  }

  /** The log group, which gets the whole event: the record to go back to. */
  public TargetProperty logTarget() {
    String arn =
        Stack.of(this)
            .formatArn(
                ArnComponents.builder()
                    .service("logs")
                    .resource("log-group")
                    .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                    .resourceName(logGroup.getLogGroupName())
                    .build());
    return target("AlertLog", arn).build();
  }

  /** The Slack webhook, with {@code message} as the body. */
  public TargetProperty slackTarget(InputTransformerProperty message) {
    return target("Slack", slack.getApiDestinationArn())
        .roleArn(invokeRole.getRoleArn())
        .inputTransformer(message)
        .build();
  }

  /** PagerDuty, triggering an incident of {@code severity}. */
  public TargetProperty pagerDutyTarget(AlertMessages.Severity severity) {
    return target("PagerDuty", pagerDuty.getApiDestinationArn())
        .roleArn(invokeRole.getRoleArn())
        .inputTransformer(
            AlertMessages.pagerDuty(parameters.pagerDutyRoutingKey().getValueAsString(), severity))
        .build();
  }

  /**
   * Lets EventBridge publish to the topic, write to the log group and park in the dead-letter
   * queue, each for the given rules only.
   *
   * @param ruleArns the ARNs of the rules whose targets these are
   */
  public void allowDeliveryFrom(List<String> ruleArns) {
    Map<String, Object> fromTheseRules = Map.of("ArnEquals", Map.of("aws:SourceArn", ruleArns));
    topic.addToResourcePolicy(
        allow("sns:Publish", topic.getTopicArn(), fromTheseRules, "AlertRulesPublish"));
    deadLetterQueue.addToResourcePolicy(
        allow(
            "sqs:SendMessage",
            deadLetterQueue.getQueueArn(),
            fromTheseRules,
            "AlertRulesDeadLetter"));
    ResourcePolicy.Builder.create(this, "AlertLogPolicy")
        .resourcePolicyName(
            Fn.join("", List.of("errorbridge-", parameters.eventBusName().getValueAsString())))
        .policyStatements(
            List.of(
                PolicyStatement.Builder.create()
                    .sid("AlertRulesWriteLogs")
                    .effect(Effect.ALLOW)
                    .principals(List.of(EVENTBRIDGE))
                    .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                    .resources(List.of(logGroup.getLogGroupArn()))
                    .conditions(fromTheseRules)
                    .build()))
        .build();
  }

  /** The topic alerts are emailed from. */
  public Topic topic() {
    return topic;
  }

  /** The group that keeps every alerted event. */
  public LogGroup logGroup() {
    return logGroup;
  }

  /** Where events go that no target accepted. */
  public Queue deadLetterQueue() {
    return deadLetterQueue;
  }

  private TargetProperty.Builder target(String id, String arn) {
    return TargetProperty.builder()
        .id(id)
        .arn(arn)
        .retryPolicy(delivery.retryPolicy())
        .deadLetterConfig(delivery.deadLetterConfig());
  }

  /**
   * An API-key connection. EventBridge keeps the key in a Secrets Manager secret it manages; the
   * value comes from a NoEcho parameter, so it is in neither the code nor the template.
   */
  private Connection connection(String id, String tool, CfnParameter apiKey) {
    return Connection.Builder.create(this, id)
        .description(tool + " connection for Errorbridge alerts")
        .authorization(Authorization.apiKey("Authorization", SecretValue.cfnParameter(apiKey)))
        .build();
  }

  private static PolicyStatement allow(
      String action, String resource, Map<String, Object> conditions, String sid) {
    return PolicyStatement.Builder.create()
        .sid(sid)
        .effect(Effect.ALLOW)
        .principals(List.of(EVENTBRIDGE))
        .actions(List.of(action))
        .resources(List.of(resource))
        .conditions(conditions)
        .build();
  }
}
