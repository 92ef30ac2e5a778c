package dev.errorbridge.connector.webhook;

import static dev.errorbridge.connector.webhook.WebhookTestKit.GENERIC_OLD_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.GENERIC_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.RUNFLOW_OLD_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.RUNFLOW_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.secrets.KmsSecretCipher;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.testing.LocalAwsServices;
import dev.errorbridge.connector.testing.LocalPipeline;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.webhook.spi.WebhookConfigInvalidException;
import dev.errorbridge.connector.webhook.spi.WebhookFieldMapping;
import dev.errorbridge.connector.webhook.spi.WebhookRateLimit;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** Webhook settings read from DynamoDB Local, secrets decrypted by local-aws KMS. */
@ExtendWith(LocalServices.class)
class StoreWebhookConnectionsTest {
  static final Map<String, String> MAPPING =
      Map.of(
          "workflowId", "/workflow/id",
          "workflowName", "/workflow/name",
          "executionId", "/execution/id",
          "status", "/execution/status",
          "errorMessage", "/errors/0/message",
          "errorCode", "/labels/error~1code",
          "startedAt", "/execution/started_at",
          "finishedAt", "/execution/finished_at");

  private static LocalAwsServices aws;

  private final AtomicInteger kmsDecrypts = new AtomicInteger();
  private LocalPipeline pipeline;
  private KmsClient countingKms;
  private StoreWebhookConnections connections;

  @BeforeAll
  static void start(LocalAwsServices shared) {
    aws = shared;
  }

  @BeforeEach
  void wire() {
    pipeline = new LocalPipeline(aws);
    countingKms =
        KmsClient.builder()
            .endpointOverride(aws.localAws().endpoint())
            .region(Region.of(LocalAwsServices.REGION))
            .credentialsProvider(LocalAwsServices.RUNTIME_CREDENTIALS)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(
                o ->
                    o.retryStrategy(b -> b.maxAttempts(1))
                        .addExecutionInterceptor(
                            new ExecutionInterceptor() {
                              @Override
                              public void beforeExecution(
                                  Context.BeforeExecution context, ExecutionAttributes attributes) {
                                if ("Decrypt"
                                    .equals(
                                        attributes.getAttribute(
                                            SdkExecutionAttribute.OPERATION_NAME))) {
                                  kmsDecrypts.incrementAndGet();
                                }
                              }
                            }))
            .build();
    connections =
        new StoreWebhookConnections(
            pipeline.connections(),
            new KmsSecretCipher(
                countingKms,
                pipeline.keyId(),
                KmsSecretCipher.DEFAULT_CACHE_TTL,
                pipeline.clock()));
  }

  @AfterEach
  void close() {
    countingKms.close();
    pipeline.close();
  }

  @Test
  void find_whenRunflowConnectionRotating_decryptsBothSecrets() {
    pipeline.connection(
        TENANT, "conn_runflow_1", Platform.RUNFLOW, true, RUNFLOW_SECRET, RUNFLOW_OLD_SECRET, null);

    WebhookSettings settings = connections.find("conn_runflow_1").orElseThrow();

    assertThat(settings.tenantId()).isEqualTo(TENANT);
    assertThat(settings.connectionId()).isEqualTo("conn_runflow_1");
    assertThat(settings.platform()).isEqualTo(Platform.RUNFLOW);
    assertThat(settings.secrets())
        .containsExactly(SecretValue.of(RUNFLOW_SECRET), SecretValue.of(RUNFLOW_OLD_SECRET));
    assertThat(settings.fieldMapping()).isNull();
    assertThat(settings.rateLimit()).isEqualTo(WebhookRateLimit.DEFAULT);
  }

  @Test
  void find_whenGenericConnection_buildsItsFieldMapping() {
    pipeline.connection(
        TENANT, "conn_generic_1", Platform.WEBHOOK, true, GENERIC_SECRET, null, MAPPING);

    WebhookSettings settings = connections.find("conn_generic_1").orElseThrow();

    assertThat(settings.secrets()).containsExactly(SecretValue.of(GENERIC_SECRET));
    for (WebhookFieldMapping.Field field : WebhookFieldMapping.Field.values()) {
      assertThat(settings.fieldMapping().pointer(field))
          .as(field.fieldName())
          .hasValueSatisfying(
              p -> assertThat(p.toString()).isEqualTo(MAPPING.get(field.fieldName())));
    }
  }

  @Test
  void find_whenDisabledAlloyConnection_servesItSoTheRequestIsVerifiedFirst() {
    pipeline.connection(
        TENANT, "conn_alloy_1", Platform.ALLOY, false, WebhookTestKit.ALLOY_TOKEN, null, null);

    assertThat(connections.find("conn_alloy_1"))
        .hasValueSatisfying(s -> assertThat(s.platform()).isEqualTo(Platform.ALLOY));
  }

  @Test
  void find_whenUnknownPollOnlyOrWithoutWebhook_isEmpty() {
    pipeline.connection(TENANT, "conn_dify_1", Platform.DIFY, true, GENERIC_SECRET, null, null);
    pipeline.connection(TENANT, "conn_runflow_2", Platform.RUNFLOW, true, null, null, null);

    assertThat(connections.find("conn_missing")).isEmpty();
    assertThat(connections.find("conn_dify_1")).isEmpty();
    assertThat(connections.find("conn_runflow_2")).isEmpty();
    assertThat(kmsDecrypts).hasValue(0);
  }

  @Test
  void find_whenWarm_makesNoKmsCallUntilTheCacheExpires() {
    pipeline.connection(
        TENANT,
        "conn_generic_1",
        Platform.WEBHOOK,
        true,
        GENERIC_SECRET,
        GENERIC_OLD_SECRET,
        MAPPING);

    connections.find("conn_generic_1");
    int cold = kmsDecrypts.get();
    pipeline.clock().advance(Duration.ofMinutes(4));
    connections.find("conn_generic_1");
    int warm = kmsDecrypts.get() - cold;
    pipeline.clock().advance(Duration.ofMinutes(2));
    connections.find("conn_generic_1");

    assertThat(cold).isEqualTo(2);
    assertThat(warm).isZero();
    assertThat(kmsDecrypts).hasValue(4);
  }

  @Test
  void find_whenKmsKeyDisabled_throwsSoTheReceiverAnswers503Not404() {
    pipeline.connection(
        TENANT, "conn_runflow_1", Platform.RUNFLOW, true, RUNFLOW_SECRET, null, null);
    pipeline.disableKmsKey();

    assertThatThrownBy(() -> connections.find("conn_runflow_1"))
        .isInstanceOf(WebhookSecretUnavailableException.class)
        .hasMessageContaining("conn_runflow_1")
        .hasMessageContaining("disabled")
        .hasMessageNotContaining(RUNFLOW_SECRET);
  }

  @Test
  void find_whenStoredMappingNamesAnUnknownField_throwsNamingIt() {
    pipeline.connection(
        TENANT,
        "conn_generic_1",
        Platform.WEBHOOK,
        true,
        GENERIC_SECRET,
        null,
        Map.of("workflowId", "/w", "executionId", "/e", "runUrl", "/u"));

    assertThatThrownBy(() -> connections.find("conn_generic_1"))
        .isInstanceOf(WebhookConfigInvalidException.class)
        .hasMessageContaining("fieldMapping.runUrl");
  }
}
