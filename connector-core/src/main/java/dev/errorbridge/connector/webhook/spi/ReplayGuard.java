package dev.errorbridge.connector.webhook.spi;

import java.time.Instant;

/**
 * Remembers which signed requests were already accepted, so a captured request cannot be replayed
 * while its timestamp is still within tolerance. Implementations must be atomic: of two concurrent
 * calls with the same key, exactly one sees it first.
 */
@FunctionalInterface
public interface ReplayGuard {
  /**
   * Records {@code key} of {@code connectionId} until {@code expiresAt}.
   *
   * @param connectionId the connection the request was for
   * @param key what identifies the signed request (not a secret)
   * @param expiresAt when the key may be forgotten: after it the timestamp check alone refuses it
   * @return {@code true} if the key was not recorded (or its record had expired), {@code false} if
   *     it is a replay
   * @throws RuntimeException if the store cannot answer; the receiver answers 503
   */
  boolean firstSeen(String connectionId, String key, Instant expiresAt);
}
