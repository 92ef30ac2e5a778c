package dev.errorbridge.connector.platform.alloy;

import dev.errorbridge.connector.webhook.spi.AlloySignatureKey;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;

/**
 * Checks an {@code X-Alloy-Signature} value against a connection's {@link AlloySignatureKey}. A
 * seam, because Alloy does not document how (or whether) its error webhook is signed: when the
 * scheme is confirmed, only an implementation of this changes.
 */
@FunctionalInterface
public interface AlloySignatureVerifier {
  /**
   * @param request the request, with its raw body
   * @param signature the header's value as received
   * @param key the connection's key
   * @return whether the signature is valid; {@code false} for any malformed input
   */
  boolean verify(WebhookRequest request, String signature, AlloySignatureKey key);
}
