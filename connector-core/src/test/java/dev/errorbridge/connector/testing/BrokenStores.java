package dev.errorbridge.connector.testing;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.store.Outbox;
import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.store.ParkedEventStore;
import dev.errorbridge.connector.store.StoreUnavailableException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** Stores that fail one operation while a switch is on, as a DynamoDB outage would. */
public final class BrokenStores {
  private BrokenStores() {}

  private static StoreUnavailableException outage(String what) {
    return new StoreUnavailableException(
        "Could not " + what + ": DynamoDB answered 500 (test outage); retry later", true, null);
  }

  /** {@code park} fails while {@code broken} is set. */
  public static ParkedEventStore parkFails(ParkedEventStore delegate, AtomicBoolean broken) {
    return new ParkedEventStore() {
      @Override
      public void park(ParkedEvent event) {
        if (broken.get()) {
          throw outage("park event " + event.eventId());
        }
        delegate.park(event);
      }

      @Override
      public Optional<ParkedEvent> find(String connectionId, String eventId) {
        return delegate.find(connectionId, eventId);
      }

      @Override
      public List<ParkedEvent> due(Instant now, int limit) {
        return delegate.due(now, limit);
      }

      @Override
      public boolean reschedule(ParkedEvent current, int attempts, Instant nextAttemptAt) {
        return delegate.reschedule(current, attempts, nextAttemptAt);
      }

      @Override
      public void remove(String connectionId, String eventId) {
        delegate.remove(connectionId, eventId);
      }

      @Override
      public long count(String connectionId) {
        return delegate.count(connectionId);
      }
    };
  }

  /** The operations of an {@link Outbox} that {@link #outboxFails} can break. */
  public enum OutboxOperation {
    CLAIM,
    SETTLE,
    LIVE_AMONG,
    STATE_OF
  }

  /** The {@code operations} of {@code delegate} fail while {@code broken} is set. */
  public static Outbox outboxFails(
      Outbox delegate, AtomicBoolean broken, OutboxOperation... operations) {
    Set<OutboxOperation> failing = Set.of(operations);
    return new Outbox() {
      private void check(OutboxOperation operation) {
        if (broken.get() && failing.contains(operation)) {
          throw outage(operation.name().toLowerCase(java.util.Locale.ROOT) + " in the outbox");
        }
      }

      @Override
      public ClaimReport claim(List<ParkedEvent> events) {
        check(OutboxOperation.CLAIM);
        return delegate.claim(events);
      }

      @Override
      public ClaimReport recordDeadLettered(String connectionId, Collection<String> eventIds) {
        check(OutboxOperation.CLAIM);
        return delegate.recordDeadLettered(connectionId, eventIds);
      }

      @Override
      public Optional<DeliveryState> stateOf(String eventId, Instant now) {
        check(OutboxOperation.STATE_OF);
        return delegate.stateOf(eventId, now);
      }

      @Override
      public Set<String> liveAmong(Collection<String> eventIds, Instant now) {
        check(OutboxOperation.LIVE_AMONG);
        return delegate.liveAmong(eventIds, now);
      }

      @Override
      public SettleReport settle(List<Settlement> settlements) {
        check(OutboxOperation.SETTLE);
        return delegate.settle(settlements);
      }
    };
  }

  /** {@code saveHealth} fails while {@code broken} is set. */
  public static ConnectionStore saveHealthFails(ConnectionStore delegate, AtomicBoolean broken) {
    return new ConnectionStore() {
      @Override
      public Connection create(Connection connection) {
        return delegate.create(connection);
      }

      @Override
      public Optional<Connection> find(String connectionId) {
        return delegate.find(connectionId);
      }

      @Override
      public ConnectionPage listByTenant(String tenantId, int limit, String cursor) {
        return delegate.listByTenant(tenantId, limit, cursor);
      }

      @Override
      public List<Connection> listEnabled(int shard) {
        return delegate.listEnabled(shard);
      }

      @Override
      public long settingsStamp() {
        return delegate.settingsStamp();
      }

      @Override
      public Connection update(Connection connection, long expectedVersion) {
        return delegate.update(connection, expectedVersion);
      }

      @Override
      public void saveHealth(String connectionId, ConnectionHealth health) {
        if (broken.get()) {
          throw outage("save the health of connection " + connectionId);
        }
        delegate.saveHealth(connectionId, health);
      }

      @Override
      public void addDeliveries(
          String connectionId, long delivered, long deadLettered, java.time.Instant at) {
        if (broken.get()) {
          throw outage("record the deliveries of connection " + connectionId);
        }
        delegate.addDeliveries(connectionId, delivered, deadLettered, at);
      }

      @Override
      public int addFailure(String connectionId) {
        if (broken.get()) {
          throw outage("record a failure of connection " + connectionId);
        }
        return delegate.addFailure(connectionId);
      }

      @Override
      public boolean delete(String connectionId) {
        return delegate.delete(connectionId);
      }
    };
  }
}
