package dev.errorbridge.connector.platform.runflow;

import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.webhook.spi.Signatures;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import dev.errorbridge.connector.webhook.spi.WebhookVerification;
import dev.errorbridge.connector.webhook.spi.WebhookVerifier;
import java.security.MessageDigest;
import java.util.List;

/**
 * Verifies Runflow callbacks: {@code Runflow-Signature} is the lower-case hex HMAC-SHA256 of the
 * raw body under a callback secret; it is compared in constant time with the HMAC under each of the
 * connection's secrets (current and, during a rotation, previous).
 *
 * <p>Runflow signs no timestamp, so a captured callback can be replayed; the receiver cannot tell a
 * replay from Runflow's own redelivery, and relies on the event id ({@code run_id}) to deduplicate.
 */
public final class RunflowSignatureVerifier implements WebhookVerifier {
  public static final String SIGNATURE_HEADER = "Runflow-Signature";

  @Override
  public WebhookVerification verify(WebhookRequest request, WebhookSettings settings) {
    List<String> values = request.headers().all(SIGNATURE_HEADER);
    if (values.isEmpty()) {
      return WebhookVerification.failed(SIGNATURE_HEADER + " header missing");
    }
    if (values.size() > 1) {
      return WebhookVerification.failed(SIGNATURE_HEADER + " header repeated");
    }
    byte[] presented = Signatures.parseHex(values.get(0).trim());
    if (presented == null || presented.length != Signatures.SHA256_BYTES) {
      return WebhookVerification.failed(SIGNATURE_HEADER + " is not 64 hex digits");
    }
    for (SecretValue secret : settings.secrets()) {
      if (MessageDigest.isEqual(Signatures.hmacSha256(secret, request.rawBody()), presented)) {
        return WebhookVerification.passed();
      }
    }
    return WebhookVerification.failed(SIGNATURE_HEADER + " matches no configured secret");
  }
}
