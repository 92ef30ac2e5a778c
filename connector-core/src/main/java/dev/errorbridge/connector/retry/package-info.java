/**
 * What happens to events that could not be delivered at once, after the webhook (or poller) has
 * already taken responsibility for them.
 *
 * <ul>
 *   <li>{@link dev.errorbridge.connector.retry.RetryRouting} and {@link
 *       dev.errorbridge.connector.retry.RetryRoutingDeadLetterStore}: transient failures go to the
 *       retry store ({@code ParkedEventStore}), permanent ones to the dead letters;
 *   <li>{@link dev.errorbridge.connector.retry.ParkedEventDrainer}: the retry worker (the retry
 *       Lambda's core), leasing due events and sending them again on a {@link
 *       dev.errorbridge.connector.retry.RetrySchedule}, giving up into the dead letters when their
 *       attempts or age run out;
 *   <li>{@link dev.errorbridge.connector.retry.DeadLetterReplayer}: a customer's replay of a
 *       connection's dead letters once the cause is fixed, with {@link
 *       dev.errorbridge.connector.retry.ProgressListener progress} for the CLI and an audit record.
 * </ul>
 */
package dev.errorbridge.connector.retry;
