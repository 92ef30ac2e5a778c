package dev.errorbridge.connector.connection;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where connections live. Settings are written with optimistic concurrency: every update names the
 * version it was based on, and a stale version fails instead of overwriting someone else's change.
 * Health is updated apart from the settings and never changes their version.
 */
public interface ConnectionStore {

  /**
   * Stores a new connection (its version must be 1).
   *
   * @throws ConnectionAlreadyExistsException if the id is taken
   */
  Connection create(Connection connection);

  /** The connection with this id, whatever its tenant; empty if there is none. */
  Optional<Connection> find(String connectionId);

  /** A tenant's connections, oldest first, a page at a time. */
  ConnectionPage listByTenant(String tenantId, int limit, String cursor);

  /** Every enabled connection in one scheduling shard (see {@link #SHARDS}). */
  List<Connection> listEnabled(int shard);

  /**
   * A number that moves whenever a connection is created, deleted, or has its settings or toggle
   * replaced ({@link #update}), and not when its health or counters change. A poll scheduler keeps
   * its listing of {@link #listEnabled} while the number stays, instead of reading every connection
   * on every tick. It may also move for no change (a writer that died between its two writes is
   * covered by listing again anyway); it never stays for a change.
   */
  long settingsStamp();

  /**
   * Replaces a connection's settings (not its health) if it is still at {@code expectedVersion};
   * the stored version becomes {@code expectedVersion + 1}.
   *
   * @throws ConnectionConflictException if someone else changed it first
   * @throws ConnectionNotFoundException if it was deleted
   */
  Connection update(Connection connection, long expectedVersion);

  /**
   * Replaces a connection's health state, reason, time and failure streak, leaving its settings and
   * version alone, and its delivery counters and last delivery time to {@link #addDeliveries}.
   */
  void saveHealth(String connectionId, ConnectionHealth health);

  /**
   * Adds to a connection's delivery counters in one atomic write, whatever other writers add at the
   * same time; a delivery ({@code delivered > 0}) also sets {@code lastDeliveryAt} and ends the
   * failure streak. The health state and reason are left alone.
   *
   * @throws ConnectionNotFoundException if it was deleted
   */
  void addDeliveries(String connectionId, long delivered, long deadLettered, Instant at);

  /**
   * Adds one to a connection's failure streak in one atomic write, so that failures recorded at the
   * same time all count.
   *
   * @return the streak after this failure
   * @throws ConnectionNotFoundException if it was deleted
   */
  int addFailure(String connectionId);

  /**
   * Deletes a connection with its ciphertexts, checkpoint, dead letters and parked events. Audit
   * records stay (they expire by TTL).
   *
   * @return whether there was a connection to delete
   */
  boolean delete(String connectionId);

  /** How many shards the enabled-connections index is spread over. */
  int SHARDS = 16;

  /**
   * A page of connections.
   *
   * @param connections the page
   * @param nextCursor pass it to get the next page; {@code null} on the last page
   */
  record ConnectionPage(List<Connection> connections, String nextCursor) {
    public ConnectionPage {
      connections = List.copyOf(connections);
    }
  }
}
