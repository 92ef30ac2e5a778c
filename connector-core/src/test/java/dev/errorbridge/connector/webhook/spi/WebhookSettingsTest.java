package dev.errorbridge.connector.webhook.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.webhook.WebhookReceiverConfig;
import dev.errorbridge.connector.webhook.WebhookTestKit;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

  @Test
  void build_whenNothingSet_reportsEveryMissingSetting() {
    assertThatThrownBy(() -> WebhookSettings.builder().build())
        .isInstanceOf(WebhookConfigInvalidException.class)
        .satisfies(
            e ->
                assertThat(((WebhookConfigInvalidException) e).problems())
                    .containsExactly(
                        "tenantId is required",
                        "connectionId is required: a letter or digit, then up to 127 letters,"
                            + " digits, '.', '_' or '-'",
                        "platform is required: one of the platforms that push",
                        "secret is required"));
  }

  @Test
  void build_whenSeveralSettingsInvalid_reportsEveryOne() {
    assertThatThrownBy(
            () ->
                WebhookSettings.builder()
                    .tenantId("t")
                    .connectionId("conn/1")
                    .platform(Platform.DIFY)
                    .secret(SecretValue.of("short"))
                    .previousSecret(SecretValue.of("also-short"))
                    .signatureTolerance(Duration.ofHours(2))
                    .fieldMapping(WebhookTestKit.fullMapping().build())
                    .rateLimit(null)
                    .build())
        .isInstanceOf(WebhookConfigInvalidException.class)
        .hasMessageContaining("connectionId is required")
        .hasMessageContaining("secret must be at least 16 characters")
        .hasMessageContaining("previousSecret must be at least 16 characters")
        .hasMessageContaining("signatureTolerance must be between PT1S and PT1H")
        .hasMessageContaining("fieldMapping applies only to the generic webhook platform")
        .hasMessageContaining("rateLimit is required");
  }

  @Test
  void build_whenGenericWithoutMapping_saysTheMappingIsRequired() {
    assertThatThrownBy(() -> WebhookTestKit.genericSettings().fieldMapping(null).build())
        .hasMessageContaining("fieldMapping is required for the generic webhook platform");
  }

  @Test
  void build_whenAlloyKeyOnAnotherPlatform_refusesIt() throws Exception {
    PublicKey key = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();

    assertThatThrownBy(
            () ->
                WebhookTestKit.runflowSettings()
                    .alloySignature(new AlloySignatureKey(key, null, false))
                    .build())
        .hasMessageContaining("alloySignature applies only to the Alloy platform");
  }

  @Test
  void build_whenValid_keepsCurrentThenPreviousSecret() {
    SecretValue previous = SecretValue.of("previous-secret-0123456789");

    WebhookSettings settings = WebhookTestKit.runflowSettings().previousSecret(previous).build();

    assertThat(settings.secrets())
        .containsExactly(SecretValue.of(WebhookTestKit.RUNFLOW_SECRET), previous);
    assertThat(settings.signatureTolerance()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.rateLimit()).isEqualTo(WebhookRateLimit.DEFAULT);
    assertThat(settings.toBuilder().build().secrets()).isEqualTo(settings.secrets());
  }

  @Test
  void fieldMapping_whenPointersInvalidOrMissing_reportsEveryOne() {
    assertThatThrownBy(
            () ->
                WebhookFieldMapping.builder()
                    .workflowName("workflow/name")
                    .errorCode("/labels/error~2code")
                    .startedAt("")
                    .outcome("cancelled", dev.errorbridge.connector.Outcome.STOPPED)
                    .ignoreStatus("cancelled")
                    .build())
        .isInstanceOf(WebhookConfigInvalidException.class)
        .satisfies(
            e ->
                assertThat(((WebhookConfigInvalidException) e).problems())
                    .containsExactly(
                        "fieldMapping.workflowId is required: a JSON Pointer such as /id",
                        "fieldMapping.workflowName must be a JSON Pointer starting with '/', e.g."
                            + " /execution/id",
                        "fieldMapping.executionId is required: a JSON Pointer such as /id",
                        "fieldMapping.errorCode has a '~' that is not ~0 (for ~) or ~1 (for /)",
                        "fieldMapping.startedAt must be a JSON Pointer starting with '/', e.g."
                            + " /execution/id",
                        "fieldMapping outcomes and ignored statuses need a status pointer",
                        "fieldMapping status 'cancelled' is both ignored and given an outcome"));
  }

  @Test
  void rateLimit_whenInvalid_reportsBothSettings() {
    assertThatThrownBy(() -> new WebhookRateLimit(0, Duration.ZERO))
        .isInstanceOf(WebhookConfigInvalidException.class)
        .hasMessageContaining("permitsPerPeriod must be at least 1")
        .hasMessageContaining("period must be between");
  }

  @Test
  void receiverConfig_whenInvalid_reportsEveryOne() {
    assertThatThrownBy(() -> new WebhookReceiverConfig(7 * 1024 * 1024, 0, null))
        .isInstanceOf(WebhookConfigInvalidException.class)
        .hasMessageContaining("maxBodyBytes must be between 1024 and 6291456")
        .hasMessageContaining("maxNestingDepth must be between 2 and 500")
        .hasMessageContaining("clock must not be null");
  }

  @Test
  void alloySignatureKey_whenPemIsAPublicKey_readsIt() throws Exception {
    PublicKey key = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
            + "\n-----END PUBLIC KEY-----\n";

    assertThat(AlloySignatureKey.parsePublicKey(pem)).isEqualTo(key);
  }

  @Test
  void alloySignatureKey_whenPemIsNotAKeyOrUrlIsNotHttp_reportsIt() throws Exception {
    PublicKey key = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();

    assertThatThrownBy(() -> AlloySignatureKey.parsePublicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n"))
        .isInstanceOf(WebhookConfigInvalidException.class)
        .hasMessageContaining("must be a PEM 'PUBLIC KEY'");
    assertThatThrownBy(() -> new AlloySignatureKey(key, "ftp://example.test/x", false))
        .hasMessageContaining("alloySignature.signedUrl must be an absolute http(s) URL");
  }
}
