package dev.errorbridge.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What invokes the functions: two schedules, the SQS event source (FunctionsTest), two APIs. */
class TriggersTest {

  private static StackJson json;
  private static StackJson configured;

  @BeforeAll
  static void synthesise() {
    json = Synthesized.defaults().json();
    configured = Synthesized.configured().json();
  }

  @Test
  void schedules_invokeThePollSchedulerAndTheRetryDrainEveryMinute() {
    assertThat(json.render(json.propertiesAt("Schedules/PollEveryMinute")))
        .isEqualTo(schedule("errorbridge-poll", "PollSchedule", "SchedulerRoleForTarget-051a40"));
    assertThat(json.render(json.propertiesAt("Schedules/RetryDrainEveryMinute")))
        .isEqualTo(
            schedule("errorbridge-retry-drain", "RetryDrain", "SchedulerRoleForTarget-1a4e32"));
  }

  private static Map<String, Object> schedule(String name, String function, String role) {
    return Map.of(
        "Name",
        name,
        "Description",
        name.endsWith("poll")
            ? "Errorbridge: enqueue the connections due to be polled"
            : "Errorbridge: publish parked webhook events that are due",
        "ScheduleExpression",
        "rate(1 minute)",
        "ScheduleExpressionTimezone",
        "Etc/UTC",
        "FlexibleTimeWindow",
        Map.of("Mode", "OFF"),
        "State",
        "ENABLED",
        "Target",
        Map.of(
            "Arn", "${Functions/" + function + "/Live}",
            "RoleArn", "${" + role + ".Arn}",
            "RetryPolicy", Map.of("MaximumEventAgeInSeconds", 60, "MaximumRetryAttempts", 2)));
  }

  @Test
  void scheduleRoles_mayOnlyInvokeTheirFunctionsLiveAlias() {
    assertThat(json.rolePermissions("SchedulerRoleForTarget-051a40"))
        .containsExactly("lambda:InvokeFunction on ${Functions/PollSchedule/Live}");
    assertThat(json.rolePermissions("SchedulerRoleForTarget-1a4e32"))
        .containsExactly("lambda:InvokeFunction on ${Functions/RetryDrain/Live}");
    assertThat(json.allStatements())
        .filteredOn(s -> s.source().startsWith("SchedulerRoleForTarget-"))
        .filteredOn(s -> s.actions().contains("sts:AssumeRole"))
        .hasSize(2)
        .allSatisfy(
            trust -> {
              assertThat(trust.principal()).isEqualTo(Map.of("Service", "scheduler.amazonaws.com"));
              assertThat(trust.conditions().toString())
                  .contains("aws:SourceAccount=${AWS::AccountId}");
            });
  }

  @Test
  void webhookApi_hasOneUnauthenticatedRoute_signaturesAreVerifiedInCode() {
    assertThat(json.properties("AWS::ApiGatewayV2::Route"))
        .hasSize(2)
        .hasEntrySatisfying(
            "Webhooks/Api/POST--webhooks--{connectionId}",
            route -> {
              assertThat(route)
                  .containsEntry("RouteKey", "POST /webhooks/{connectionId}")
                  .containsEntry("AuthorizationType", "NONE");
              assertThat(json.render(route.get("ApiId"))).isEqualTo("${Webhooks/Api}");
            });
    assertThat(
            json.render(json.propertiesAt("Webhooks/Api/POST--webhooks--{connectionId}/Webhook")))
        .isEqualTo(
            Map.of(
                "ApiId", "${Webhooks/Api}",
                "IntegrationType", "AWS_PROXY",
                "IntegrationUri", "${Functions/Webhook/Live}",
                "PayloadFormatVersion", "2.0"));
    assertThat(json.propertiesAt("Webhooks/Api"))
        .containsEntry("Name", "errorbridge-webhooks")
        .containsEntry("ProtocolType", "HTTP")
        .containsEntry("DisableExecuteApiEndpoint", false);
  }

  @Test
  void settingsApi_requiresIamAuthorisationOnEveryRoute() {
    assertThat(json.properties("AWS::ApiGatewayV2::Route"))
        .hasEntrySatisfying(
            "Settings/Api/ANY--{proxy+}",
            route ->
                assertThat(route)
                    .containsEntry("RouteKey", "ANY /{proxy+}")
                    .containsEntry("AuthorizationType", "AWS_IAM"));
    assertThat(json.render(json.propertiesAt("Settings/Api/ANY--{proxy+}/Settings")))
        .isEqualTo(
            Map.of(
                "ApiId", "${Settings/Api}",
                "IntegrationType", "AWS_PROXY",
                "IntegrationUri", "${Functions/SettingsApi/Live}",
                "PayloadFormatVersion", "2.0"));
  }

  @Test
  void apiGateway_mayInvokeOnlyTheLiveAliasAndOnlyThroughItsRoute() {
    assertThat(json.properties("AWS::Lambda::Permission").values())
        .extracting(permission -> json.render(permission))
        .containsExactlyInAnyOrder(
            Map.of(
                "Action", "lambda:InvokeFunction",
                "FunctionName", "${Functions/Webhook/Live}",
                "Principal", "apigateway.amazonaws.com",
                "SourceArn",
                    "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:"
                        + "${Webhooks/Api}/*/*/webhooks/{connectionId}"),
            Map.of(
                "Action", "lambda:InvokeFunction",
                "FunctionName", "${Functions/SettingsApi/Live}",
                "Principal", "apigateway.amazonaws.com",
                "SourceArn",
                    "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:"
                        + "${Settings/Api}/*/*/{proxy+}"));
  }

  @Test
  void stages_throttleAndWriteAccessLogsWithoutQueryStringsOrBodies() {
    Map<String, Object> webhooks = json.propertiesAt("Webhooks/DefaultStage");
    Map<String, Object> settings = json.propertiesAt("Settings/DefaultStage");

    assertThat(webhooks)
        .containsEntry("StageName", "$default")
        .containsEntry("AutoDeploy", true)
        .containsEntry(
            "DefaultRouteSettings",
            Map.of("ThrottlingRateLimit", 500, "ThrottlingBurstLimit", 1000));
    assertThat(settings)
        .containsEntry("StageName", "$default")
        .containsEntry(
            "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 10, "ThrottlingBurstLimit", 20));
    assertThat(json.render(webhooks.get("AccessLogSettings")))
        .isEqualTo(
            Map.of(
                "DestinationArn",
                "${Webhooks/AccessLogs.Arn}",
                "Format",
                WebhookApi.ACCESS_LOG_FORMAT));
    assertThat(json.render(settings.get("AccessLogSettings")))
        .isEqualTo(
            Map.of(
                "DestinationArn",
                "${Settings/AccessLogs.Arn}",
                "Format",
                SettingsApi.ACCESS_LOG_FORMAT));
    for (String format : List.of(WebhookApi.ACCESS_LOG_FORMAT, SettingsApi.ACCESS_LOG_FORMAT)) {
      assertThat(format)
          .contains("$context.requestId", "$context.path")
          .doesNotContainIgnoringCase("querystring")
          .doesNotContainIgnoringCase("body")
          .doesNotContainIgnoringCase("header");
    }
    assertThat(SettingsApi.ACCESS_LOG_FORMAT).contains("$context.identity.userArn");
  }

  @Test
  void configuredWebhooks_answerOnlyOnTheCustomDomain() {
    assertThat(configured.propertiesAt("Webhooks/Api"))
        .containsEntry("Name", "acme-eb-webhooks")
        .containsEntry("DisableExecuteApiEndpoint", true);
    assertThat(configured.propertiesAt("Webhooks/Domain"))
        .containsEntry("DomainName", "hooks.example.com")
        .containsEntry(
            "DomainNameConfigurations",
            List.of(
                Map.of(
                    "CertificateArn",
                        Synthesized.CONFIGURED.get(ErrorbridgeProps.WEBHOOK_CERTIFICATE_ARN),
                    "EndpointType", "REGIONAL",
                    "SecurityPolicy", "TLS_1_2")));
    assertThat(configured.properties("AWS::ApiGatewayV2::ApiMapping").values())
        .singleElement()
        .satisfies(
            mapping ->
                assertThat(configured.render(mapping))
                    .isEqualTo(
                        Map.of(
                            "ApiId", "${Webhooks/Api}",
                            "DomainName", "${Webhooks/Domain}",
                            "Stage", "$default")));
    assertThat(configured.propertiesAt("Webhooks/DefaultStage"))
        .containsEntry(
            "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 50, "ThrottlingBurstLimit", 100));
  }

  @Test
  void outputs_nameWhatAnOperatorNeeds() {
    Synthesized.defaults()
        .template()
        .hasOutput(
            "WebhookBaseUrl",
            Map.of("Description", "Platforms post to <this>webhooks/<connectionId>"));
    assertThat(Synthesized.defaults().template().findOutputs("*").keySet())
        .containsExactlyInAnyOrder(
            "TableName",
            "SecretsKeyArn",
            "SecretsKeyAlias",
            "PollQueueUrl",
            "PollDeadLetterQueueUrl",
            "WebhookBaseUrl",
            "SettingsApiUrl",
            "AlarmTopicArn");
    assertThat(Synthesized.configured().template().findOutputs("*"))
        .containsKey("WebhookDomainTarget")
        .hasEntrySatisfying(
            "WebhookBaseUrl",
            output -> assertThat(output).containsEntry("Value", "https://hooks.example.com/"));
  }
}
