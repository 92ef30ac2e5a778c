package dev.errorbridge.connector.webhook.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A verified webhook request to remember until {@code expiresAt}, so that the same signed request
 * sent again is refused. The webhook intake writes it in the transaction that claims the request's
 * event ({@code store.Outbox#claim}), so that the answer path makes one conditional write, not two.
 *
 * @param connectionId the connection the request was for
 * @param key what identifies the signed request (not a secret; stored hashed)
 * @param expiresAt when the record may be forgotten: after it the timestamp check alone refuses it
 */
public record ReplayRecord(String connectionId, String key, Instant expiresAt) {
  public ReplayRecord {
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "ReplayRecord[connectionId=" + connectionId + ", expiresAt=" + expiresAt + "]";
  }
}
