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

  /**
   * Whether verifiers leave the record to the event's claim instead of calling {@link #firstSeen}:
   * the verification then carries a {@link dev.errorbridge.connector.webhook.spi.ReplayRecord} that
   * the intake's {@link dev.errorbridge.connector.store.Outbox#claim(java.util.List,
   * dev.errorbridge.connector.webhook.spi.ReplayRecord) claim} writes in its own transaction, and a
   * replay is refused there. A request whose event is not claimed (ignored, filtered out, claimed
   * before) is then not recorded: sent again, it changes nothing either.
   */
  default boolean joinsClaim() {
    return false;
  }
}
