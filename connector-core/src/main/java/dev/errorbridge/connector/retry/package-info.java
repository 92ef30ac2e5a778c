/**
 * What happens to events that were claimed but not settled at once: those whose publish failed for
 * a transient reason, and those whose publisher died between claim and settle (both wait in the
 * outbox, the {@code ParkedEventStore}'s items).
 *
 * <ul>
 *   <li>{@link dev.errorbridge.connector.retry.RetryRouting} and {@link
 *       dev.errorbridge.connector.retry.RetryRoutingDeadLetterStore}: transient failures go to the
 *       retry store ({@code ParkedEventStore}), permanent ones to the dead letters;
 *   <li>{@link dev.errorbridge.connector.retry.ParkedEventDrainer}: the retry worker (the retry
 *       Lambda's core), leasing due events ten at a time, sending them again with their original
 *       entries and event ids and settling them on a {@link
 *       dev.errorbridge.connector.retry.RetrySchedule}, giving up into the dead letters when their
 *       attempts or age run out;
 *   <li>{@link dev.errorbridge.connector.retry.OutboxSettlements}: how a publish outcome settles
 *       its outbox entry, shared by first publishes and the retry worker;
 *   <li>{@link dev.errorbridge.connector.retry.DeadLetterReplayer}: a customer's replay of a
 *       connection's dead letters once the cause is fixed, with {@link
 *       dev.errorbridge.connector.retry.ProgressListener progress} for the CLI and an audit record.
 * </ul>
 */
package dev.errorbridge.connector.retry;
