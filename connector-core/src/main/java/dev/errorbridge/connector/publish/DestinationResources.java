package dev.errorbridge.connector.publish;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.errorbridge.connector.cache.ConnectionCache;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * What the publisher keeps per connection across calls: the SDK client (built once, not per call),
 * the circuit breaker and the rate limiter. A connection whose region, endpoint or credentials
 * provider changed gets fresh ones; {@link #invalidate} drops them when its settings change.
 *
 * <p>Kept in a {@link ConnectionCache}: at most {@link ConnectionCache#DEFAULT_MAX_CONNECTIONS}
 * connections, each forgotten after {@link #DEFAULT_IDLE} without a publish. A publish holds its
 * connection's resources through a {@link Lease}; resources that leave the cache (evicted for size
 * or idleness, replaced, invalidated) are retired, and their client is closed only once the last
 * lease on them is closed. So an eviction never closes a client under a publish still sending with
 * it: size eviction may pick an entry a publish took a moment ago.
 */
final class DestinationResources implements AutoCloseable {
  /**
   * How long a connection's resources outlive its last publish. A connection that published nothing
   * for an hour has no breaker state worth keeping (the breaker's open wait is seconds) and a new
   * client costs milliseconds; an idle client's pooled connections would be closed by the far end
   * long before anyway.
   */
  static final Duration DEFAULT_IDLE = Duration.ofHours(1);

  /** One connection's resources. */
  record Resources(
      Destination destination,
      EventBridgeClient client,
      CircuitBreaker breaker,
      RateLimiter limiter) {

    boolean servesSame(Destination other) {
      return destination.region().equals(other.region())
          && destination.credentials() == other.credentials()
          && Objects.equals(destination.endpointOverride(), other.endpointOverride());
    }
  }

  /** A connection's resources and how many publishes use them. */
  private static final class Entry {
    final Resources resources;
    private final AtomicInteger users = new AtomicInteger();
    private final AtomicBoolean retired = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    Entry(Resources resources) {
      this.resources = resources;
    }

    /**
     * Out of the cache: no new lease can reach it (leases are taken inside the cache's atomic
     * compute, which no longer finds it), so the client closes now or when the last lease closes.
     */
    void retire() {
      retired.set(true);
      if (users.get() == 0) {
        closeOnce();
      }
    }

    void release() {
      if (users.decrementAndGet() == 0 && retired.get()) {
        closeOnce();
      }
    }

    private void closeOnce() {
      if (closed.compareAndSet(false, true)) {
        resources.client().close();
      }
    }

    boolean clientClosed() {
      return closed.get();
    }
  }

  /** One publish's use of a connection's resources: the client stays open until this closes. */
  final class Lease implements AutoCloseable {
    private final Entry entry;
    private final AtomicBoolean released = new AtomicBoolean();

    private Lease(Entry entry) {
      this.entry = entry;
    }

    Resources resources() {
      return entry.resources;
    }

    /** Whether the client was closed; for tests. */
    boolean clientClosed() {
      return entry.clientClosed();
    }

    @Override
    public void close() {
      if (released.compareAndSet(false, true)) {
        entry.release();
      }
    }
  }

  private final EventBridgeClientFactory clients;
  private final PublisherConfig config;
  private final ConnectionCache<Entry> byConnection;

  DestinationResources(EventBridgeClientFactory clients, PublisherConfig config) {
    this(clients, config, ConnectionCache.DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE, null);
  }

  /**
   * @param maxConnections connections kept at once
   * @param idle how long a connection's resources outlive its last publish
   * @param ticker the time idle spells run on; {@code null} for the system's
   */
  DestinationResources(
      EventBridgeClientFactory clients,
      PublisherConfig config,
      int maxConnections,
      Duration idle,
      Ticker ticker) {
    this.clients = clients;
    this.config = config;
    this.byConnection =
        ConnectionCache.<Entry>builder()
            .maxConnections(maxConnections)
            .idle(idle)
            .ticker(ticker)
            .onEviction((id, entry) -> entry.retire())
            .build();
  }

  /** The destination's resources for one publish; close the lease when the publish is done. */
  Lease forDestination(Destination destination) {
    Entry[] taken = new Entry[1];
    byConnection.compute(
        destination.connectionId(),
        (id, existing) -> {
          Entry entry = existing;
          if (entry == null || !entry.resources.servesSame(destination)) {
            if (existing != null) {
              existing.retire();
            }
            entry = new Entry(create(destination));
          }
          entry.users.incrementAndGet();
          taken[0] = entry;
          return entry;
        });
    return new Lease(taken[0]);
  }

  void invalidate(String connectionId) {
    Entry removed = byConnection.remove(connectionId);
    if (removed != null) {
      removed.retire();
    }
  }

  /** Connections with resources kept, once pending evictions ran; for tests. */
  long size() {
    return byConnection.size();
  }

  private Resources create(Destination destination) {
    CircuitBreaker breaker =
        CircuitBreaker.of("eventbridge-" + destination.connectionId(), config.circuitBreaker());
    RateLimiter limiter =
        RateLimiter.of(
            "eventbridge-" + destination.connectionId(),
            RateLimiterConfig.custom()
                .limitForPeriod(config.requestsPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                // How far ahead a permit may be reserved; the sender still refuses to wait past its
                // deadline.
                .timeoutDuration(Duration.ofSeconds(30))
                .build());
    return new Resources(destination, clients.create(destination), breaker, limiter);
  }

  /** Closes every client not in use now; one in use closes when its publish ends. */
  @Override
  public void close() {
    byConnection.removeAll().values().forEach(Entry::retire);
  }
}
