package dev.errorbridge.connector.engine;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.publish.PublishReport;
import dev.errorbridge.connector.store.DedupStore;
import java.time.Clock;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each settled batch on the caller's thread before {@link ConnectionDelivery#deliver}
 * returns: one dedup confirmation and one health write per batch. The default, and the one a Lambda
 * function needs (its sandbox freezes once the invocation returns).
 */
public final class InlineBookkeeping implements DeliveryBookkeeping {
  private static final Logger LOG = LoggerFactory.getLogger(InlineBookkeeping.class);

  private final DedupStore dedup;
  private final ConnectionHealthTracker health;
  private final DeliveryPolicy policy;
  private final Clock clock;

  public InlineBookkeeping(
      DedupStore dedup, ConnectionHealthTracker health, DeliveryPolicy policy, Clock clock) {
    this.dedup = Objects.requireNonNull(dedup, "dedup");
    this.health = Objects.requireNonNull(health, "health");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void settled(Connection connection, Set<String> claimed, PublishReport report) {
    confirm(claimed);
    if (report.destinationError() != null) {
      destinationFailed(connection, report.destinationError());
    } else {
      delivered(connection, report.delivered().size(), report.parked().size());
    }
  }

  /** Makes {@code claimed} long dedup records; logs a failure. */
  void confirm(Collection<String> claimed) {
    if (claimed.isEmpty()) {
      return;
    }
    try {
      dedup.confirm(claimed, clock.instant().plus(policy.dedupTtl()));
    } catch (RuntimeException e) {
      LOG.warn(
          "{} events published but their dedup records not extended ({}); they stay claimed for"
              + " the lease, after which a re-read may publish them again",
          claimed.size(),
          e.getMessage());
    }
  }

  /** Adds to the connection's delivery counters; logs a failure. */
  void delivered(Connection connection, long delivered, long deadLettered) {
    try {
      health.delivered(connection, delivered, deadLettered);
    } catch (RuntimeException e) {
      LOG.warn("connection {}: health not recorded ({})", connection.id(), e.getMessage());
    }
  }

  /** Counts a non-retryable destination failure; logs a failure to record it. */
  void destinationFailed(Connection connection, String reason) {
    try {
      health.destinationFailed(connection, reason);
    } catch (RuntimeException e) {
      LOG.warn("connection {}: health not recorded ({})", connection.id(), e.getMessage());
    }
  }
}
