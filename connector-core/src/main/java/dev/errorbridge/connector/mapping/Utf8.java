package dev.errorbridge.connector.mapping;

/**
 * UTF-8 arithmetic on Java strings without encoding them: EventBridge measures entries in UTF-8
 * bytes, and the mapper measures every detail it writes, so allocating a byte array per measurement
 * would double the work of the common path.
 */
final class Utf8 {
  /** Appended to every shortened text so a reader can tell it was cut. */
  static final String TRUNCATION_MARKER = "…[truncated]";

  static final int TRUNCATION_MARKER_BYTES = 14;

  private Utf8() {}

  /**
   * The UTF-8 length of {@code s}, counting each unpaired surrogate as the 3 bytes of U+FFFD (what
   * {@link #replaceUnpairedSurrogates} turns it into).
   */
  static long length(CharSequence s) {
    long n = lengthIfWellFormed(s);
    return n >= 0 ? n : length(replaceUnpairedSurrogates(s.toString()));
  }

  /**
   * The UTF-8 length of {@code s}, or -1 when it holds an unpaired surrogate, which UTF-8 cannot
   * encode. One pass, no allocation.
   */
  static long lengthIfWellFormed(CharSequence s) {
    int len = s.length();
    long n = len;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        continue;
      }
      if (c < 0x800) {
        n += 1;
      } else if (!Character.isSurrogate(c)) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < len
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        // Two chars, four bytes.
        n += 2;
        i++;
      } else {
        return -1;
      }
    }
    return n;
  }

  /**
   * {@code s} with each unpaired surrogate replaced by U+FFFD; {@code s} itself when it has none.
   */
  static String replaceUnpairedSurrogates(String s) {
    StringBuilder out = null;
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      boolean paired = false;
      if (Character.isHighSurrogate(c)
          && i + 1 < len
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        paired = true;
      }
      if (!Character.isSurrogate(c) || paired) {
        if (out != null) {
          out.append(c);
          if (paired) {
            out.append(s.charAt(i + 1));
          }
        }
        if (paired) {
          i++;
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(len).append(s, 0, i);
      }
      out.append('\uFFFD');
    }
    return out == null ? s : out.toString();
  }

  /**
   * {@code s} cut so that it and {@link #TRUNCATION_MARKER} together take at most {@code capBytes}
   * UTF-8 bytes. The cut is at a code point boundary, so a surrogate pair is never split and the
   * result always encodes to valid UTF-8 (combining sequences and emoji ZWJ sequences may lose
   * their tail, which is still valid text).
   *
   * @param capBytes at least {@link #TRUNCATION_MARKER_BYTES}
   */
  static String truncate(String s, long capBytes) {
    long budget = capBytes - TRUNCATION_MARKER_BYTES;
    if (budget < 0) {
      throw new IllegalArgumentException(
          "capBytes must leave room for the truncation marker (" + TRUNCATION_MARKER_BYTES + ")");
    }
    int len = s.length();
    int i = 0;
    long n = 0;
    while (i < len) {
      char c = s.charAt(i);
      int bytes;
      int chars = 1;
      if (c < 0x80) {
        bytes = 1;
      } else if (c < 0x800) {
        bytes = 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < len
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes = 4;
        chars = 2;
      } else {
        // A BMP character, or an unpaired surrogate that becomes U+FFFD later: 3 bytes either way.
        bytes = 3;
      }
      if (n + bytes > budget) {
        break;
      }
      n += bytes;
      i += chars;
    }
    return s.substring(0, i) + TRUNCATION_MARKER;
  }
}
