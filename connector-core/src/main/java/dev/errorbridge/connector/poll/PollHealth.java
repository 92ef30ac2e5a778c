package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.connection.HealthState;
import java.time.Clock;
import java.util.Objects;

/**
 * The connection health the poll engine sets after each cycle that saved its checkpoint, so that a
 * poll that cannot read its platform shows on the connection (the settings API, the metrics, the
 * alarms), with the reason and the fix:
 *
 * <ul>
 *   <li>ERROR at once when the platform refuses the key or the source settings cannot work ({@value
 *       #STOPPED});
 *   <li>ERROR after {@link PollConfig#errorAfterFailedCycles()} cycles in a row that did not
 *       complete: the platform refused the requests (a 404), failed (5xx), timed out, answered
 *       something unreadable, rate limited every cycle, or every cycle was cut short ({@value
 *       #FAILING});
 *   <li>before that, and after a complete cycle with something to say (rows it could not read, a
 *       cycle taken over from a stopped worker, a held watermark), ACTIVE with a note ({@value
 *       #NOTE});
 *   <li>ACTIVE without a note after the first complete cycle with nothing to say.
 * </ul>
 *
 * Only a state the engine set is moved: a connection switched off, SUSPENDED, or in an ERROR that
 * delivery set (a disabled KMS key for the destination) keeps its state; the first delivery clears
 * that one. A cycle whose page could not be settled ({@link PollStatus#NOT_SETTLED}) moves nothing:
 * delivery's health covers it.
 */
final class PollHealth {
  static final String STOPPED = "Polling stopped: ";
  static final String FAILING = "Polling failing: ";
  static final String NOTE = "Polling: ";

  /** The longest reason kept, in characters; the log has the rest. */
  static final int MAX_REASON_LENGTH = 1_000;

  /**
   * How a cycle ended, for health.
   *
   * @param status its status
   * @param connectionError whether the connection cannot work until its owner fixes something
   * @param failedCycles cycles in a row, this one included, that did not complete
   * @param message what happened, or {@code null} for a complete cycle with nothing to note
   * @param fix what the owner can do, or {@code null}
   */
  record CycleHealth(
      PollStatus status, boolean connectionError, int failedCycles, String message, String fix) {}

  private final ConnectionHealthTracker tracker;
  private final ConnectionStore connections;
  private final PollConfig config;
  private final Clock clock;

  PollHealth(
      ConnectionHealthTracker tracker,
      ConnectionStore connections,
      PollConfig config,
      Clock clock) {
    this.tracker = tracker;
    this.connections = connections;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Moves the connection's health after a cycle. Reads the connection first: the copy the cycle
   * holds may be older than the counters and states other workers wrote since.
   */
  void afterCycle(Connection connection, CycleHealth cycle) {
    if (cycle.status() == PollStatus.NOT_SETTLED) {
      return;
    }
    Connection current = connections.find(connection.id()).orElse(null);
    if (current == null || !current.enabled() || !ours(current.health())) {
      return;
    }
    ConnectionHealth h = current.health();
    ConnectionHealth next;
    if (cycle.connectionError()) {
      next = with(h, HealthState.ERROR, STOPPED + cycle.message(), cycle.fix());
    } else if (cycle.status() == PollStatus.COMPLETE) {
      next =
          cycle.message() == null
              ? with(h, HealthState.ACTIVE, null, null)
              : with(h, HealthState.ACTIVE, NOTE + cycle.message(), cycle.fix());
    } else if (cycle.failedCycles() >= config.errorAfterFailedCycles()) {
      next =
          with(
              h,
              HealthState.ERROR,
              FAILING
                  + "the last "
                  + cycle.failedCycles()
                  + " cycles did not complete; the last one "
                  + what(cycle.status())
                  + ": "
                  + cycle.message(),
              cycle.fix());
    } else {
      next =
          with(
              h,
              HealthState.ACTIVE,
              NOTE
                  + "the last cycle "
                  + what(cycle.status())
                  + " ("
                  + cycle.failedCycles()
                  + " in a row; ERROR after "
                  + config.errorAfterFailedCycles()
                  + "): "
                  + cycle.message(),
              cycle.fix());
    }
    if (next == h) {
      return;
    }
    if (next.state() == HealthState.ERROR) {
      tracker.error(current, next.reason(), next.fix());
    } else {
      connections.saveHealth(current.id(), next);
    }
  }

  /** Whether the engine may move this health: ACTIVE, or an ERROR the engine set. */
  private static boolean ours(ConnectionHealth h) {
    return (h.state() == HealthState.ACTIVE && (h.reason() == null || h.reasonFromPolling()))
        || (h.state() == HealthState.ERROR && h.reasonFromPolling());
  }

  /** {@code h} in {@code state} with {@code reason} and {@code fix}; {@code h} when it is so. */
  private ConnectionHealth with(ConnectionHealth h, HealthState state, String reason, String fix) {
    String kept =
        reason == null || reason.length() <= MAX_REASON_LENGTH
            ? reason
            : reason.substring(0, MAX_REASON_LENGTH - 1) + "…";
    if (h.state() == state && Objects.equals(h.reason(), kept) && Objects.equals(h.fix(), fix)) {
      return h;
    }
    return new ConnectionHealth(
        state,
        kept,
        h.state() == state ? h.since() : clock.instant(),
        h.consecutiveFailures(),
        h.lastDeliveryAt(),
        h.delivered(),
        h.deadLettered(),
        fix);
  }

  private static String what(PollStatus status) {
    return switch (status) {
      case RATE_LIMITED -> "was rate limited by the platform";
      case INCOMPLETE -> "was cut short by its deadline";
      case PLATFORM_UNAVAILABLE -> "could not reach the platform";
      case PLATFORM_ERROR -> "could not read the platform";
      case AUTH_REFUSED -> "was refused the platform key";
      case SETTINGS_INVALID -> "found the source settings invalid";
      case SECRET_UNAVAILABLE -> "could not decrypt the platform key";
      default -> "failed";
    };
  }
}
