package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.Platform;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies each request the way its connection's platform signs: {@link RunflowSignatureVerifier},
 * {@link AlloyTokenVerifier} or {@link GenericSignatureVerifier}.
 */
public final class DefaultWebhookVerifier implements WebhookVerifier {
  private final Map<Platform, WebhookVerifier> verifiers;

  /**
   * The three platform verifiers, with the generic one on {@code clock} and {@code replayGuard}.
   */
  public DefaultWebhookVerifier(Clock clock, ReplayGuard replayGuard) {
    this(
        new RunflowSignatureVerifier(),
        new AlloyTokenVerifier(new DefaultAlloySignatureVerifier()),
        new GenericSignatureVerifier(clock, replayGuard));
  }

  public DefaultWebhookVerifier(
      WebhookVerifier runflow, WebhookVerifier alloy, WebhookVerifier generic) {
    this.verifiers =
        Map.of(
            Platform.RUNFLOW, Objects.requireNonNull(runflow, "runflow"),
            Platform.ALLOY, Objects.requireNonNull(alloy, "alloy"),
            Platform.WEBHOOK, Objects.requireNonNull(generic, "generic"),
            // n8n's Error Trigger sample signs like the generic webhook (its Crypto node).
            Platform.N8N, generic);
  }

  @Override
  public WebhookVerification verify(WebhookRequest request, WebhookSettings settings) {
    WebhookVerifier verifier = verifiers.get(settings.platform());
    return verifier == null
        ? WebhookVerification.failed("platform " + settings.platform().id() + " has no webhook")
        : verifier.verify(request, settings);
  }
}
