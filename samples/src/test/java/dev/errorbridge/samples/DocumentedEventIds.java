package dev.errorbridge.samples;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The event id rule of {@code docs/event-schema.md} ("The event id"), written again from the doc so
 * that the sample events carry the ids Errorbridge would really give those failures.
 */
final class DocumentedEventIds {
  private DocumentedEventIds() {}

  static String of(String tenantId, String connectionId, String platform, String executionId) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update("errorbridge/event-id/v1".getBytes(StandardCharsets.US_ASCII));
      for (String field : new String[] {tenantId, connectionId, platform, executionId}) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha256.update(bytes);
      }
      byte[] id = sha256.digest();
      id[6] = (byte) ((id[6] & 0x0f) | 0x80);
      id[8] = (byte) ((id[8] & 0x3f) | 0x80);
      String hex = HexFormat.of().formatHex(id, 0, 16);
      return String.join(
          "-",
          hex.substring(0, 8),
          hex.substring(8, 12),
          hex.substring(12, 16),
          hex.substring(16, 20),
          hex.substring(20));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
