package dev.errorbridge.connector.mapping;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Platform;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Deterministic event ids: the same failure always gets the same id, whether Errorbridge found it
 * by polling or was told by a webhook, at whatever time, so consumers can deduplicate on {@code
 * detail.eventId}.
 *
 * <p>Derivation, version 1:
 *
 * <ol>
 *   <li>Input: the ASCII domain tag {@code errorbridge/event-id/v1}, then for each of tenant id,
 *       connection id, platform id (lower case, e.g. {@code dify}) and execution id, in that order:
 *       its UTF-8 byte length as a 4-byte big-endian unsigned integer, then its UTF-8 bytes. The
 *       length prefixes make the encoding unambiguous ({@code ("ab","c")} and {@code ("a","bc")}
 *       differ); the tag separates this use of SHA-256 from any other and versions the rule.
 *   <li>Hash: SHA-256 of that input.
 *   <li>Id: the first 16 bytes of the hash as an RFC 9562 UUID version 8 (custom): the high nibble
 *       of byte 6 set to {@code 8}, the two high bits of byte 8 set to {@code 10}; lower-case hex,
 *       {@code 8-4-4-4-12}. That leaves 122 bits of the hash.
 * </ol>
 *
 * <p>The workflow id, outcome, delivery path and all times are deliberately left out: they can
 * differ between the poll and the webhook view of one run (a webhook may carry a child workflow id,
 * a poll may see a run first as stopped), and none of them makes two runs different. Changing the
 * inputs would change every id, so a new rule gets a new domain tag ({@code v2}).
 */
public final class EventIds {
  private static final byte[] DOMAIN_TAG =
      "errorbridge/event-id/v1".getBytes(StandardCharsets.US_ASCII);

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  // MessageDigest is not thread-safe and getInstance() costs a provider lookup; one per thread.
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(EventIds::newSha256);

  private EventIds() {}

  /** The event id of {@code failure}. */
  public static String of(FailedExecution failure) {
    return of(
        failure.tenantId(), failure.connectionId(), failure.platform(), failure.execution().id());
  }

  /**
   * The event id of the execution {@code executionId} on {@code platform}, seen through {@code
   * connectionId} of {@code tenantId}.
   */
  public static String of(
      String tenantId, String connectionId, Platform platform, String executionId) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(executionId, "executionId");
    MessageDigest sha256 = SHA_256.get();
    sha256.reset();
    sha256.update(DOMAIN_TAG);
    update(sha256, tenantId);
    update(sha256, connectionId);
    update(sha256, platform.id());
    update(sha256, executionId);
    byte[] hash = sha256.digest();
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x80);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    return format(hash);
  }

  private static void update(MessageDigest sha256, String field) {
    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
    int n = bytes.length;
    sha256.update((byte) (n >>> 24));
    sha256.update((byte) (n >>> 16));
    sha256.update((byte) (n >>> 8));
    sha256.update((byte) n);
    sha256.update(bytes);
  }

  private static String format(byte[] b) {
    char[] out = new char[36];
    int o = 0;
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        out[o++] = '-';
      }
      out[o++] = HEX[(b[i] >> 4) & 0xf];
      out[o++] = HEX[b[i] & 0xf];
    }
    return new String(out);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (MessageDigest Javadoc).
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
