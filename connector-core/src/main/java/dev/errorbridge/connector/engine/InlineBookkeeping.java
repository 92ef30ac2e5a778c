package dev.errorbridge.connector.engine;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.publish.PublishOutcome;
import dev.errorbridge.connector.publish.PublishReport;
import dev.errorbridge.connector.retry.OutboxSettlements;
import dev.errorbridge.connector.store.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each published batch on the caller's thread before {@link ConnectionDelivery#deliver}
 * returns: one outbox settle (a transaction per up to ~45 events) and, when health moves, one
 * health write. The default, and the one a Lambda function needs (its sandbox freezes once the
 * invocation returns).
 */
public final class InlineBookkeeping implements DeliveryBookkeeping {
  private static final Logger LOG = LoggerFactory.getLogger(InlineBookkeeping.class);

  private final Outbox outbox;
  private final ConnectionHealthTracker health;
  private final OutboxSettlements settlements;
  private final Clock clock;

  public InlineBookkeeping(
      Outbox outbox, ConnectionHealthTracker health, OutboxSettlements settlements, Clock clock) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.health = Objects.requireNonNull(health, "health");
    this.settlements = Objects.requireNonNull(settlements, "settlements");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void settled(Connection connection, PublishReport report) {
    settle(settlementsOf(connection, report));
    movedHealth(connection, report);
  }

  /** The settlements of a first publish's outcomes (attempts counted from 0). */
  List<Outbox.Settlement> settlementsOf(Connection connection, PublishReport report) {
    Instant now = clock.instant();
    List<Outbox.Settlement> list = new ArrayList<>(report.outcomes().size());
    for (PublishOutcome outcome : report.outcomes()) {
      list.add(settlements.of(connection.id(), outcome, 0, now));
    }
    return list;
  }

  /** Settles {@code list} in the outbox; logs a failure (the drain then sends them again). */
  void settle(List<Outbox.Settlement> list) {
    if (list.isEmpty()) {
      return;
    }
    try {
      outbox.settle(list);
    } catch (RuntimeException e) {
      LOG.warn(
          "{} published events not settled ({}); they stay in the outbox and the retry worker"
              + " sends them again after the lease, with the same event ids",
          list.size(),
          e.getMessage());
    }
  }

  /** Counts a destination failure towards suspension, or records a recovery; logs a failure. */
  void movedHealth(Connection connection, PublishReport report) {
    try {
      health.published(connection, report);
    } catch (RuntimeException e) {
      LOG.warn("connection {}: health not recorded ({})", connection.id(), e.getMessage());
    }
  }
}
