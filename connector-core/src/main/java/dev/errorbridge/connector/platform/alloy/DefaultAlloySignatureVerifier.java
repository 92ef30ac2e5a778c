package dev.errorbridge.connector.platform.alloy;

import dev.errorbridge.connector.webhook.spi.AlloySignatureKey;
import dev.errorbridge.connector.webhook.spi.Signatures;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The most plausible reading of Alloy's signature scheme. <b>Unverified</b>: no signed Alloy error
 * webhook has been seen, so treat a mismatch with real traffic as a bug here first.
 *
 * <p>What it does, from Alloy's "RSA header signature" page (written for custom API connectors and
 * data streaming):
 *
 * <ul>
 *   <li>signed content: {@code "POST" + signedUrl + raw body} when the key has a {@link
 *       AlloySignatureKey#signedUrl()}, else the raw body alone (Alloy's sample re-serialises the
 *       body with {@code JSON.stringify}; the raw bytes are what we can check);
 *   <li>algorithm: {@code SHA256withRSA} for an RSA key (PKCS#1 v1.5), {@code SHA256withECDSA}
 *       (DER) for an EC key;
 *   <li>encoding: hex, as documented; base64 (standard or URL-safe) is tried too.
 * </ul>
 */
public final class DefaultAlloySignatureVerifier implements AlloySignatureVerifier {
  // An RSA-8192 signature in hex is 2048 characters; anything longer is not one of ours.
  private static final int MAX_SIGNATURE_CHARS = 4096;

  @Override
  public boolean verify(WebhookRequest request, String signature, AlloySignatureKey key) {
    String text = signature.trim();
    if (text.isEmpty() || text.length() > MAX_SIGNATURE_CHARS) {
      return false;
    }
    String algorithm =
        switch (key.publicKey().getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> null;
        };
    if (algorithm == null) {
      return false;
    }
    byte[] prefix =
        key.signedUrl() == null
            ? new byte[0]
            : ("POST" + key.signedUrl()).getBytes(StandardCharsets.UTF_8);
    for (byte[] candidate : decodings(text)) {
      if (verifies(algorithm, key, prefix, request.rawBody(), candidate)) {
        return true;
      }
    }
    return false;
  }

  private static boolean verifies(
      String algorithm, AlloySignatureKey key, byte[] prefix, byte[] body, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(key.publicKey());
      verifier.update(prefix);
      verifier.update(body);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // A malformed signature (SignatureException) is simply not a valid one.
      return false;
    }
  }

  private static List<byte[]> decodings(String text) {
    List<byte[]> decodings = new ArrayList<>(3);
    byte[] hex = Signatures.parseHex(text);
    if (hex != null) {
      decodings.add(hex);
    }
    for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
      try {
        decodings.add(decoder.decode(text));
      } catch (IllegalArgumentException e) {
        // not this alphabet
      }
    }
    return decodings;
  }
}
