package dev.errorbridge.connector.connection;

import java.time.Instant;

/**
 * A connection's health and delivery counters. Kept apart from the settings (and outside their
 * optimistic-concurrency version) because the engine updates it on every cycle while a user may be
 * editing the settings.
 *
 * @param state the state; {@link HealthState#PAUSED} whenever the connection is disabled
 * @param reason why the connection is SUSPENDED or in ERROR; while ACTIVE, what its last poll cycle
 *     could not do (rate limited, cut short, rows it could not read, a cycle taken over from a
 *     stopped worker), until a cycle without anything to note; {@code null} otherwise
 * @param since when the state last changed
 * @param consecutiveFailures non-retryable destination failures in a row (reset by a delivery)
 * @param lastDeliveryAt when an event was last accepted by the bus, or {@code null}
 * @param delivered events accepted by the bus, in total
 * @param deadLettered events parked in the dead-letter store, in total
 * @param fix what the owner can do about {@code reason}, or {@code null} when there is nothing to
 *     do or the reason says it
 */
public record ConnectionHealth(
    HealthState state,
    String reason,
    Instant since,
    int consecutiveFailures,
    Instant lastDeliveryAt,
    long delivered,
    long deadLettered,
    String fix) {

  /**
   * How a reason the poll engine set begins ({@code Polling stopped: }, {@code Polling failing: },
   * {@code Polling: }): such a state is about reading the platform, so a delivery (a webhook's)
   * does not prove it fixed; the next complete poll cycle does.
   */
  public static final String POLLING_REASON_PREFIX = "Polling";

  /** Health without a separate fix. */
  public ConnectionHealth(
      HealthState state,
      String reason,
      Instant since,
      int consecutiveFailures,
      Instant lastDeliveryAt,
      long delivered,
      long deadLettered) {
    this(state, reason, since, consecutiveFailures, lastDeliveryAt, delivered, deadLettered, null);
  }

  /** The health of a connection just created or switched on or off. */
  public static ConnectionHealth initial(boolean enabled, Instant now) {
    return new ConnectionHealth(
        enabled ? HealthState.ACTIVE : HealthState.PAUSED, null, now, 0, null, 0, 0);
  }

  /** The same counters in a new state. */
  public ConnectionHealth withState(HealthState newState, String newReason, Instant now) {
    return withState(newState, newReason, null, now);
  }

  /** The same counters in a new state, with what to do about it. */
  public ConnectionHealth withState(
      HealthState newState, String newReason, String newFix, Instant now) {
    return new ConnectionHealth(
        newState, newReason, now, 0, lastDeliveryAt, delivered, deadLettered, newFix);
  }

  /** Whether the poll engine set the reason (see {@link #POLLING_REASON_PREFIX}). */
  public boolean reasonFromPolling() {
    return reason != null && reason.startsWith(POLLING_REASON_PREFIX);
  }
}
