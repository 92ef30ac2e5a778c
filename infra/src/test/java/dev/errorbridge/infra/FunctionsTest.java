package dev.errorbridge.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class FunctionsTest {

  private static StackJson json;
  private static StackJson configured;

  @BeforeAll
  static void synthesise() {
    json = Synthesized.defaults().json();
    configured = Synthesized.configured().json();
  }

  private static Map<String, Object> function(StackJson stack, FunctionSpec spec) {
    return stack.propertiesAt("Functions/" + spec.id() + "/Function");
  }

  static Stream<Arguments> functions() {
    return Stream.of(
        Arguments.of(
            FunctionSpec.POLL_SCHEDULE,
            "errorbridge-poll-schedule",
            "dev.errorbridge.lambda.PollScheduleHandler::handleRequest",
            512,
            55),
        Arguments.of(
            FunctionSpec.POLL_WORKER,
            "errorbridge-poll-worker",
            "dev.errorbridge.lambda.PollWorkerHandler::handleRequest",
            1024,
            60),
        Arguments.of(
            FunctionSpec.WEBHOOK,
            "errorbridge-webhook",
            "dev.errorbridge.lambda.WebhookHandler::handleRequest",
            1024,
            10),
        Arguments.of(
            FunctionSpec.SETTINGS_API,
            "errorbridge-settings-api",
            "dev.errorbridge.lambda.SettingsApiHandler::handleRequest",
            1024,
            25),
        Arguments.of(
            FunctionSpec.RETRY_DRAIN,
            "errorbridge-retry-drain",
            "dev.errorbridge.lambda.RetryDrainHandler::handleRequest",
            1024,
            55));
  }

  @ParameterizedTest
  @MethodSource("functions")
  void function_runsItsHandlerOnJava17Arm64WithSnapStart(
      FunctionSpec spec, String name, String handler, int memory, int timeout) {
    Map<String, Object> function = function(json, spec);

    assertThat(function)
        .containsEntry("FunctionName", name)
        .containsEntry("Handler", handler)
        .containsEntry("Runtime", "java17")
        .containsEntry("Architectures", List.of("arm64"))
        .containsEntry("MemorySize", memory)
        .containsEntry("Timeout", timeout)
        .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"))
        .doesNotContainKey("EphemeralStorage") // SnapStart needs the 512 MB default
        .doesNotContainKey("ReservedConcurrentExecutions");
    assertThat(json.render(function.get("Role")))
        .isEqualTo("${Functions/" + spec.id() + "/Role.Arn}");
    assertThat(json.render(function.get("LoggingConfig")))
        .isEqualTo(Map.of("LogGroup", "${Functions/" + spec.id() + "/Logs}"));
  }

  @Test
  void functions_allRunTheOneSharedArtifact() {
    List<Object> codes =
        Stream.of(FunctionSpec.values()).map(spec -> function(json, spec).get("Code")).toList();

    assertThat(codes).hasSize(5).containsOnly(codes.get(0));
    assertThat(codes.get(0).toString()).contains("S3Key=").contains(".jar");
  }

  @ParameterizedTest
  @EnumSource(FunctionSpec.class)
  void function_getsTheEnvironmentRuntimeSettingsReads(FunctionSpec spec) {
    Map<String, Object> expected = new HashMap<>();
    expected.put("ERRORBRIDGE_TABLE", "${State/Table}");
    expected.put("ERRORBRIDGE_KMS_KEY", "${Secrets/Key.Arn}");
    expected.put("ERRORBRIDGE_POLL_QUEUE_URL", "${Poll/Queue}");
    expected.put("ERRORBRIDGE_LOG_LEVEL", "INFO");
    expected.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    expected.put("ERRORBRIDGE_CUSTOMER_ROLE_NAME_PREFIX", "errorbridge-");
    expected.put("ERRORBRIDGE_AMBIENT_MODE", "false");
    if (spec == FunctionSpec.SETTINGS_API) {
      expected.put(
          "ERRORBRIDGE_WEBHOOK_BASE_URL",
          "https://${Webhooks/Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/");
    }

    assertThat(json.render(function(json, spec).get("Environment")))
        .isEqualTo(Map.of("Variables", expected));
  }

  @Test
  void configuredFunctions_getTheAmbientBusesLogLevelRolePrefixAndCustomDomain() {
    @SuppressWarnings("unchecked")
    Map<String, Object> variables =
        (Map<String, Object>)
            ((Map<String, Object>)
                    configured.render(
                        function(configured, FunctionSpec.SETTINGS_API).get("Environment")))
                .get("Variables");

    assertThat(variables)
        .containsEntry("ERRORBRIDGE_LOG_LEVEL", "DEBUG")
        .containsEntry("ERRORBRIDGE_CUSTOMER_ROLE_NAME_PREFIX", "acme-errorbridge-")
        .containsEntry("ERRORBRIDGE_AMBIENT_MODE", "true")
        .containsEntry("ERRORBRIDGE_AMBIENT_EVENT_BUSES", "errors,audit")
        .containsEntry("ERRORBRIDGE_ALLOWED_HOSTS", "workflows.internal.example.com")
        .containsEntry("ERRORBRIDGE_ALLOWED_NETWORKS", "10.20.0.0/16,fd00::/8")
        .containsEntry("ERRORBRIDGE_WEBHOOK_BASE_URL", "https://hooks.example.com/")
        .containsEntry("ERRORBRIDGE_PARTNER_SOURCE_PREFIX", "aws.partner/acme.example.com/errors")
        .containsEntry(
            "ERRORBRIDGE_CUSTOMER_ROLE_TEMPLATE_URL",
            "https://acme-templates.s3.amazonaws.com/errorbridge-customer-role.json")
        .containsEntry("ERRORBRIDGE_DEPLOYMENT_ACCOUNT_ID", "${AWS::AccountId}");
    assertThat(function(configured, FunctionSpec.POLL_WORKER))
        .containsEntry("FunctionName", "acme-eb-poll-worker");
  }

  @ParameterizedTest
  @EnumSource(FunctionSpec.class)
  void everyTrigger_invokesTheLiveAliasOfThePublishedVersion(FunctionSpec spec) {
    String path = "Functions/" + spec.id();

    assertThat(json.render(json.propertiesAt(path + "/Live")))
        .isEqualTo(
            Map.of(
                "Name", "live",
                "FunctionName", "${" + path + "/Function}",
                "FunctionVersion", "${" + path + "/Function/CurrentVersion.Version}"));
    assertThat(json.render(json.propertiesAt(path + "/Function/CurrentVersion")))
        .isEqualTo(Map.of("FunctionName", "${" + path + "/Function}"));
  }

  @Test
  void scheduledFunctions_areNotRetriedByLambda_theNextTickIsAMinuteAway() {
    assertThat(json.properties("AWS::Lambda::EventInvokeConfig").keySet())
        .containsExactlyInAnyOrder(
            "Functions/PollSchedule/Live/EventInvokeConfig",
            "Functions/RetryDrain/Live/EventInvokeConfig");
    json.properties("AWS::Lambda::EventInvokeConfig")
        .values()
        .forEach(
            config ->
                assertThat(config)
                    .containsEntry("MaximumRetryAttempts", 0)
                    .containsEntry("MaximumEventAgeInSeconds", 60));
  }

  @Test
  void pollWorker_consumesThePollQueueInBatchesOfFiveWithPartialBatchResponses() {
    assertThat(json.properties("AWS::Lambda::EventSourceMapping").values())
        .singleElement()
        .satisfies(
            mapping -> {
              assertThat(json.render(mapping.get("EventSourceArn"))).isEqualTo("${Poll/Queue.Arn}");
              assertThat(mapping)
                  .containsEntry("BatchSize", 5)
                  .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
                  .containsEntry("ScalingConfig", Map.of("MaximumConcurrency", 50))
                  .doesNotContainKey("MaximumBatchingWindowInSeconds");
              // FunctionName is "<function name>:live", built from the alias ARN.
              assertThat(json.render(mapping.get("FunctionName")).toString()).endsWith(":live");
            });
    assertThat(configured.properties("AWS::Lambda::EventSourceMapping").values())
        .singleElement()
        .satisfies(
            mapping ->
                assertThat(mapping)
                    .containsEntry("ScalingConfig", Map.of("MaximumConcurrency", 20)));
  }

  @Test
  void logGroups_keepLogsForTheConfiguredRetentionAndOutliveTheStack() {
    assertThat(json.properties("AWS::Logs::LogGroup"))
        .hasSize(7)
        .allSatisfy(
            (path, logGroup) -> {
              assertThat(logGroup).containsEntry("RetentionInDays", 30);
              assertThat(json.resource(path)).containsEntry("DeletionPolicy", "Retain");
            });
    assertThat(configured.properties("AWS::Logs::LogGroup").values())
        .hasSize(7)
        .allSatisfy(logGroup -> assertThat(logGroup).containsEntry("RetentionInDays", 90));
  }
}
