/**
 * The poll engine: finds connections' failed executions by reading their platforms' APIs, and
 * delivers them to their buses through {@link dev.errorbridge.connector.engine.ConnectionDelivery}
 * (the same toggle, filters, dedup by event id and health as webhooks).
 *
 * <h2>Parts</h2>
 *
 * <ul>
 *   <li>{@link dev.errorbridge.connector.poll.PollEngine} / {@link
 *       dev.errorbridge.connector.poll.DefaultPollEngine}: one cycle of one connection, reported as
 *       a {@link dev.errorbridge.connector.poll.PollCycleReport} with a {@link
 *       dev.errorbridge.connector.poll.PollStatus}; the guarantees (nothing skipped, nothing twice,
 *       crashes, runs in progress, platform errors) are on {@code DefaultPollEngine}.
 *   <li>{@link dev.errorbridge.connector.poll.PollScheduler}: which connections are due, by shard
 *       of the enabled-connections index; {@link dev.errorbridge.connector.poll.PollRunner}: polls
 *       a list of them on a bounded pool, each cycle with its own budget and started only with the
 *       time to finish it.
 *   <li>{@code PollHealth}: what a cycle leaves on the connection's health: a note while ACTIVE,
 *       ERROR with the reason and the fix after {@link
 *       dev.errorbridge.connector.poll.PollConfig#errorAfterFailedCycles()} failed cycles in a row,
 *       ACTIVE again after a complete one.
 *   <li>{@link dev.errorbridge.connector.poll.Backfill}: a historical window of one connection,
 *       through the same source and delivery, without moving the watermark, with progress and a
 *       resume point.
 *   <li>{@link dev.errorbridge.connector.poll.PollSources}: each connection's {@code
 *       FailureSource}, with its key decrypted, cached per settings version and used by one cycle
 *       at a time; {@link dev.errorbridge.connector.poll.FailureDelivery}: where pages go.
 *   <li>{@link dev.errorbridge.connector.poll.PollConfig}: intervals, budgets and margins.
 * </ul>
 *
 * <h2>The checkpoint, per connection</h2>
 *
 * <table>
 *   <caption>Checkpoint fields as the engine uses them</caption>
 *   <tr><th>Field</th><th>Meaning</th></tr>
 *   <tr><td>{@code watermark}</td><td>the frozen upper bound of the last complete, settled scan;
 *       the next scan reads {@code [watermark − lookback, now)}</td></tr>
 *   <tr><td>{@code pendingRuns}</td><td>runs seen in progress, rechecked until they end</td></tr>
 *   <tr><td>{@code lastScan}</td><td>when the last cycle ended, whether complete, its error,
 *       and how many cycles in a row did not complete</td></tr>
 *   <tr><td>{@code notBefore}</td><td>the scheduler skips the connection until then (429, refused
 *       key, after a crash)</td></tr>
 *   <tr><td>{@code inProgressUntil}</td><td>a cycle holds the checkpoint until its
 *       deadline</td></tr>
 * </table>
 */
package dev.errorbridge.connector.poll;
