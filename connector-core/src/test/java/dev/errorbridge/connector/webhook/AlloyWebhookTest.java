package dev.errorbridge.connector.webhook;

import static dev.errorbridge.connector.webhook.WebhookTestKit.ALLOY;
import static dev.errorbridge.connector.webhook.WebhookTestKit.ALLOY_TOKEN;
import static dev.errorbridge.connector.webhook.WebhookTestKit.NOW;
import static dev.errorbridge.connector.webhook.WebhookTestKit.UNKNOWN_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.accepted;
import static dev.errorbridge.connector.webhook.WebhookTestKit.alloy;
import static dev.errorbridge.connector.webhook.WebhookTestKit.fixture;
import static dev.errorbridge.connector.webhook.WebhookTestKit.post;
import static dev.errorbridge.connector.webhook.WebhookTestKit.rejected;
import static dev.errorbridge.connector.webhook.WebhookTestKit.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.alloy.AlloyErrorParser;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.webhook.spi.AlloySignatureKey;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AlloyWebhookTest {
  private static final byte[] BODY = fixture("alloy-error.json");
  private static final String SIGNED_URL = "https://hooks.example.test/webhooks/conn_alloy_7c1e";

  private static KeyPair rsa;
  private static KeyPair ec;

  private final WebhookTestKit kit = new WebhookTestKit();

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
    rsaGenerator.initialize(2048);
    rsa = rsaGenerator.generateKeyPair();
    KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
    ecGenerator.initialize(256);
    ec = ecGenerator.generateKeyPair();
  }

  private static byte[] sign(String algorithm, PrivateKey key, byte[]... parts)
      throws GeneralSecurityException {
    Signature signature = Signature.getInstance(algorithm);
    signature.initSign(key);
    for (byte[] part : parts) {
      signature.update(part);
    }
    return signature.sign();
  }

  private void signatureKey(KeyPair pair, String signedUrl, boolean required) {
    kit.add(
        WebhookTestKit.alloySettings()
            .alloySignature(new AlloySignatureKey(pair.getPublic(), signedUrl, required))
            .build());
  }

  @Test
  void receive_whenHeaderTokenValid_acceptsWithTheHeadersIds() {
    WebhookReceipt receipt = kit.receive(alloy(BODY).build());

    FailedExecution failure = accepted(receipt).failure();
    assertThat(failure.platform()).isEqualTo(Platform.ALLOY);
    assertThat(failure.connectionId()).isEqualTo(ALLOY);
    assertThat(failure.workflow().id()).isEqualTo("65c1d2e3f4a5b6c7d8e9f0b7");
    assertThat(failure.workflow().name()).isEqualTo("Sync paid orders to NetSuite");
    assertThat(failure.execution().id()).isEqualTo("Qm7vT2xK9pLr4sWz8nB3c");
    assertThat(failure.execution().status()).isEqualTo(AlloyErrorParser.STATUS);
    assertThat(failure.execution().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failure.execution().trigger()).isEqualTo("trigger");
    assertThat(failure.execution().startedAt())
        .isEqualTo(Instant.parse("2026-02-03T09:14:05.118Z"));
    assertThat(failure.execution().finishedAt())
        .isEqualTo(Instant.parse("2026-02-03T09:14:07.904Z"));
    assertThat(failure.error().message())
        .isEqualTo("Request failed with status code 401: INVALID_LOGIN_CREDENTIALS");
    assertThat(failure.failedSteps())
        .singleElement()
        .satisfies(
            step -> {
              assertThat(step.id()).isEqualTo("Create Sales Order");
              assertThat(step.name()).isEqualTo("Create Sales Order");
              assertThat(step.type()).isEqualTo("netsuite");
              assertThat(step.httpStatus()).isEqualTo(401);
              assertThat(step.errorMessage()).isEqualTo(failure.error().message());
            });
    assertThat(failure.delivery().path()).isEqualTo(DeliveryPath.WEBHOOK);
    assertThat(failure.delivery().detectedAt()).isEqualTo(NOW);
    assertThat(failure.rawPayload()).isEqualTo(new String(BODY, StandardCharsets.UTF_8));
  }

  @Test
  void receive_whenQueryTokenValid_accepts() {
    WebhookRequest request =
        post(ALLOY)
            .json(BODY)
            .query("token", ALLOY_TOKEN)
            .header("X-Alloy-WorkflowId", "65c1d2e3f4a5b6c7d8e9f0b7")
            .header("X-Alloy-ExecutionUuid", "Qm7vT2xK9pLr4sWz8nB3c")
            .build();

    FailedExecution failure = accepted(kit.receive(request)).failure();

    assertThat(failure.failedSteps()).isEmpty();
  }

  @Test
  void receive_whenTokenWrongOrMissing_rejects401() {
    WebhookReceipt wrong =
        kit.receive(post(ALLOY).json(BODY).header("X-Errorbridge-Token", UNKNOWN_SECRET).build());
    WebhookReceipt wrongQuery =
        kit.receive(post(ALLOY).json(BODY).query("token", ALLOY_TOKEN + "x").build());
    WebhookReceipt missing = kit.receive(post(ALLOY).json(BODY).build());

    assertThat(rejected(wrong).status()).isEqualTo(401);
    assertThat(rejected(wrongQuery).status()).isEqualTo(401);
    assertThat(rejected(missing).status()).isEqualTo(401);
  }

  @Test
  void receive_whenTokenInHeaderAndQuery_rejects401() {
    WebhookReceipt receipt = kit.receive(alloy(BODY).query("token", ALLOY_TOKEN).build());

    assertThat(rejected(receipt).status()).isEqualTo(401);
  }

  @Test
  void receive_whenRotating_acceptsOldAndNewTokenAndRejectsAThird() {
    String previous = "alloy-previous-token-Rq5Ws8Xe";
    kit.add(WebhookTestKit.alloySettings().previousSecret(SecretValue.of(previous)).build());

    WebhookReceipt current =
        kit.receive(
            post(ALLOY)
                .json(BODY)
                .query("token", ALLOY_TOKEN)
                .header("X-Alloy-WorkflowId", "w")
                .header("X-Alloy-ExecutionUuid", "e")
                .build());
    WebhookReceipt old =
        kit.receive(
            post(ALLOY)
                .json(BODY)
                .query("token", previous)
                .header("X-Alloy-WorkflowId", "w")
                .header("X-Alloy-ExecutionUuid", "e")
                .build());
    WebhookReceipt third =
        kit.receive(
            post(ALLOY)
                .json(BODY)
                .query("token", UNKNOWN_SECRET)
                .header("X-Alloy-WorkflowId", "w")
                .header("X-Alloy-ExecutionUuid", "e")
                .build());

    assertThat(current).isInstanceOf(WebhookReceipt.Accepted.class);
    assertThat(old).isInstanceOf(WebhookReceipt.Accepted.class);
    assertThat(rejected(third).status()).isEqualTo(401);
  }

  @Test
  void receive_whenIdsMissingFromHeadersAndBody_rejects400NamingBoth() {
    WebhookRequest request =
        post(ALLOY).json(utf8("{\"error\":\"boom\"}")).query("token", ALLOY_TOKEN).build();

    WebhookReceipt.Rejected rejected = rejected(kit.receive(request));

    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.problems())
        .containsExactly(
            "X-Alloy-WorkflowId header (or workflowId in the body) is required",
            "X-Alloy-ExecutionUuid header (or executionUuid in the body) is required");
  }

  @Test
  void receive_whenIdsOnlyInTheBody_takesThem() {
    byte[] body =
        utf8(
            "{\"workflowId\":\"wf-1\",\"data\":{\"executionUuid\":\"ex-1\"},"
                + "\"error\":{\"message\":\"Token expired\",\"code\":\"AUTH\"}}");

    FailedExecution failure =
        accepted(kit.receive(post(ALLOY).json(body).query("token", ALLOY_TOKEN).build())).failure();

    assertThat(failure.workflow().id()).isEqualTo("wf-1");
    assertThat(failure.execution().id()).isEqualTo("ex-1");
    assertThat(failure.error().message()).isEqualTo("Token expired");
    assertThat(failure.error().code()).isEqualTo("AUTH");
  }

  @Test
  void receive_whenBodyIsAJsonString_usesItAsTheMessage() {
    FailedExecution failure =
        accepted(kit.receive(alloy(utf8("\"Block timed out\"")).build())).failure();

    assertThat(failure.error().message()).isEqualTo("Block timed out");
  }

  @Test
  void receive_whenMessageIsOnlyTheLogType_doesNotReportItAsTheError() {
    FailedExecution failure =
        accepted(kit.receive(alloy(utf8("{\"message\":\"executionError\"}")).build())).failure();

    assertThat(failure.error()).isNull();
  }

  @Test
  void receive_whenRsaSignatureOverMethodUrlAndBodyInHex_accepts() throws Exception {
    signatureKey(rsa, SIGNED_URL, true);
    byte[] signature = sign("SHA256withRSA", rsa.getPrivate(), utf8("POST" + SIGNED_URL), BODY);

    WebhookReceipt receipt =
        kit.receive(
            alloy(BODY).header("X-Alloy-Signature", HexFormat.of().formatHex(signature)).build());

    assertThat(receipt).isInstanceOf(WebhookReceipt.Accepted.class);
  }

  @Test
  void receive_whenRsaSignatureOverBodyInBase64AndNoSignedUrl_accepts() throws Exception {
    signatureKey(rsa, null, true);
    byte[] signature = sign("SHA256withRSA", rsa.getPrivate(), BODY);

    WebhookReceipt receipt =
        kit.receive(
            alloy(BODY)
                .header("X-Alloy-Signature", Base64.getEncoder().encodeToString(signature))
                .build());

    assertThat(receipt).isInstanceOf(WebhookReceipt.Accepted.class);
  }

  @Test
  void receive_whenEcSignatureValid_accepts() throws Exception {
    signatureKey(ec, null, true);
    byte[] signature = sign("SHA256withECDSA", ec.getPrivate(), BODY);

    WebhookReceipt receipt =
        kit.receive(
            alloy(BODY).header("X-Alloy-Signature", HexFormat.of().formatHex(signature)).build());

    assertThat(receipt).isInstanceOf(WebhookReceipt.Accepted.class);
  }

  @Test
  void receive_whenSignatureOverAnotherBody_rejects401EvenWithAValidToken() throws Exception {
    signatureKey(rsa, SIGNED_URL, false);
    byte[] signature =
        sign("SHA256withRSA", rsa.getPrivate(), utf8("POST" + SIGNED_URL), utf8("{}"));

    WebhookReceipt receipt =
        kit.receive(
            alloy(BODY).header("X-Alloy-Signature", HexFormat.of().formatHex(signature)).build());

    assertThat(rejected(receipt).status()).isEqualTo(401);
  }

  @Test
  void receive_whenSignatureGarbled_rejects401() {
    signatureKey(rsa, null, false);

    WebhookReceipt receipt =
        kit.receive(alloy(BODY).header("X-Alloy-Signature", "3f9a…e1").build());

    assertThat(rejected(receipt).status()).isEqualTo(401);
  }

  @Test
  void receive_whenSignatureAbsent_acceptsUnlessRequired() {
    signatureKey(rsa, SIGNED_URL, false);
    WebhookReceipt optional = kit.receive(alloy(BODY).build());
    signatureKey(rsa, SIGNED_URL, true);
    WebhookReceipt required = kit.receive(alloy(BODY).build());

    assertThat(optional).isInstanceOf(WebhookReceipt.Accepted.class);
    assertThat(rejected(required).status()).isEqualTo(401);
  }

  @Test
  void receive_whenSignaturePresentButNoKeyConfigured_acceptsOnTheToken() {
    WebhookReceipt receipt = kit.receive(alloy(BODY).header("X-Alloy-Signature", "00ff").build());

    assertThat(receipt).isInstanceOf(WebhookReceipt.Accepted.class);
  }
}
