package dev.errorbridge.connector.webhook.spi;

import dev.errorbridge.connector.secrets.SecretValue;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, SHA-256 and hex, as the verifiers need them. */
public final class Signatures {
  public static final int SHA256_BYTES = 32;

  private static final HexFormat HEX = HexFormat.of();

  private Signatures() {}

  /** HMAC-SHA256 with {@code secret}'s UTF-8 bytes as the key, over the parts in order. */
  public static byte[] hmacSha256(SecretValue secret, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      // Every Java platform must provide HmacSHA256 (Mac Javadoc); an empty key is refused by
      // the settings' minimum length. Neither message carries the key.
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  public static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  /**
   * Compares a presented credential with an expected one in time that depends on neither's content
   * nor length: both are hashed first, since {@link MessageDigest#isEqual} returns early on
   * different lengths.
   */
  public static boolean sameText(String presented, SecretValue expected) {
    return MessageDigest.isEqual(
        sha256(presented.getBytes(StandardCharsets.UTF_8)),
        sha256(expected.reveal().getBytes(StandardCharsets.UTF_8)));
  }

  /** The bytes of a hex string (either case), or {@code null} if it is not hex. */
  public static byte[] parseHex(String hex) {
    if (hex.isEmpty() || hex.length() % 2 != 0) {
      return null;
    }
    try {
      return HEX.parseHex(hex);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }
}
