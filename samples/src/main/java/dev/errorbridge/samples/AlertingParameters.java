package dev.errorbridge.samples;

import java.util.List;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Stack;

/**
 * The stack's CloudFormation parameters: everything that differs between customers is chosen at
 * deploy time ({@code cdk deploy --parameters Name=value}), so the synthesised template is one
 * reusable artifact and no secret is ever in code or in {@code cdk.out}. Secret parameters are
 * {@code NoEcho}.
 *
 * @param eventBusName the bus Errorbridge publishes to
 * @param alertEmail the address the SNS topic's email subscription notifies
 * @param routeStopped {@code true} to alert on stopped (cancelled) runs too
 * @param routePartiallyFailed {@code true} to alert on partially failed runs too
 * @param slackWebhookUrl the Slack incoming webhook (its URL is its credential)
 * @param slackConnectionApiKey the value of the Slack connection's API-key header
 * @param pagerDutyRoutingKey the PagerDuty Events v2 integration (routing) key
 * @param pagerDutyConnectionApiKey the value of the PagerDuty connection's API-key header
 * @param retryMaxEventAgeSeconds how long EventBridge keeps retrying a target
 * @param retryMaxAttempts how many times EventBridge retries a target
 * @param logRetentionDays how long the alert log group keeps events
 * @param authMode how Errorbridge signs for the bus: ASSUME_ROLE or ACCESS_KEYS
 * @param errorbridgeAccountId the AWS account Errorbridge runs in (ASSUME_ROLE)
 * @param externalId the External ID Errorbridge showed for the connection (ASSUME_ROLE)
 * @param publisherRoleName the name of the role Errorbridge assumes (ASSUME_ROLE)
 * @param archiveRetentionDays how long the bus's archive keeps Errorbridge events (0: forever)
 */
public record AlertingParameters(
    CfnParameter eventBusName,
    CfnParameter alertEmail,
    CfnParameter routeStopped,
    CfnParameter routePartiallyFailed,
    CfnParameter slackWebhookUrl,
    CfnParameter slackConnectionApiKey,
    CfnParameter pagerDutyRoutingKey,
    CfnParameter pagerDutyConnectionApiKey,
    CfnParameter retryMaxEventAgeSeconds,
    CfnParameter retryMaxAttempts,
    CfnParameter logRetentionDays,
    CfnParameter authMode,
    CfnParameter errorbridgeAccountId,
    CfnParameter externalId,
    CfnParameter publisherRoleName,
    CfnParameter archiveRetentionDays) {

  /** The default bus, the one the Errorbridge quickstart publishes to. */
  public static final String DEFAULT_EVENT_BUS_NAME = "errorbridge-demo";

  /** {@link #authMode} value for the role with an External ID condition (recommended). */
  public static final String ASSUME_ROLE = "ASSUME_ROLE";

  /** {@link #authMode} value for an IAM user's access keys. */
  public static final String ACCESS_KEYS = "ACCESS_KEYS";

  // The retention periods CloudWatch Logs accepts (AWS::Logs::LogGroup RetentionInDays).
  private static final List<String> RETENTION_DAYS =
      List.of(
          "1", "3", "5", "7", "14", "30", "60", "90", "120", "150", "180", "365", "400", "545",
          "731", "1096", "1827", "2192", "2557", "2922", "3288", "3653");

  /** Declares the parameters on {@code stack}. */
  public static AlertingParameters declare(Stack stack) {
    return new AlertingParameters(
        CfnParameter.Builder.create(stack, "EventBusName")
            .description("Name of the custom event bus Errorbridge publishes to.")
            .defaultValue(DEFAULT_EVENT_BUS_NAME)
            .allowedPattern("^[A-Za-z0-9._-]{1,256}$")
            .constraintDescription("1-256 characters of A-Z a-z 0-9 . _ -")
            .build(),
        CfnParameter.Builder.create(stack, "AlertEmail")
            .description("Email address notified of each alert (confirm the SNS subscription).")
            .allowedPattern("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
            .constraintDescription("an email address")
            .build(),
        flag(stack, "RouteStopped", "Also alert on stopped (cancelled) runs."),
        flag(stack, "RoutePartiallyFailed", "Also alert on partially failed runs."),
        CfnParameter.Builder.create(stack, "SlackWebhookUrl")
            .description("Slack incoming webhook URL (https://hooks.slack.com/services/...).")
            .noEcho(true)
            .allowedPattern("^https://hooks\\.slack\\.com/services/[A-Za-z0-9/_-]+$")
            .constraintDescription("a Slack incoming webhook URL")
            .build(),
        secret(
            stack,
            "SlackConnectionApiKey",
            "Authorization header value for the Slack connection, stored by EventBridge in"
                + " Secrets Manager. Incoming webhooks ignore it (the URL authenticates); put a"
                + " bot token ('Bearer xoxb-...') here to call chat.postMessage instead."),
        CfnParameter.Builder.create(stack, "PagerDutyRoutingKey")
            .description("PagerDuty Events API v2 integration key of the service to page.")
            .noEcho(true)
            .allowedPattern("^[A-Za-z0-9]{32}$")
            .constraintDescription("a 32-character PagerDuty integration key")
            .build(),
        secret(
            stack,
            "PagerDutyConnectionApiKey",
            "Authorization header value for the PagerDuty connection, stored by EventBridge in"
                + " Secrets Manager. Events API v2 ignores it (the routing key authenticates);"
                + " a REST API key ('Token token=...') goes here for the REST API."),
        CfnParameter.Builder.create(stack, "RetryMaxEventAgeSeconds")
            .type("Number")
            .description("How long EventBridge retries a failing target before the DLQ.")
            .defaultValue(3600)
            .minValue(60)
            .maxValue(86400)
            .build(),
        CfnParameter.Builder.create(stack, "RetryMaxAttempts")
            .type("Number")
            .description("How many times EventBridge retries a failing target before the DLQ.")
            .defaultValue(8)
            .minValue(0)
            .maxValue(185)
            .build(),
        CfnParameter.Builder.create(stack, "LogRetentionDays")
            .type("Number")
            .description("Days the alert log group keeps events.")
            .defaultValue(30)
            .allowedValues(RETENTION_DAYS)
            .build(),
        CfnParameter.Builder.create(stack, "AuthMode")
            .description(
                "How Errorbridge signs for the bus: ASSUME_ROLE (a role trusting Errorbridge's"
                    + " account with your connection's External ID; recommended) or ACCESS_KEYS"
                    + " (attach the publisher policy to an IAM user you create).")
            .defaultValue(ASSUME_ROLE)
            .allowedValues(List.of(ASSUME_ROLE, ACCESS_KEYS))
            .build(),
        CfnParameter.Builder.create(stack, "ErrorbridgeAccountId")
            .description("AWS account id Errorbridge runs in (required for ASSUME_ROLE).")
            .defaultValue("")
            .allowedPattern("^([0-9]{12})?$")
            .constraintDescription("a 12-digit AWS account id, or empty for ACCESS_KEYS")
            .build(),
        CfnParameter.Builder.create(stack, "ExternalId")
            .description(
                "External ID Errorbridge showed for your connection (required for ASSUME_ROLE).")
            .defaultValue("")
            .allowedPattern("^([A-Za-z0-9_+=,.@:/-]{2,1224})?$")
            .constraintDescription("2-1224 characters of A-Z a-z 0-9 _ + = , . @ : / -")
            .build(),
        CfnParameter.Builder.create(stack, "PublisherRoleName")
            .description(
                "Name of the role Errorbridge assumes; fixed so that you can give Errorbridge its"
                    + " ARN before deploying.")
            .defaultValue("errorbridge-publisher")
            .allowedPattern("^[A-Za-z0-9_+=,.@-]{1,64}$")
            .constraintDescription("1-64 characters of A-Z a-z 0-9 _ + = , . @ -")
            .build(),
        CfnParameter.Builder.create(stack, "ArchiveRetentionDays")
            .type("Number")
            .description(
                "Days the archive keeps Errorbridge events for replay; 0 keeps them forever.")
            .defaultValue(30)
            .minValue(0)
            .build());
  }

  private static CfnParameter flag(Stack stack, String id, String description) {
    return CfnParameter.Builder.create(stack, id)
        .description(description)
        .defaultValue("false")
        .allowedValues(List.of("true", "false"))
        .build();
  }

  private static CfnParameter secret(Stack stack, String id, String description) {
    return CfnParameter.Builder.create(stack, id)
        .description(description)
        .noEcho(true)
        .minLength(1)
        .build();
  }
}
