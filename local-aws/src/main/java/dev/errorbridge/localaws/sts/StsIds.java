package dev.errorbridge.localaws.sts;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers in the alphabets AWS uses for them. */
final class StsIds {
  /** Access key ids and role ids use upper-case letters and the digits 2-7 (base32). */
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private StsIds() {}

  static String base32(SecureRandom random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = BASE32[random.nextInt(BASE32.length)];
    }
    return new String(chars);
  }

  /** A secret access key: 40 characters of base64, like AWS's. */
  static String secretAccessKey(SecureRandom random) {
    byte[] bytes = new byte[30];
    random.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * A session token: opaque base64, long like AWS's (which also start with {@code IQoJb3JpZ2lu}),
   * so code that stores or logs tokens sees realistic sizes.
   */
  static String sessionToken(SecureRandom random) {
    byte[] bytes = new byte[288];
    random.nextBytes(bytes);
    return "IQoJb3JpZ2luX2Vj" + Base64.getEncoder().encodeToString(bytes);
  }
}
