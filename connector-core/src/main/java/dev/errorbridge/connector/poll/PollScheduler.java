package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * <p>A shard's first listing costs one index query and one consistent {@code BatchGetItem} per 100
 * pollable connections ({@link CheckpointStore#loadAll}): 10,000 connections cost about 116 calls,
 * not 10,000 reads. The scheduler then keeps the listing, with the time each connection is next due
 * ({@link PollRules#dueAt}), for as long as {@link ConnectionStore#settingsStamp} stays (one small
 * read a tick): a later tick reads only the checkpoints of the connections whose time has come,
 * since only a cycle (which moves that time later) or a settings change (which moves the stamp) can
 * change it. Replicas of the server tick every few seconds each; without this, every tick of every
 * replica read every connection and checkpoint, many times what the polls themselves read. A
 * listing is made again when the stamp moves (and once more on the next tick, because the index is
 * eventually consistent) and at least every {@link #LONGEST_LISTING_REUSE}.
 *
 * <p>The Lambda schedule handler enqueues one message per due id; the standalone server hands the
 * due connections to a {@link PollRunner}, which checks each one again ({@link #dueNow}) when its
 * turn comes. Thread-safe.
 */
public final class PollScheduler {
  /**
   * How long a listing is used at most while the stamp stays: how long a change stays unseen if its
   * writer died between the change and moving the stamp.
   */
  public static final Duration LONGEST_LISTING_REUSE = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(PollScheduler.class);

  private final ConnectionStore connections;
  private final CheckpointStore checkpoints;
  private final PollConfig config;
  private final Clock clock;
  private final Map<Integer, Listing> listings = new HashMap<>(); // guarded by this

  /**
   * One shard's pollable connections as listed, in the order listed, each with when it is next due.
   *
   * @param settled whether the stamp was the same at the listing before this one, so the index had
   *     time to show the change that moved it
   */
  private record Listing(
      long stamp, Instant listedAt, boolean settled, Map<String, Known> connections) {}

  private record Known(Connection connection, Instant dueAt) {}

  public PollScheduler(
      ConnectionStore connections, CheckpointStore checkpoints, PollConfig config, Clock clock) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The connections due now in shards {@code [fromShard, toShard)}, the most overdue first (never
   * polled, then by the time they became due): a runner that cannot start them all in one tick
   * starts the ones that have waited longest.
   *
   * @throws IllegalArgumentException unless {@code 0 <= fromShard <= toShard <= }{@link
   *     ConnectionStore#SHARDS}
   * @throws dev.errorbridge.connector.store.StoreUnavailableException if DynamoDB cannot answer
   */
  public synchronized List<Connection> due(int fromShard, int toShard) {
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
    long stamp = connections.settingsStamp();
    Instant now = clock.instant();
    List<Known> due = new ArrayList<>();
    int listed = 0;
    int reread = 0;
    for (int shard = fromShard; shard < toShard; shard++) {
      Listing listing = listings.get(shard);
      if (listing == null
          || listing.stamp() != stamp
          || !listing.settled()
          || !now.isBefore(listing.listedAt().plus(LONGEST_LISTING_REUSE))) {
        listing = list(shard, stamp, now, listing);
        listings.put(shard, listing);
        listed++;
      } else {
        reread += reread(listing, now);
      }
      for (Known known : listing.connections().values()) {
        if (!now.isBefore(known.dueAt())) {
          due.add(known);
        }
      }
    }
    LOG.debug(
        "poll schedule shards=[{},{}) listed={} checkpointsReread={} due={}",
        fromShard,
        toShard,
        listed,
        reread,
        due.size());
    due.sort(Comparator.comparing(Known::dueAt));
    return due.stream().map(Known::connection).toList();
  }

  /** Lists the shard's enabled connections and reads the checkpoints of the pollable ones. */
  private Listing list(int shard, long stamp, Instant now, Listing previous) {
    List<Connection> pollable = new ArrayList<>();
    for (Connection connection : connections.listEnabled(shard)) {
      if (PollRules.notPolledBecause(connection) == null) {
        pollable.add(connection);
      }
    }
    Map<String, Known> known = new LinkedHashMap<>();
    Map<String, Checkpoint> stored =
        pollable.isEmpty()
            ? Map.of()
            : checkpoints.loadAll(pollable.stream().map(Connection::id).toList());
    for (Connection connection : pollable) {
      Instant dueAt = PollRules.dueAt(connection, stored.get(connection.id()), config);
      known.put(connection.id(), new Known(connection, dueAt));
    }
    boolean settled = previous != null && previous.stamp() == stamp;
    return new Listing(stamp, now, settled, known);
  }

  /**
   * Reads again the checkpoints of the listed connections whose time has come, and keeps the time
   * each is due by it now (later, if a cycle ran since). Returns how many it read.
   */
  private int reread(Listing listing, Instant now) {
    List<String> ids = new ArrayList<>();
    for (Known known : listing.connections().values()) {
      if (!now.isBefore(known.dueAt())) {
        ids.add(known.connection().id());
      }
    }
    if (ids.isEmpty()) {
      return 0;
    }
    Map<String, Checkpoint> stored = checkpoints.loadAll(ids);
    for (String id : ids) {
      Connection connection = listing.connections().get(id).connection();
      Instant dueAt = PollRules.dueAt(connection, stored.get(id), config);
      listing.connections().put(id, new Known(connection, dueAt));
    }
    return ids.size();
  }

  /**
   * The connection as stored now, if it is still due by its checkpoint as stored now (two
   * consistent reads). Replicas that share a table read the same due list at each tick; the one
   * that reaches a connection after another replica polled it since finds it no longer due, and a
   * connection switched off, suspended or changed since the tick is polled (or not) as it is now.
   */
  public Optional<Connection> dueNow(String connectionId) {
    return connections
        .find(connectionId)
        .filter(
            connection ->
                PollRules.due(
                    connection,
                    checkpoints.load(connectionId).orElse(null),
                    clock.instant(),
                    config));
  }

  /** The ids of {@link #due(int, int)}, for one queue message each. */
  public List<String> dueConnectionIds(int fromShard, int toShard) {
    return due(fromShard, toShard).stream().map(Connection::id).toList();
  }
}
