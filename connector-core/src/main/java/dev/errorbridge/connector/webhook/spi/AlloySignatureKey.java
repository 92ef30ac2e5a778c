package dev.errorbridge.connector.webhook.spi;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The public key an Alloy connection checks {@code X-Alloy-Signature} with, when one is configured.
 *
 * <p>Alloy documents the header for custom API connectors and data streaming (an RSA signature over
 * SHA-256 of method, URL and body, hex-encoded, public key at {@code
 * https://cdn.runalloy.com/security/alloy_public_key.pem}) but not whether its error webhook sends
 * it: see {@code platform.alloy.DefaultAlloySignatureVerifier}, which is <b>unverified</b> against
 * real traffic.
 *
 * @param publicKey an RSA or EC public key
 * @param signedUrl the webhook URL exactly as entered in Alloy's Settings → Logging, which Alloy's
 *     documented scheme signs along with the method and the body; {@code null} to verify a
 *     signature over the body alone
 * @param required whether a request without {@code X-Alloy-Signature} is refused; leave it off
 *     until the error stream is known to be signed
 */
public record AlloySignatureKey(PublicKey publicKey, String signedUrl, boolean required) {

  public AlloySignatureKey {
    List<String> problems = problems(publicKey, signedUrl);
    if (!problems.isEmpty()) {
      throw new WebhookConfigInvalidException(problems);
    }
  }

  /**
   * Reads a PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo), RSA or EC, such as Alloy's {@code
   * alloy_public_key.pem}.
   *
   * @throws WebhookConfigInvalidException if it is not such a key
   */
  public static PublicKey parsePublicKey(String pem) {
    Objects.requireNonNull(pem, "pem");
    String base64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw notAKey();
    }
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm; try the next
      }
    }
    throw notAKey();
  }

  private static WebhookConfigInvalidException notAKey() {
    return new WebhookConfigInvalidException(
        List.of(
            "alloySignature.publicKey must be a PEM 'PUBLIC KEY' (X.509 SubjectPublicKeyInfo), RSA"
                + " or EC"));
  }

  private static List<String> problems(PublicKey publicKey, String signedUrl) {
    List<String> problems = new ArrayList<>();
    if (publicKey == null) {
      problems.add("alloySignature.publicKey is required");
    } else if (!List.of("RSA", "EC").contains(publicKey.getAlgorithm())) {
      problems.add("alloySignature.publicKey must be an RSA or EC key");
    }
    if (signedUrl != null && !isHttpUrl(signedUrl)) {
      problems.add(
          "alloySignature.signedUrl must be an absolute http(s) URL, the one entered in Alloy");
    }
    return problems;
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
