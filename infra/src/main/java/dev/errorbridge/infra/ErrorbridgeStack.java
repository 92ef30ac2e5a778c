package dev.errorbridge.infra;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * Everything one Errorbridge deployment runs on: the secrets key, the table, the poll queue, the
 * five functions with their schedules and APIs, and the alarms. What each part is for is in {@code
 * docs/deploy.md}.
 */
public final class ErrorbridgeStack extends Stack {

  /** The stack's name (and construct id) in the app. */
  public static final String NAME = "ErrorbridgeStack";

  /**
   * Defines the stack.
   *
   * @param scope the app
   * @param id the construct id
   * @param stackProps CloudFormation stack settings (environment, description)
   * @param config the deployment's configuration
   */
  public ErrorbridgeStack(
      Construct scope, String id, StackProps stackProps, ErrorbridgeProps config) {
    super(scope, id, stackProps);
    Tags.of(this).add("app", "errorbridge");

    SecretsKey key = new SecretsKey(this, "Secrets", config.namePrefix());
    ConnectorTable table = new ConnectorTable(this, "State", config.namePrefix());
    PollQueue pollQueue =
        new PollQueue(this, "Poll", config.namePrefix(), FunctionSpec.POLL_WORKER.timeout());
    Functions functions =
        new Functions(this, "Functions", new Functions.Props(config, table, key, pollQueue));

    new Schedules(
        this,
        "Schedules",
        config.namePrefix(),
        functions.get(FunctionSpec.POLL_SCHEDULE).alias(),
        functions.get(FunctionSpec.RETRY_DRAIN).alias());
    WebhookApi webhooks =
        new WebhookApi(this, "Webhooks", config, functions.get(FunctionSpec.WEBHOOK).alias());
    SettingsApi settings =
        new SettingsApi(this, "Settings", config, functions.get(FunctionSpec.SETTINGS_API).alias());
    functions
        .get(FunctionSpec.SETTINGS_API)
        .function()
        .addEnvironment(Functions.WEBHOOK_BASE_URL, webhooks.baseUrl());
    if (config.customerRoleTemplateUrl() != null) {
      functions
          .get(FunctionSpec.SETTINGS_API)
          .function()
          .addEnvironment(Functions.CUSTOMER_ROLE_TEMPLATE_URL, config.customerRoleTemplateUrl())
          .addEnvironment(Functions.DEPLOYMENT_ACCOUNT_ID, Aws.ACCOUNT_ID);
    }
    Alarms alarms = new Alarms(this, "Alarms", new Alarms.Props(config, pollQueue, functions));

    output("TableName", table.table().getTableName(), "The DynamoDB table");
    output("SecretsKeyArn", key.key().getKeyArn(), "The KMS key that seals connection secrets");
    output("SecretsKeyAlias", key.alias().getAliasName(), "The secrets key's alias");
    output("PollQueueUrl", pollQueue.queue().getQueueUrl(), "The poll queue");
    output(
        "PollDeadLetterQueueUrl",
        pollQueue.deadLetterQueue().getQueueUrl(),
        "Poll requests that failed " + PollQueue.MAX_RECEIVE_COUNT + " times");
    output("WebhookBaseUrl", webhooks.baseUrl(), "Platforms post to <this>webhooks/<connectionId>");
    if (webhooks.domain() != null) {
      output(
          "WebhookDomainTarget",
          webhooks.domain().getRegionalDomainName(),
          "Point a CNAME (or Route 53 alias) for " + config.webhookDomain() + " here");
    }
    output("SettingsApiUrl", settings.url(), "The IAM-authorised settings API");
    output("AlarmTopicArn", alarms.topic().getTopicArn(), "Alarm notifications");
  }

  private void output(String id, String value, String description) {
    CfnOutput.Builder.create(this, id).value(value).description(description).build();
  }
}
