package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.platform.registry.PlatformRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * When a connection is polled: the one rule the scheduler and the engine share, so that a message
 * the scheduler enqueued is never refused by the engine for a reason the scheduler did not apply.
 */
final class PollRules {

  private PollRules() {}

  /** Whether the connection reads a platform's API at all (not webhook-only, with an API key). */
  static boolean pollable(Connection connection) {
    return PlatformRegistry.builtIn().polling(connection.source().platform()).isPresent()
        && connection.source().apiKey() != null;
  }

  /** Why the connection is not polled now whatever its checkpoint says, or {@code null}. */
  static String notPolledBecause(Connection connection) {
    if (!pollable(connection)) {
      return "connection "
          + connection.id()
          + " is not polled: it is webhook-only or has no platform API key";
    }
    if (!connection.enabled()) {
      return "connection " + connection.id() + " is switched off (PAUSED)";
    }
    if (connection.health().state() == HealthState.SUSPENDED) {
      return "connection "
          + connection.id()
          + " is SUSPENDED ("
          + connection.health().reason()
          + "); enabling it resumes polling";
    }
    return null;
  }

  /**
   * Whether the checkpoint's "not before" lets the connection be polled at {@code now}. A
   * connection in ERROR whose settings changed since the last cycle (a new key, say) is tried at
   * once.
   */
  static boolean notBeforePassed(Connection connection, Checkpoint checkpoint, Instant now) {
    return checkpoint.notBefore() == null
        || !now.isBefore(checkpoint.notBefore())
        || changedSinceError(connection, checkpoint);
  }

  /** Whether a connection in ERROR had its settings changed since its last scan. */
  private static boolean changedSinceError(Connection connection, Checkpoint checkpoint) {
    return connection.health().state() == HealthState.ERROR
        && checkpoint.lastScan() != null
        && connection.updatedAt().isAfter(checkpoint.lastScan().at());
  }

  /**
   * Whether the connection is due at {@code now}: never polled, or its interval has (nearly) passed
   * since its last cycle ended, its "not before" has passed, and no cycle holds its checkpoint. A
   * quarter of the interval is forgiven, so that a scheduler ticking once per interval polls it on
   * every tick although cycles take a few seconds.
   */
  static boolean due(Connection connection, Checkpoint checkpoint, Instant now, PollConfig config) {
    Instant dueAt = dueAt(connection, checkpoint, config);
    return dueAt != null && !now.isBefore(dueAt);
  }

  /**
   * From when the connection is due as long as neither it nor its checkpoint changes: the latest of
   * its interval's (nearly) passing since its last scan, its "not before" (unless a connection in
   * ERROR changed settings since), and the end of a cycle's hold; {@link Instant#MIN} when it never
   * completed a scan and nothing holds it; {@code null} when it is not polled at all. {@link #due}
   * is this instant having come, so a scheduler that keeps it between reads never polls a
   * connection the rule would refuse.
   */
  static Instant dueAt(Connection connection, Checkpoint checkpoint, PollConfig config) {
    if (notPolledBecause(connection) != null) {
      return null;
    }
    if (checkpoint == null) {
      return Instant.MIN;
    }
    Instant dueAt = Instant.MIN;
    if (checkpoint.inProgressUntil() != null) {
      dueAt = checkpoint.inProgressUntil();
    }
    if (checkpoint.notBefore() != null
        && !changedSinceError(connection, checkpoint)
        && checkpoint.notBefore().isAfter(dueAt)) {
      dueAt = checkpoint.notBefore();
    }
    if (checkpoint.lastScan() != null) {
      Instant intervalPassed = dueSince(checkpoint, interval(connection, config));
      if (intervalPassed.isAfter(dueAt)) {
        dueAt = intervalPassed;
      }
    }
    return dueAt;
  }

  /** Three quarters of the interval after the last scan: when a scheduler may poll it again. */
  private static Instant dueSince(Checkpoint checkpoint, Duration interval) {
    return checkpoint.lastScan().at().plus(interval.minus(interval.dividedBy(4)));
  }

  /**
   * The connection's poll interval: its {@value PollConfig#POLL_INTERVAL_OPTION} option (an ISO
   * 8601 duration, kept between {@link PollConfig#MIN_INTERVAL} and {@link
   * PollConfig#MAX_INTERVAL}), else the default. An unreadable value falls back to the default; the
   * settings API is where it should be refused.
   */
  static Duration interval(Connection connection, PollConfig config) {
    String value = connection.source().options().get(PollConfig.POLL_INTERVAL_OPTION);
    if (value == null) {
      return config.defaultInterval();
    }
    try {
      Duration interval = Duration.parse(value.trim());
      if (interval.compareTo(PollConfig.MIN_INTERVAL) < 0) {
        return PollConfig.MIN_INTERVAL;
      }
      return interval.compareTo(PollConfig.MAX_INTERVAL) > 0 ? PollConfig.MAX_INTERVAL : interval;
    } catch (DateTimeParseException e) {
      return config.defaultInterval();
    }
  }
}
