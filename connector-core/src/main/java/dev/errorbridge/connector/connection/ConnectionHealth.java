package dev.errorbridge.connector.connection;

import java.time.Instant;

/**
 * A connection's health and delivery counters. Kept apart from the settings (and outside their
 * optimistic-concurrency version) because the engine updates it on every cycle while a user may be
 * editing the settings.
 *
 * @param state the state; {@link HealthState#PAUSED} whenever the connection is disabled
 * @param reason why the connection is SUSPENDED or in ERROR, with the fix; {@code null} otherwise
 * @param since when the state last changed
 * @param consecutiveFailures non-retryable destination failures in a row (reset by a delivery)
 * @param lastDeliveryAt when an event was last accepted by the bus, or {@code null}
 * @param delivered events accepted by the bus, in total
 * @param deadLettered events parked in the dead-letter store, in total
 */
public record ConnectionHealth(
    HealthState state,
    String reason,
    Instant since,
    int consecutiveFailures,
    Instant lastDeliveryAt,
    long delivered,
    long deadLettered) {

  /** The health of a connection just created or switched on or off. */
  public static ConnectionHealth initial(boolean enabled, Instant now) {
    return new ConnectionHealth(
        enabled ? HealthState.ACTIVE : HealthState.PAUSED, null, now, 0, null, 0, 0);
  }

  /** The same counters in a new state. */
  public ConnectionHealth withState(HealthState newState, String newReason, Instant now) {
    return new ConnectionHealth(
        newState, newReason, now, 0, lastDeliveryAt, delivered, deadLettered);
  }
}
