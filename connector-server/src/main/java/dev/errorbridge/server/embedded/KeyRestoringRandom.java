package dev.errorbridge.server.embedded;

import java.security.SecureRandom;

/**
 * A {@link SecureRandom} that hands out a fixed, persisted prefix first and fresh randomness after
 * it. Given to the embedded KMS, it makes the first {@code CreateKey} after a restart produce the
 * same key material and key id as before (local-aws draws 32 bytes of material, then 16 for the
 * id), while every IV and data key drawn later is fresh: replaying a whole seeded stream instead
 * would reuse AES-GCM nonces under the same key.
 */
final class KeyRestoringRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  private final byte[] prefix;
  private final SecureRandom fresh;
  private int served; // guarded by this

  KeyRestoringRandom(byte[] prefix, SecureRandom fresh) {
    this.prefix = prefix.clone();
    this.fresh = fresh;
  }

  @Override
  public synchronized void nextBytes(byte[] bytes) {
    int fromPrefix = Math.min(bytes.length, prefix.length - served);
    System.arraycopy(prefix, served, bytes, 0, fromPrefix);
    served += fromPrefix;
    if (fromPrefix < bytes.length) {
      byte[] rest = new byte[bytes.length - fromPrefix];
      fresh.nextBytes(rest);
      System.arraycopy(rest, 0, bytes, fromPrefix, rest.length);
    }
  }

  /** Whether the whole prefix has been handed out. */
  synchronized boolean prefixConsumed() {
    return served == prefix.length;
  }
}
