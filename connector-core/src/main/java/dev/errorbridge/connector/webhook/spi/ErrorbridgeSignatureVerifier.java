package dev.errorbridge.connector.webhook.spi;

import dev.errorbridge.connector.secrets.SecretValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies Errorbridge's own {@code X-Errorbridge-Signature}, modelled on Stripe's scheme, for
 * every platform whose sender signs that way (the generic webhook; n8n, whose Error Trigger sample
 * signs with its Crypto node). It lives in the SPI so that those platforms share one
 * implementation:
 *
 * <pre>
 * X-Errorbridge-Signature: t=1770110772,v1=5257a869…,v1=6ffbb59b…
 * </pre>
 *
 * <ul>
 *   <li>{@code t} is the signing time in Unix seconds; it must be within the connection's tolerance
 *       (5 minutes by default) of this verifier's clock, either way;
 *   <li>each {@code v1} is the lower-case hex HMAC-SHA256 of {@code t + "." + raw body}; one match
 *       under any of the connection's secrets suffices, so a sender rotating its secret may send
 *       one {@code v1} per secret. Other schemes ({@code v0}…) are ignored;
 *   <li>a verified request is recorded in the {@link ReplayGuard} until its timestamp leaves the
 *       tolerance (or, when the guard {@link ReplayGuard#joinsClaim() joins the claim}, in its
 *       event's claim transaction); the same signed timestamp and body again is refused. A sender
 *       retrying must sign again with a new {@code t}.
 * </ul>
 *
 * Repeated headers are read as one comma-separated list, as HTTP allows.
 */
public final class ErrorbridgeSignatureVerifier implements WebhookVerifier {
  public static final String SIGNATURE_HEADER = "X-Errorbridge-Signature";

  // Bounds the work an unauthenticated header can cause; a rotation needs two v1s.
  private static final int MAX_ELEMENTS = 16;
  private static final int MAX_TIMESTAMP_DIGITS = 12;

  private final Clock clock;
  private final ReplayGuard replayGuard;

  public ErrorbridgeSignatureVerifier(Clock clock, ReplayGuard replayGuard) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
  }

  @Override
  public WebhookVerification verify(WebhookRequest request, WebhookSettings settings) {
    List<String> values = request.headers().all(SIGNATURE_HEADER);
    if (values.isEmpty()) {
      return WebhookVerification.failed(SIGNATURE_HEADER + " header missing");
    }
    Header header = Header.parse(String.join(",", values));
    if (header == null) {
      return WebhookVerification.failed(SIGNATURE_HEADER + " is malformed");
    }
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(header.timestamp()));
    Duration tolerance = settings.signatureTolerance();
    if (Duration.between(signedAt, clock.instant()).abs().compareTo(tolerance) > 0) {
      return WebhookVerification.failed("signature timestamp outside the tolerance");
    }
    byte[] prefix = (header.timestamp() + ".").getBytes(StandardCharsets.US_ASCII);
    if (!matches(settings.secrets(), prefix, request.rawBody(), header.signatures())) {
      return WebhookVerification.failed(SIGNATURE_HEADER + " matches no configured secret");
    }
    // Keyed by what was signed, not by which v1 matched: a replay with the other v1s dropped or
    // reordered, or after a rotation, is still the same request.
    String key = Signatures.hex(Signatures.sha256(prefix, request.rawBody()));
    if (replayGuard.joinsClaim()) {
      return WebhookVerification.passed(
          new ReplayRecord(settings.connectionId(), key, signedAt.plus(tolerance)));
    }
    if (!replayGuard.firstSeen(settings.connectionId(), key, signedAt.plus(tolerance))) {
      return WebhookVerification.failed("signature already used (replay)");
    }
    return WebhookVerification.passed();
  }

  private static boolean matches(
      List<SecretValue> secrets, byte[] prefix, byte[] body, List<byte[]> signatures) {
    for (SecretValue secret : secrets) {
      byte[] expected = Signatures.hmacSha256(secret, prefix, body);
      for (byte[] presented : signatures) {
        if (MessageDigest.isEqual(expected, presented)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The header's timestamp (its digits as sent, which is what was signed) and v1 signatures. */
  private record Header(String timestamp, List<byte[]> signatures) {
    static Header parse(String value) {
      String[] elements = value.split(",", -1);
      if (elements.length > MAX_ELEMENTS) {
        return null;
      }
      String timestamp = null;
      List<byte[]> signatures = new ArrayList<>();
      for (String element : elements) {
        int eq = element.indexOf('=');
        if (eq < 0) {
          return null;
        }
        String name = element.substring(0, eq).trim();
        String text = element.substring(eq + 1).trim();
        if (name.equals("t")) {
          if (timestamp != null || !isTimestamp(text)) {
            return null;
          }
          timestamp = text;
        } else if (name.equals("v1")) {
          byte[] signature = Signatures.parseHex(text);
          if (signature != null && signature.length == Signatures.SHA256_BYTES) {
            signatures.add(signature);
          }
        }
      }
      return timestamp == null || signatures.isEmpty() ? null : new Header(timestamp, signatures);
    }

    private static boolean isTimestamp(String text) {
      if (text.isEmpty() || text.length() > MAX_TIMESTAMP_DIGITS) {
        return false;
      }
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) < '0' || text.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }
  }
}
