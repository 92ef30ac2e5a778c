package dev.errorbridge.connector.retry;

/**
 * What one {@link ParkedEventDrainer#drain drain} did with the events that were due.
 *
 * @param due events found due (at most the limit asked for)
 * @param delivered accepted by the bus and removed from the retry store
 * @param rescheduled not delivered for a transient reason (or the destination's credentials could
 *     not be resolved); they wait for their next attempt
 * @param maybeDelivered among {@link #rescheduled}, those whose last call got no answer (a timeout,
 *     a lost connection): EventBridge may have accepted them, so their retry may put them on the
 *     bus a second time, with the same event id
 * @param deadLettered moved to the dead letters: their attempts or age ran out, or the destination
 *     refused them for good
 * @param skipped not tried: their connection is switched off or suspended (they wait, and become
 *     dead letters when their age runs out), or another worker took them first
 * @param discarded removed unsent because their connection no longer exists
 * @param leftForLater not touched because the deadline came first; still due for the next run
 */
public record DrainReport(
    int due,
    int delivered,
    int rescheduled,
    int maybeDelivered,
    int deadLettered,
    int skipped,
    int discarded,
    int leftForLater) {

  /** Events this run settled one way or another (everything but {@link #leftForLater}). */
  public int settled() {
    return delivered + rescheduled + deadLettered + skipped + discarded;
  }
}
