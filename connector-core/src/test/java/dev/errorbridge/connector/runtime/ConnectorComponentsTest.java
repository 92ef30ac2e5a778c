package dev.errorbridge.connector.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.audit.Caller;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.engine.DeliveryResult;
import dev.errorbridge.connector.mapping.Failures;
import dev.errorbridge.connector.settings.DestinationPolicy;
import dev.errorbridge.connector.settings.api.ApiRequest;
import dev.errorbridge.connector.settings.api.ApiResponse;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.connector.webhook.spi.WebhookHeaders;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;
import dev.errorbridge.localaws.LocalAws;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.kms.KmsClient;

/** The whole graph wired from environment variables, against local-aws and DynamoDB Local. */
@ExtendWith(LocalServices.class)
class ConnectorComponentsTest {
  private static final StaticCredentialsProvider OPERATOR =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
  private static final String INBOX = "arn:aws:sqs:eu-west-1:000000000000:inbox";

  private static LocalAws localAws;
  private static LocalDynamoDb dynamoDb;

  @BeforeAll
  static void start(LocalAws sharedLocalAws, LocalDynamoDb sharedDynamoDb) {
    localAws = sharedLocalAws;
    dynamoDb = sharedDynamoDb;
    try (EventBridgeClient events =
        EventBridgeClient.builder()
            .endpointOverride(localAws.endpoint())
            .region(Region.EU_WEST_1)
            .credentialsProvider(OPERATOR)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      try {
        events.createEventBus(b -> b.name("errorbridge-demo"));
      } catch (ResourceAlreadyExistsException sharedAlready) {
        // local-aws is shared by the test JVM: another class made the bus; the rule is ours again
      }
      events.putRule(
          b ->
              b.name("all")
                  .eventBusName("errorbridge-demo")
                  .eventPattern("{\"source\":[{\"prefix\":\"errorbridge.\"}]}"));
      events.putTargets(
          b ->
              b.rule("all")
                  .eventBusName("errorbridge-demo")
                  .targets(Target.builder().id("inbox").arn(INBOX).build()));
    }
  }

  @Test
  void fromEnvironment_whenRequiredVariablesMissing_namesEachWithItsFix() {
    assertThatThrownBy(
            () ->
                RuntimeSettings.fromEnvironment(Map.of(RuntimeSettings.AWS_ENDPOINT, "not a url")))
        .isInstanceOfSatisfying(
            RuntimeSettingsInvalidException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(4)
                    .anySatisfy(p -> assertThat(p).startsWith("AWS_REGION"))
                    .anySatisfy(p -> assertThat(p).startsWith("ERRORBRIDGE_TABLE"))
                    .anySatisfy(p -> assertThat(p).startsWith("ERRORBRIDGE_KMS_KEY"))
                    .anySatisfy(p -> assertThat(p).startsWith("ERRORBRIDGE_AWS_ENDPOINT")));
  }

  @Test
  void fromEnvironment_whenTheInfraSetsDestinationLimits_readsThem() {
    RuntimeSettings settings =
        RuntimeSettings.fromEnvironment(
            Map.of(
                RuntimeSettings.REGION, "us-east-1",
                RuntimeSettings.TABLE, "t",
                RuntimeSettings.KMS_KEY, "k",
                RuntimeSettings.CUSTOMER_ROLE_NAME_PREFIX, "errorbridge-",
                RuntimeSettings.AMBIENT_MODE, "true",
                RuntimeSettings.AMBIENT_EVENT_BUSES, "ops-alerts, default"));

    assertThat(settings.destinationPolicy())
        .isEqualTo(new DestinationPolicy("errorbridge-", true, Set.of("ops-alerts", "default")));
  }

  @Test
  void fromEnvironment_whenNoDestinationLimitsAreSet_allowsEveryDestination() {
    RuntimeSettings settings =
        RuntimeSettings.fromEnvironment(
            Map.of(
                RuntimeSettings.REGION, "us-east-1",
                RuntimeSettings.TABLE, "t",
                RuntimeSettings.KMS_KEY, "k"));

    assertThat(settings.destinationPolicy()).isEqualTo(DestinationPolicy.unrestricted());
  }

  @Test
  void fromEnvironment_whenAmbientModeIsNotABoolean_saysWhatItMustBe() {
    assertThatThrownBy(
            () ->
                RuntimeSettings.fromEnvironment(
                    Map.of(
                        RuntimeSettings.REGION, "us-east-1",
                        RuntimeSettings.TABLE, "t",
                        RuntimeSettings.KMS_KEY, "k",
                        RuntimeSettings.AMBIENT_MODE, "yes")))
        .isInstanceOfSatisfying(
            RuntimeSettingsInvalidException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly("ERRORBRIDGE_AMBIENT_MODE must be true or false, not yes"));
  }

  @Test
  void fromEnvironment_whenTheStackSetsTheWebhookBaseUrl_readsIt() {
    RuntimeSettings settings =
        RuntimeSettings.fromEnvironment(
            Map.of(
                RuntimeSettings.REGION, "us-east-1",
                RuntimeSettings.TABLE, "t",
                RuntimeSettings.KMS_KEY, "k",
                RuntimeSettings.WEBHOOK_BASE_URL,
                    "https://abc123.execute-api.us-east-1.amazonaws.com/"));

    assertThat(settings.webhookBaseUrl().forConnection("cn_1").toString())
        .isEqualTo("https://abc123.execute-api.us-east-1.amazonaws.com/webhooks/cn_1");
    assertThat(
            RuntimeSettings.fromEnvironment(
                    Map.of(
                        RuntimeSettings.REGION, "us-east-1",
                        RuntimeSettings.TABLE, "t",
                        RuntimeSettings.KMS_KEY, "k"))
                .webhookBaseUrl())
        .isNull();
  }

  @Test
  void fromEnvironment_whenTheWebhookBaseUrlIsUnsafe_namesItAmongEveryProblem() {
    assertThatThrownBy(
            () ->
                RuntimeSettings.fromEnvironment(
                    Map.of(
                        RuntimeSettings.REGION, "us-east-1",
                        RuntimeSettings.WEBHOOK_BASE_URL, "http://hooks.example.com/?a=1")))
        .isInstanceOfSatisfying(
            RuntimeSettingsInvalidException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(4)
                    .anySatisfy(p -> assertThat(p).startsWith("ERRORBRIDGE_TABLE"))
                    .anySatisfy(p -> assertThat(p).startsWith("ERRORBRIDGE_KMS_KEY"))
                    .anySatisfy(
                        p ->
                            assertThat(p).startsWith("ERRORBRIDGE_WEBHOOK_BASE_URL must use https"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("ERRORBRIDGE_WEBHOOK_BASE_URL must not have a query")));
  }

  @Test
  void components_fromEnvironment_createAConnectionOverHttpAndDeliverAFailure() {
    String keyId;
    try (KmsClient kms =
        KmsClient.builder()
            .endpointOverride(localAws.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(OPERATOR)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      keyId = kms.createKey(r -> r.description("errorbridge")).keyMetadata().keyId();
    }
    RuntimeSettings settings =
        RuntimeSettings.fromEnvironment(
            Map.of(
                RuntimeSettings.REGION,
                "us-east-1",
                RuntimeSettings.TABLE,
                "errorbridge-components",
                RuntimeSettings.KMS_KEY,
                keyId,
                RuntimeSettings.AWS_ENDPOINT,
                localAws.endpoint().toString(),
                RuntimeSettings.DYNAMODB_ENDPOINT,
                dynamoDb.endpoint().toString(),
                RuntimeSettings.WEBHOOK_BASE_URL,
                "https://hooks.example.com/"));

    try (ConnectorComponents components =
        new ConnectorComponents(settings, OPERATOR, Clock.systemUTC())) {
      components.table().createIfMissing();
      ApiResponse created =
          components
              .settingsApi()
              .handle(
                  new ApiRequest(
                      "POST",
                      "/connections",
                      Map.of(),
                      Map.of("Content-Type", "application/json"),
                      ("{\"enabled\":true,\"source\":{\"platform\":\"runflow\",\"apiKey\":\"rf_live_0123456789\"},"
                              + "\"destination\":{\"region\":\"eu-west-1\",\"eventBus\":\"errorbridge-demo\","
                              + "\"auth\":{\"mode\":\"AMBIENT\"}}}")
                          .getBytes(StandardCharsets.UTF_8),
                      new Caller("tenant-a", "test")));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      Connection connection =
          components.connections().listByTenant("tenant-a", 10, null).connections().get(0);
      assertThat(created.body())
          .contains("\"url\":\"https://hooks.example.com/webhooks/" + connection.id() + "\"");

      DeliveryResult result =
          components
              .delivery()
              .deliver(
                  connection,
                  List.of(failure(connection)),
                  Deadline.after(Duration.ofSeconds(10), Clock.systemUTC()));

      assertThat(result.settled()).isTrue();
      assertThat(localAws.deliveries().forTarget(INBOX))
          .singleElement()
          .satisfies(e -> assertThat(e.toString()).contains("run-components-1"));
    }
  }

  @Test
  void components_webhooks_signedRunflowCallbackLandsOnTheBusOnce() throws Exception {
    String keyId;
    try (KmsClient kms =
        KmsClient.builder()
            .endpointOverride(localAws.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(OPERATOR)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      keyId = kms.createKey(r -> r.description("errorbridge")).keyMetadata().keyId();
    }
    RuntimeSettings settings =
        new RuntimeSettings(
            Region.US_EAST_1,
            "errorbridge-webhooks",
            keyId,
            localAws.endpoint(),
            dynamoDb.endpoint(),
            null,
            null);
    String secret = "runflow-signing-secret-0001";
    try (ConnectorComponents components =
        new ConnectorComponents(settings, OPERATOR, Clock.systemUTC())) {
      components.table().createIfMissing();
      ApiResponse created =
          components
              .settingsApi()
              .handle(
                  new ApiRequest(
                      "POST",
                      "/connections",
                      Map.of(),
                      Map.of("Content-Type", "application/json"),
                      ("{\"enabled\":true,\"source\":{\"platform\":\"runflow\"},"
                              + "\"webhook\":{\"secret\":\""
                              + secret
                              + "\"},"
                              + "\"destination\":{\"region\":\"eu-west-1\",\"eventBus\":\"errorbridge-demo\","
                              + "\"auth\":{\"mode\":\"AMBIENT\"}}}")
                          .getBytes(StandardCharsets.UTF_8),
                      new Caller("tenant-w", "test")));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String id =
          components.connections().listByTenant("tenant-w", 10, null).connections().get(0).id();
      byte[] body;
      try (var in = getClass().getResourceAsStream("/webhooks/runflow-failed.json")) {
        body = in.readAllBytes();
      }
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String signature = java.util.HexFormat.of().formatHex(mac.doFinal(body));
      localAws.deliveries().clear();

      for (int i = 0; i < 2; i++) {
        WebhookResponse response =
            components
                .webhooks()
                .handle(
                    new WebhookRequest(
                        id,
                        WebhookHeaders.of(
                            Map.of(
                                "Content-Type", List.of("application/json"),
                                "Runflow-Signature", List.of(signature))),
                        Map.of(),
                        body,
                        java.time.Instant.now()));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
      }

      assertThat(localAws.deliveries().forTarget(INBOX)).hasSize(1);
    }
  }

  private static FailedExecution failure(Connection connection) {
    FailedExecution f = Failures.load("runflow");
    return new FailedExecution(
        f.platform(),
        connection.tenantId(),
        connection.id(),
        f.workflow(),
        new FailedExecution.Execution(
            "run-components-1", "failed", Outcome.FAILED, null, null, null, null, null),
        f.error(),
        f.failedSteps(),
        f.delivery(),
        null);
  }
}
