package dev.errorbridge.connector.platform;

import dev.errorbridge.connector.webhook.spi.ReplayGuard;
import java.time.Clock;
import java.util.Objects;

/**
 * What every webhook verifier is built with.
 *
 * @param clock the receiver's clock (signature timestamps are checked against it)
 * @param replayGuard remembers the signatures already accepted, for verifiers that refuse replays
 */
public record WebhookContext(Clock clock, ReplayGuard replayGuard) {
  public WebhookContext {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(replayGuard, "replayGuard");
  }
}
