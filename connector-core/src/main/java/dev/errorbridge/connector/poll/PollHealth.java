package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.store.ConnectionStore;
import java.time.Clock;

/**
 * The connection health the poll engine sets: ERROR when the platform refuses the key or the source
 * settings cannot work, and back to ACTIVE after a complete cycle. Only an ERROR the engine set
 * (its reason starts with {@value #REASON_PREFIX}) is cleared that way: an ERROR that delivery set
 * (a disabled KMS key for the destination) is not proven fixed by a cycle that had nothing to
 * publish; the first delivery clears it.
 */
final class PollHealth {
  static final String REASON_PREFIX = "Polling stopped: ";

  private final ConnectionHealthTracker tracker;
  private final ConnectionStore connections;
  private final Clock clock;

  PollHealth(ConnectionHealthTracker tracker, ConnectionStore connections, Clock clock) {
    this.tracker = tracker;
    this.connections = connections;
    this.clock = clock;
  }

  void error(Connection connection, String reason) {
    tracker.error(connection, REASON_PREFIX + reason);
  }

  /**
   * Sets the connection ACTIVE again if it is in an ERROR the engine set. Reads it first: the copy
   * the cycle holds may be older than counters other workers wrote since.
   */
  void recovered(Connection connection) {
    if (!pollError(connection.health())) {
      return;
    }
    connections
        .find(connection.id())
        .filter(current -> pollError(current.health()))
        .ifPresent(
            current ->
                connections.saveHealth(
                    current.id(),
                    current.health().withState(HealthState.ACTIVE, null, clock.instant())));
  }

  private static boolean pollError(ConnectionHealth health) {
    return health.state() == HealthState.ERROR
        && health.reason() != null
        && health.reason().startsWith(REASON_PREFIX);
  }
}
