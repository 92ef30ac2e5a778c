package dev.errorbridge.connector.webhook;

import static dev.errorbridge.connector.webhook.WebhookTestKit.ALLOY;
import static dev.errorbridge.connector.webhook.WebhookTestKit.GENERIC;
import static dev.errorbridge.connector.webhook.WebhookTestKit.NOW;
import static dev.errorbridge.connector.webhook.WebhookTestKit.RUNFLOW;
import static dev.errorbridge.connector.webhook.WebhookTestKit.fixture;
import static dev.errorbridge.connector.webhook.WebhookTestKit.genericSignature;
import static dev.errorbridge.connector.webhook.WebhookTestKit.hmacHex;
import static dev.errorbridge.connector.webhook.WebhookTestKit.post;
import static dev.errorbridge.connector.webhook.WebhookTestKit.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A distinctive secret, configured for every platform and presented (right and wrong) in headers,
 * query parameters and bodies, never shows in a response, an exception, a verification reason (what
 * the debug log prints) or a toString.
 */
class SecretCanaryTest {
  private static final String CANARY = "CANARY-zq81-Tf0x-Wm5u-never-print";

  private final WebhookTestKit kit = new WebhookTestKit();
  private final List<String> seen = new ArrayList<>();

  @Test
  void receive_whenCanarySecretConfiguredEverywhere_neverShowsIt() {
    SecretValue canary = SecretValue.of(CANARY);
    WebhookSettings runflow = WebhookTestKit.runflowSettings().previousSecret(canary).build();
    WebhookSettings alloy = WebhookTestKit.alloySettings().secret(canary).build();
    WebhookSettings generic = WebhookTestKit.genericSettings().previousSecret(canary).build();
    kit.add(runflow).add(alloy).add(generic);
    seen.add(runflow.toString());
    seen.add(alloy.toString());
    seen.add(generic.toString());

    byte[] body = fixture("runflow-failed.json");
    byte[] alloyBody = fixture("alloy-error.json");
    byte[] genericBody = fixture("generic-failure.json");
    long t = NOW.getEpochSecond();
    List<WebhookRequest> requests =
        List.of(
            post(RUNFLOW).json(body).header("Runflow-Signature", hmacHex(CANARY, body)).build(),
            post(RUNFLOW).json(body).header("Runflow-Signature", CANARY).build(),
            post(RUNFLOW)
                .json(utf8(CANARY))
                .header("Runflow-Signature", hmacHex(CANARY, utf8(CANARY)))
                .build(),
            post(RUNFLOW)
                .json(utf8("{\"" + CANARY + "\":1,\"" + CANARY + "\":2}"))
                .header(
                    "Runflow-Signature",
                    hmacHex(CANARY, utf8("{\"" + CANARY + "\":1,\"" + CANARY + "\":2}")))
                .build(),
            post(ALLOY).json(alloyBody).header("X-Errorbridge-Token", CANARY).build(),
            post(ALLOY).json(alloyBody).query("token", CANARY).build(),
            post(ALLOY).json(alloyBody).query("token", CANARY + "x").build(),
            post(ALLOY)
                .json(alloyBody)
                .query("token", CANARY)
                .header("X-Errorbridge-Token", CANARY)
                .build(),
            post(GENERIC)
                .json(genericBody)
                .header("X-Errorbridge-Signature", genericSignature(t, genericBody, CANARY))
                .build(),
            post(GENERIC)
                .json(genericBody)
                .header("X-Errorbridge-Signature", genericSignature(t - 900, genericBody, CANARY))
                .build(),
            post(GENERIC)
                .json(genericBody)
                .header("X-Errorbridge-Signature", "t=" + t + ",v1=" + CANARY)
                .build(),
            post(GENERIC)
                .json(utf8("{}"))
                .header("X-Errorbridge-Signature", genericSignature(t, utf8("{}"), CANARY))
                .build(),
            post(RUNFLOW).header("Content-Type", "text/" + CANARY).body(body).build());

    for (WebhookRequest request : requests) {
      seen.add(request.toString());
      seen.add(request.headers().toString());
      WebhookReceipt receipt = kit.receive(request);
      seen.add(receipt.toString());
      seen.add(receipt.response().toString());
      for (String settingsId : List.of(RUNFLOW, ALLOY, GENERIC)) {
        seen.add(
            new DefaultWebhookVerifier(kit.clock, kit.replayGuard)
                .verify(request, kit.connections.get(settingsId))
                .toString());
      }
    }
    seen.add(
        message(
            () -> WebhookTestKit.runflowSettings().previousSecret(canary).tenantId(null).build()));
    seen.add(
        message(
            () ->
                WebhookTestKit.alloySettings()
                    .secret(canary)
                    .signatureTolerance(Duration.ZERO)
                    .build()));
    seen.add(message(() -> new WebhookJson(64).read(utf8("{\"" + CANARY + "\" 1}"))));
    seen.add(message(() -> new WebhookJson(64).read(utf8("[\"" + CANARY + "\"] x"))));

    assertThat(seen).hasSizeGreaterThan(requests.size() * 4);
    assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(CANARY));
  }

  private static String message(Runnable action) {
    Throwable thrown = catchThrowable(action::run);
    assertThat(thrown).isNotNull();
    return thrown.toString();
  }
}
