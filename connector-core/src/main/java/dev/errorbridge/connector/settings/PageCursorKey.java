package dev.errorbridge.connector.settings;

import java.security.SecureRandom;

/**
 * The key {@link PageCursors} MACs page cursors with. Every process that answers the same API must
 * use the same key, or a cursor one process handed out is refused by the next: {@code
 * ConnectorComponents} uses {@code DynamoDbPageCursorKey}, a random key kept in the table sealed
 * under the deployment's KMS key, for Lambda and the standalone server alike. {@link #random()}
 * suits one process (tests, a single in-memory service).
 */
@FunctionalInterface
public interface PageCursorKey {
  /** The shortest key accepted: 256 bits, HMAC-SHA256's block-size-independent strength. */
  int MIN_BYTES = 32;

  /**
   * The key; implementations load it once and cache it (this is called for every cursor).
   *
   * @throws RuntimeException when the key cannot be had now (a store or KMS outage): a server fault
   */
  byte[] bytes();

  /** A fixed key (a copy of {@code key}, at least {@link #MIN_BYTES} long). */
  static PageCursorKey of(byte[] key) {
    if (key == null || key.length < MIN_BYTES) {
      throw new IllegalArgumentException(
          "a page cursor key needs at least " + MIN_BYTES + " bytes");
    }
    byte[] copy = key.clone();
    return () -> copy;
  }

  /** A fresh random key for this process only. */
  static PageCursorKey random() {
    byte[] key = new byte[MIN_BYTES];
    new SecureRandom().nextBytes(key);
    return of(key);
  }
}
