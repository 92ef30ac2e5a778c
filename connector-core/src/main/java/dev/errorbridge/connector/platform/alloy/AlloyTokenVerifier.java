package dev.errorbridge.connector.platform.alloy;

import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.webhook.spi.AlloySignatureKey;
import dev.errorbridge.connector.webhook.spi.Signatures;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import dev.errorbridge.connector.webhook.spi.WebhookVerification;
import dev.errorbridge.connector.webhook.spi.WebhookVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies Alloy error webhooks. Alloy lets a customer enter only a URL, and does not document
 * signing its error stream, so the connection's secret is a token carried by that URL or a header:
 *
 * <ul>
 *   <li>{@code X-Errorbridge-Token: <token>} (preferred: URLs end up in access logs), or
 *   <li>{@code ?token=<token>} on the webhook URL;
 * </ul>
 *
 * exactly one of them, compared in constant time with the current and the previous token.
 *
 * <p>When the connection has an {@link AlloySignatureKey} and the request carries {@code
 * X-Alloy-Signature}, that signature must verify too; a request without it passes on the token
 * alone unless the key is {@link AlloySignatureKey#required() required}.
 */
public final class AlloyTokenVerifier implements WebhookVerifier {
  public static final String TOKEN_HEADER = "X-Errorbridge-Token";
  public static final String TOKEN_PARAMETER = "token";
  public static final String SIGNATURE_HEADER = "X-Alloy-Signature";

  private static final Logger LOG = LoggerFactory.getLogger(AlloyTokenVerifier.class);

  private final AlloySignatureVerifier signatures;

  public AlloyTokenVerifier(AlloySignatureVerifier signatures) {
    this.signatures = Objects.requireNonNull(signatures, "signatures");
  }

  @Override
  public WebhookVerification verify(WebhookRequest request, WebhookSettings settings) {
    List<String> presented = new ArrayList<>(request.headers().all(TOKEN_HEADER));
    presented.addAll(request.queryParameters(TOKEN_PARAMETER));
    if (presented.isEmpty()) {
      return WebhookVerification.failed("token missing (header and query parameter)");
    }
    if (presented.size() > 1) {
      return WebhookVerification.failed("token given more than once");
    }
    if (!matchesAny(presented.get(0), settings.secrets())) {
      return WebhookVerification.failed("token matches no configured token");
    }
    return verifySignature(request, settings);
  }

  private WebhookVerification verifySignature(WebhookRequest request, WebhookSettings settings) {
    List<String> values = request.headers().all(SIGNATURE_HEADER);
    AlloySignatureKey key = settings.alloySignature();
    if (key == null) {
      if (!values.isEmpty()) {
        LOG.debug(
            "X-Alloy-Signature not checked: no public key configured connectionId={}",
            settings.connectionId());
      }
      return WebhookVerification.passed();
    }
    if (values.isEmpty()) {
      return key.required()
          ? WebhookVerification.failed(SIGNATURE_HEADER + " header missing but required")
          : WebhookVerification.passed();
    }
    if (values.size() > 1) {
      return WebhookVerification.failed(SIGNATURE_HEADER + " header repeated");
    }
    return signatures.verify(request, values.get(0), key)
        ? WebhookVerification.passed()
        : WebhookVerification.failed(SIGNATURE_HEADER + " does not verify with the public key");
  }

  private static boolean matchesAny(String token, List<SecretValue> secrets) {
    boolean matched = false;
    for (SecretValue secret : secrets) {
      // No early exit: the time taken does not tell which token matched.
      matched |= Signatures.sameText(token, secret);
    }
    return matched;
  }
}
