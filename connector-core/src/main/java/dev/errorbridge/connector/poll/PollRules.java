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
    if (checkpoint.notBefore() == null || !now.isBefore(checkpoint.notBefore())) {
      return true;
    }
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
    if (notPolledBecause(connection) != null) {
      return false;
    }
    if (checkpoint == null) {
      return true;
    }
    if (checkpoint.inProgressUntil() != null && now.isBefore(checkpoint.inProgressUntil())) {
      return false;
    }
    if (!notBeforePassed(connection, checkpoint, now)) {
      return false;
    }
    if (checkpoint.lastScan() == null) {
      return true;
    }
    return !now.isBefore(dueSince(checkpoint, interval(connection, config)));
  }

  /**
   * Since when the connection's interval has (nearly) passed: three quarters of it after its last
   * scan, or {@link Instant#MIN} if it never completed one. The scheduler lists the most overdue
   * first, so a connection that became due early in a long tick is not left behind ones that became
   * due after it.
   */
  static Instant dueSince(Connection connection, Checkpoint checkpoint, PollConfig config) {
    return checkpoint == null || checkpoint.lastScan() == null
        ? Instant.MIN
        : dueSince(checkpoint, interval(connection, config));
  }

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
