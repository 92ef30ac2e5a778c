package dev.errorbridge.localaws.kms;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical byte form of an encryption context, bound into every ciphertext as additional
 * authenticated data.
 *
 * <p>Entries are sorted by key, so the order a client sends them in does not matter, and every
 * string is length-prefixed, so no two different contexts share an encoding (e.g. {@code
 * {"a":"bc"}} and {@code {"ab":"c"}} would collide under plain concatenation).
 */
final class KmsEncryptionContext {
  private KmsEncryptionContext() {}

  /** Count, then per entry in key order: key length, key, value length, value (UTF-8). */
  static byte[] canonical(Map<String, String> context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeInt(out, context.size());
    for (Map.Entry<String, String> entry : new TreeMap<>(context).entrySet()) {
      writeString(out, entry.getKey());
      writeString(out, entry.getValue());
    }
    return out.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    writeInt(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void writeInt(ByteArrayOutputStream out, int value) {
    out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(value).array());
  }
}
