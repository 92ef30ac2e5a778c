package dev.errorbridge.connector.webhook;

import static dev.errorbridge.connector.webhook.WebhookTestKit.GENERIC;
import static dev.errorbridge.connector.webhook.WebhookTestKit.GENERIC_OLD_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.GENERIC_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.NOW;
import static dev.errorbridge.connector.webhook.WebhookTestKit.UNKNOWN_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.fixture;
import static dev.errorbridge.connector.webhook.WebhookTestKit.generic;
import static dev.errorbridge.connector.webhook.WebhookTestKit.genericSignature;
import static dev.errorbridge.connector.webhook.WebhookTestKit.hmacHex;
import static dev.errorbridge.connector.webhook.WebhookTestKit.post;
import static dev.errorbridge.connector.webhook.WebhookTestKit.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generic webhook's signature: timestamp tolerance, rotation, replays. */
class GenericWebhookTest {
  private static final byte[] BODY = fixture("generic-failure.json");
  private static final long T = NOW.getEpochSecond();

  private final WebhookTestKit kit = new WebhookTestKit();

  private WebhookReceipt receiveSigned(String signatureHeader) {
    return receiveSigned(signatureHeader, BODY);
  }

  private WebhookReceipt receiveSigned(String signatureHeader, byte[] body) {
    return kit.receive(
        post(GENERIC).json(body).header("X-Errorbridge-Signature", signatureHeader).build());
  }

  @Test
  void receive_whenSignatureValid_accepts() {
    WebhookReceipt receipt = kit.receive(generic(BODY).build());

    assertThat(receipt).isInstanceOf(WebhookReceipt.Accepted.class);
    assertThat(receipt.response().status()).isEqualTo(202);
  }

  @Test
  void receive_whenBodyTampered_rejects401() {
    byte[] tampered =
        new String(BODY, StandardCharsets.UTF_8)
            .replace("Permission denied", "All good")
            .getBytes(StandardCharsets.UTF_8);

    WebhookReceipt receipt = receiveSigned(genericSignature(T, BODY, GENERIC_SECRET), tampered);

    assertThat(rejected(receipt).status()).isEqualTo(401);
  }

  @Test
  void receive_whenSignatureTampered_rejects401() {
    String signature = hmacHex(GENERIC_SECRET, (T + ".").getBytes(), BODY);
    String flipped = (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1);

    WebhookReceipt receipt = receiveSigned("t=" + T + ",v1=" + flipped);

    assertThat(rejected(receipt).status()).isEqualTo(401);
  }

  @Test
  void receive_whenTimestampTampered_rejects401() {
    String signature = hmacHex(GENERIC_SECRET, (T + ".").getBytes(), BODY);

    WebhookReceipt receipt = receiveSigned("t=" + (T - 1) + ",v1=" + signature);

    assertThat(rejected(receipt).status()).isEqualTo(401);
  }

  @Test
  void receive_whenReplayed_rejectsTheSecond401() {
    String header = genericSignature(T, BODY, GENERIC_SECRET);

    WebhookReceipt first = receiveSigned(header);
    kit.clock.advance(Duration.ofSeconds(30));
    WebhookReceipt replay = receiveSigned(header);

    assertThat(first).isInstanceOf(WebhookReceipt.Accepted.class);
    assertThat(rejected(replay).status()).isEqualTo(401);
  }

  @Test
  void receive_whenReplayedWithSignaturesReordered_stillRejects() {
    kit.add(
        WebhookTestKit.genericSettings()
            .previousSecret(SecretValue.of(GENERIC_OLD_SECRET))
            .build());
    String both = genericSignature(T, BODY, GENERIC_SECRET, GENERIC_OLD_SECRET);
    String[] parts = both.split(",");

    WebhookReceipt first = receiveSigned(both);
    WebhookReceipt reordered = receiveSigned(parts[0] + "," + parts[2] + "," + parts[1]);
    WebhookReceipt oldOnly = receiveSigned(parts[0] + "," + parts[2]);

    assertThat(first).isInstanceOf(WebhookReceipt.Accepted.class);
    assertThat(rejected(reordered).status()).isEqualTo(401);
    assertThat(rejected(oldOnly).status()).isEqualTo(401);
  }

  @Test
  void receive_whenClockPassesTheTolerance_rejects401() {
    String header = genericSignature(T, BODY, GENERIC_SECRET);
    kit.clock.advance(Duration.ofSeconds(301));

    WebhookReceipt receipt = receiveSigned(header);

    assertThat(rejected(receipt).status()).isEqualTo(401);
  }

  @Test
  void receive_whenTimestampExactlyAtTheTolerance_accepts() {
    WebhookReceipt past = receiveSigned(genericSignature(T - 300, BODY, GENERIC_SECRET));
    WebhookReceipt future = receiveSigned(genericSignature(T + 300, BODY, GENERIC_SECRET));

    assertThat(past).isInstanceOf(WebhookReceipt.Accepted.class);
    // Same body, other timestamp: a different signed request, not a replay.
    assertThat(future).isInstanceOf(WebhookReceipt.Accepted.class);
  }

  @Test
  void receive_whenTimestampOutsideToleranceEitherWay_rejects401() {
    WebhookReceipt expired = receiveSigned(genericSignature(T - 301, BODY, GENERIC_SECRET));
    WebhookReceipt future = receiveSigned(genericSignature(T + 301, BODY, GENERIC_SECRET));

    assertThat(rejected(expired).status()).isEqualTo(401);
    assertThat(rejected(future).status()).isEqualTo(401);
  }

  @Test
  void receive_whenToleranceConfigured_usesIt() {
    kit.add(WebhookTestKit.genericSettings().signatureTolerance(Duration.ofSeconds(30)).build());

    WebhookReceipt expired = receiveSigned(genericSignature(T - 31, BODY, GENERIC_SECRET));
    WebhookReceipt fresh = receiveSigned(genericSignature(T - 29, BODY, GENERIC_SECRET));

    assertThat(rejected(expired).status()).isEqualTo(401);
    assertThat(fresh).isInstanceOf(WebhookReceipt.Accepted.class);
  }

  @Test
  void receive_whenRotating_acceptsOldAndNewSecretAndRejectsAThird() {
    kit.add(
        WebhookTestKit.genericSettings()
            .previousSecret(SecretValue.of(GENERIC_OLD_SECRET))
            .build());

    WebhookReceipt current = receiveSigned(genericSignature(T, BODY, GENERIC_SECRET));
    WebhookReceipt previous = receiveSigned(genericSignature(T - 1, BODY, GENERIC_OLD_SECRET));
    WebhookReceipt third = receiveSigned(genericSignature(T - 2, BODY, UNKNOWN_SECRET));

    assertThat(current).isInstanceOf(WebhookReceipt.Accepted.class);
    assertThat(previous).isInstanceOf(WebhookReceipt.Accepted.class);
    assertThat(rejected(third).status()).isEqualTo(401);
  }

  @Test
  void receive_whenSenderSendsOneSignaturePerSecret_acceptsIfAnyMatches() {
    WebhookReceipt receipt =
        receiveSigned(genericSignature(T, BODY, UNKNOWN_SECRET, GENERIC_SECRET));

    assertThat(receipt).isInstanceOf(WebhookReceipt.Accepted.class);
  }

  @Test
  void receive_whenSignatureSplitOverTwoHeaders_readsThemAsOneList() {
    String v1 = hmacHex(GENERIC_SECRET, (T + ".").getBytes(), BODY);

    WebhookReceipt receipt =
        kit.receive(
            post(GENERIC)
                .json(BODY)
                .header("X-Errorbridge-Signature", "t=" + T)
                .header("x-errorbridge-signature", "v1=" + v1)
                .build());

    assertThat(receipt).isInstanceOf(WebhookReceipt.Accepted.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "v1=00",
        "t=,v1=00",
        "t=abc,v1=00",
        "t=1770109620",
        "t=1770109620;v1=00",
        "t=-1770109620,v1=00",
        "t=9999999999999,v1=00"
      })
  void receive_whenSignatureHeaderMalformed_rejects401(String header) {
    WebhookReceipt receipt = receiveSigned(header);

    assertThat(rejected(receipt).status()).isEqualTo(401);
  }

  @Test
  void receive_whenTimestampRepeated_rejects401EvenWithAValidSignature() {
    String valid = genericSignature(T, BODY, GENERIC_SECRET);

    WebhookReceipt receipt = receiveSigned("t=" + T + "," + valid);

    assertThat(rejected(receipt).status()).isEqualTo(401);
  }

  @Test
  void receive_whenSignatureHeaderMissing_rejects401() {
    WebhookReceipt receipt = kit.receive(post(GENERIC).json(BODY).build());

    assertThat(rejected(receipt).status()).isEqualTo(401);
  }

  @Test
  void receive_whenAnyCheckFails_answersTheSameBody() {
    WebhookResponse tampered = receiveSigned(genericSignature(T, BODY, UNKNOWN_SECRET)).response();
    WebhookResponse expired =
        receiveSigned(genericSignature(T - 3600, BODY, GENERIC_SECRET)).response();
    WebhookResponse missing = kit.receive(post(GENERIC).json(BODY).build()).response();

    assertThat(tampered).isEqualTo(expired).isEqualTo(missing);
    assertThat(tampered.body())
        .isEqualTo(
            "{\"status\":\"rejected\",\"problems\":[\"the request could not be authenticated\"]}");
  }
}
