package dev.errorbridge.connector.testing;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.store.ConnectionStore;
import dev.errorbridge.connector.store.DedupStore;
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
    };
  }

  /** {@code liveAmong} (the read-only batch read) fails while {@code broken} is set. */
  public static DedupStore liveAmongFails(DedupStore delegate, AtomicBoolean broken) {
    return new DedupStore() {
      @Override
      public boolean claim(String eventId, Instant expiresAt) {
        return delegate.claim(eventId, expiresAt);
      }

      @Override
      public Set<String> claimAll(Collection<String> eventIds, Instant expiresAt) {
        return delegate.claimAll(eventIds, expiresAt);
      }

      @Override
      public void release(String eventId) {
        delegate.release(eventId);
      }

      @Override
      public boolean isClaimed(String eventId, Instant now) {
        return delegate.isClaimed(eventId, now);
      }

      @Override
      public Set<String> liveAmong(Collection<String> eventIds, Instant now) {
        if (broken.get()) {
          throw outage("read the claims on " + eventIds.size() + " events");
        }
        return delegate.liveAmong(eventIds, now);
      }

      @Override
      public void confirm(Collection<String> eventIds, Instant expiresAt) {
        delegate.confirm(eventIds, expiresAt);
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
