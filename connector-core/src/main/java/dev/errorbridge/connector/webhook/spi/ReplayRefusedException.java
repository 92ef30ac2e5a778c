package dev.errorbridge.connector.webhook.spi;

/**
 * A webhook request's claim found its {@link ReplayRecord} already written: the same signed request
 * was accepted before, within its tolerance. Nothing was claimed by the call; the intake answers it
 * as it answers any request that fails verification.
 */
public class ReplayRefusedException extends RuntimeException {
  public ReplayRefusedException(String connectionId) {
    super(
        "a webhook request of connection "
            + connectionId
            + " was accepted before (replay); the sender must sign a retry again with a new"
            + " timestamp");
  }
}
