package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which connections are due for a poll cycle now, shard by shard of the enabled-connections
 * index ({@link ConnectionStore#listEnabled}). A connection is due when it is enabled, not
 * SUSPENDED, reads a platform (not webhook-only) with an API key, no live cycle holds its
 * checkpoint, its checkpoint's "not before" has passed (a connection in ERROR whose settings
 * changed since is tried at once), and its interval has passed since its last cycle ended (the
 * {@value PollConfig#POLL_INTERVAL_OPTION} option, default {@link PollConfig#defaultInterval()}; a
 * quarter of it is forgiven so that a scheduler ticking once per interval polls it every tick).
 *
 * <p>The Lambda schedule handler enqueues one message per due id; the standalone server hands the
 * due connections to a {@link PollRunner}. Costs one index query per shard and, per shard, one
 * consistent {@code BatchGetItem} per 100 pollable connections ({@link CheckpointStore#loadAll}):
 * 10,000 connections cost about 116 calls, not 10,000 reads.
 */
public final class PollScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(PollScheduler.class);

  private final ConnectionStore connections;
  private final CheckpointStore checkpoints;
  private final PollConfig config;
  private final Clock clock;

  public PollScheduler(
      ConnectionStore connections, CheckpointStore checkpoints, PollConfig config, Clock clock) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The connections due now in shards {@code [fromShard, toShard)}, as read from the store, the
   * most overdue first (never polled, then by the time their interval passed): a runner that cannot
   * start them all in one tick starts the ones that have waited longest.
   *
   * @throws IllegalArgumentException unless {@code 0 <= fromShard <= toShard <= }{@link
   *     ConnectionStore#SHARDS}
   * @throws dev.errorbridge.connector.store.StoreUnavailableException if DynamoDB cannot answer
   */
  public List<Connection> due(int fromShard, int toShard) {
    if (fromShard < 0 || fromShard > toShard || toShard > ConnectionStore.SHARDS) {
      throw new IllegalArgumentException(
          "shards must satisfy 0 <= from <= to <= "
              + ConnectionStore.SHARDS
              + ", were ["
              + fromShard
              + ", "
              + toShard
              + ")");
    }
    Instant now = clock.instant();
    List<Due> due = new ArrayList<>();
    int enabled = 0;
    for (int shard = fromShard; shard < toShard; shard++) {
      List<Connection> pollable = new ArrayList<>();
      for (Connection connection : connections.listEnabled(shard)) {
        enabled++;
        if (PollRules.notPolledBecause(connection) == null) {
          pollable.add(connection);
        }
      }
      if (pollable.isEmpty()) {
        continue;
      }
      Map<String, Checkpoint> stored =
          checkpoints.loadAll(pollable.stream().map(Connection::id).toList());
      for (Connection connection : pollable) {
        Checkpoint checkpoint = stored.get(connection.id());
        if (PollRules.due(connection, checkpoint, now, config)) {
          due.add(new Due(connection, PollRules.dueSince(connection, checkpoint, config)));
        }
      }
    }
    LOG.debug(
        "poll schedule shards=[{},{}) enabled={} due={}", fromShard, toShard, enabled, due.size());
    due.sort(Comparator.comparing(Due::since));
    return due.stream().map(Due::connection).toList();
  }

  private record Due(Connection connection, Instant since) {}

  /**
   * Whether {@code connection} is still due now, by its checkpoint as stored now (one consistent
   * read). Replicas that share a table read the same due list at each tick; the one that reaches a
   * connection after another replica polled it since finds it no longer due.
   */
  public boolean stillDue(Connection connection) {
    return PollRules.due(
        connection, checkpoints.load(connection.id()).orElse(null), clock.instant(), config);
  }

  /** The ids of {@link #due(int, int)}, for one queue message each. */
  public List<String> dueConnectionIds(int fromShard, int toShard) {
    return due(fromShard, toShard).stream().map(Connection::id).toList();
  }
}
