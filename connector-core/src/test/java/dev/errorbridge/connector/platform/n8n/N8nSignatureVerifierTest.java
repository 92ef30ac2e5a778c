package dev.errorbridge.connector.platform.n8n;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.platform.WebhookContext;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.webhook.InMemoryReplayGuard;
import dev.errorbridge.connector.webhook.spi.ReplayGuard;
import dev.errorbridge.connector.webhook.spi.WebhookHeaders;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import dev.errorbridge.connector.webhook.spi.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The n8n push is signed exactly as a generic webhook is, so the n8n plug-in's verifier is the
 * SPI's shared one: on the captured push and its tampered, stale, replayed, rotated and malformed
 * variants, only the rightly signed ones pass (HMACs computed here, independently of it).
 */
class N8nSignatureVerifierTest {
  private static final Instant NOW = Instant.parse("2026-12-07T03:45:59Z");
  private static final String SECRET = "n8n-push-secret-0123456789abcdef";
  private static final String OLD_SECRET = "n8n-old-secret-0123456789abcdef";

  @Test
  void verify_whenGivenTheCapturedPushSignedRightAndWrong_acceptsOnlyTheRightOnes() {
    String body = N8nFixtures.text("push-error-trigger.json");
    String t = Long.toString(NOW.getEpochSecond());
    String stale = Long.toString(NOW.minus(Duration.ofMinutes(6)).getEpochSecond());
    List<WebhookRequest> requests =
        List.of(
            request(body, "t=" + t + ",v1=" + hmac(SECRET, t, body)),
            request(
                body.replace("Order 4711", "Order 4712"),
                "t=" + t + ",v1=" + hmac(SECRET, t, body)),
            request(body, "t=" + t + ",v1=" + hmac("another-secret-0123456789", t, body)),
            request(body, "t=" + stale + ",v1=" + hmac(SECRET, stale, body)),
            request(
                body,
                "t="
                    + t
                    + ",v1="
                    + hmac("x-rotation-new-0123456789", t, body)
                    + ",v1="
                    + hmac(OLD_SECRET, t, body)),
            request(body, "v1=" + hmac(SECRET, t, body)),
            request(body, "t=" + t + ",v1=zz"),
            request(body, null));

    List<Boolean> n8n =
        verdicts(
            requests, (clock, guard) -> new N8nPlugin().verifier(new WebhookContext(clock, guard)));

    assertThat(n8n).containsExactly(true, false, false, false, true, false, false, false);
  }

  @Test
  void verify_whenTheSamePushComesTwice_refusesTheReplay() {
    String body = N8nFixtures.text("push-error-trigger.json");
    String t = Long.toString(NOW.getEpochSecond());
    MutableClock clock = new MutableClock(NOW);
    WebhookVerifier verifier =
        new N8nPlugin().verifier(new WebhookContext(clock, new InMemoryReplayGuard(clock)));
    WebhookRequest push = request(body, "t=" + t + ",v1=" + hmac(SECRET, t, body));

    assertThat(verifier.verify(push, settings()).verified()).isTrue();
    assertThat(verifier.verify(push, settings()).verified()).isFalse();
  }

  private static List<Boolean> verdicts(
      List<WebhookRequest> requests, BiFunction<Clock, ReplayGuard, WebhookVerifier> factory) {
    List<Boolean> verdicts = new ArrayList<>();
    for (WebhookRequest request : requests) {
      MutableClock clock = new MutableClock(NOW);
      WebhookVerifier verifier = factory.apply(clock, new InMemoryReplayGuard(clock));
      verdicts.add(verifier.verify(request, settings()).verified());
    }
    return verdicts;
  }

  private static WebhookSettings settings() {
    return WebhookSettings.builder()
        .tenantId("tnt_n8n")
        .connectionId("conn_n8n")
        .platform(N8nPlugin.N8N)
        .secret(SecretValue.of(SECRET))
        .previousSecret(SecretValue.of(OLD_SECRET))
        .build();
  }

  private static WebhookRequest request(String body, String signature) {
    WebhookHeaders.Builder headers =
        WebhookHeaders.builder().add("Content-Type", "application/json");
    if (signature != null) {
      headers.add("X-Errorbridge-Signature", signature);
    }
    return new WebhookRequest(
        "conn_n8n", headers.build(), Map.of(), body.getBytes(StandardCharsets.UTF_8), NOW);
  }

  /** Written here, independently of both verifiers. */
  private static String hmac(String secret, String t, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
