package dev.errorbridge.connector.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * Values kept per connection id, bounded and forgotten once idle (Caffeine): what a process builds
 * for the connections it serves (a rate limiter, a resolver, an SDK client) must not grow with
 * every connection ever seen, and a value rebuilt after a long idle spell costs little.
 * Thread-safe.
 *
 * <p>A value that holds something to release (an SDK client, a refresh task, a decrypted key) is
 * handed to the {@link Builder#onEviction} callback when the cache drops it for size or idleness;
 * values the caller removes itself ({@link #invalidate}, {@link #remove}, a replacing {@link #put}
 * or {@link #compute}) are not, since the caller already holds them and knows what to do.
 *
 * <pre>{@code
 * ConnectionCache<Client> clients =
 *     ConnectionCache.<Client>builder().idle(Duration.ofHours(1)).onEviction((id, c) -> c.close()).build();
 * }</pre>
 *
 * @param <V> what is kept
 */
public final class ConnectionCache<V> {
  /** Connections kept at once unless told otherwise; past it the least recently used goes. */
  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

  private final Cache<String, V> values;

  /**
   * @param idle how long a connection's value is kept after it was last used
   */
  public ConnectionCache(Duration idle) {
    this(DEFAULT_MAX_CONNECTIONS, idle);
  }

  public ConnectionCache(int maxConnections, Duration idle) {
    this(ConnectionCache.<V>builder().maxConnections(maxConnections).idle(idle).validated());
  }

  private ConnectionCache(Builder<V> b) {
    Caffeine<Object, Object> caffeine =
        Caffeine.newBuilder()
            .maximumSize(b.maxConnections)
            .expireAfterAccess(b.idle)
            .executor(Runnable::run); // evictions on the caller's thread: no pool to manage
    if (b.ticker == null) {
      // Drops an idle value when its time comes even if the process touches no cache then, so a
      // decrypted key or an open client does not wait for the next call to go. Only on the system
      // ticker: a test's ticker decides itself when time passes.
      caffeine.scheduler(Scheduler.systemScheduler());
    } else {
      caffeine.ticker(b.ticker);
    }
    BiConsumer<String, V> onEviction = b.onEviction;
    if (onEviction != null) {
      caffeine.removalListener(
          (String id, V value, RemovalCause cause) -> {
            if (cause.wasEvicted() && value != null) {
              onEviction.accept(id, value);
            }
          });
    }
    @SuppressWarnings("unchecked")
    Cache<String, V> built = (Cache<String, V>) (Cache<?, ?>) caffeine.build();
    this.values = built;
  }

  public static <V> Builder<V> builder() {
    return new Builder<>();
  }

  /** The connection's value, or {@code null} when none is kept. */
  public V get(String connectionId) {
    return values.getIfPresent(connectionId);
  }

  public void put(String connectionId, V value) {
    values.put(connectionId, value);
  }

  /**
   * The connection's value after {@code remap} (given the id and the value kept, or {@code null}),
   * atomically for the connection.
   */
  public V compute(String connectionId, BiFunction<String, V, V> remap) {
    return values.asMap().compute(connectionId, remap);
  }

  /** Forgets the connection's value without handing it to the eviction callback. */
  public void invalidate(String connectionId) {
    values.invalidate(connectionId);
  }

  /**
   * Takes the connection's value out of the cache, atomically for the connection, without handing
   * it to the eviction callback.
   *
   * @return the value that was kept, or {@code null}
   */
  public V remove(String connectionId) {
    return values.asMap().remove(connectionId);
  }

  /**
   * Takes every value out of the cache (e.g. to close them when the owner closes), without handing
   * them to the eviction callback.
   *
   * @return the values that were kept, by connection id
   */
  public Map<String, V> removeAll() {
    List<String> ids = new ArrayList<>(values.asMap().keySet());
    Map<String, V> removed = new HashMap<>();
    for (String id : ids) {
      V value = values.asMap().remove(id);
      if (value != null) {
        removed.put(id, value);
      }
    }
    return removed;
  }

  /**
   * Runs pending evictions now (their callbacks included); the cache also does so as it is used.
   */
  public void cleanUp() {
    values.cleanUp();
  }

  /** How many connections have a value, once pending evictions ran. */
  public long size() {
    values.cleanUp();
    return values.estimatedSize();
  }

  /** Builds a {@link ConnectionCache}; {@link #idle} is required. */
  public static final class Builder<V> {
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Duration idle;
    private Ticker ticker;
    private BiConsumer<String, V> onEviction;

    private Builder() {}

    /**
     * Connections kept at once; past it Caffeine drops the one least likely to be used again (a
     * value just put may be the one). Default {@link ConnectionCache#DEFAULT_MAX_CONNECTIONS}.
     */
    public Builder<V> maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /** How long a connection's value is kept after it was last read or written. Required. */
    public Builder<V> idle(Duration idle) {
      this.idle = idle;
      return this;
    }

    /** The time the idle spells are measured on (tests); default the system's nanosecond clock. */
    public Builder<V> ticker(Ticker ticker) {
      this.ticker = ticker;
      return this;
    }

    /**
     * Called with each value the cache drops for size or idleness, once it can no longer be read
     * from the cache; releases what the value holds. Runs on a thread using the cache (or the JVM's
     * shared scheduler thread), so it must be quick and must not throw.
     */
    public Builder<V> onEviction(BiConsumer<String, V> onEviction) {
      this.onEviction = onEviction;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming every invalid setting
     */
    public ConnectionCache<V> build() {
      return new ConnectionCache<>(validated());
    }

    private Builder<V> validated() {
      List<String> problems = new ArrayList<>();
      if (maxConnections < 0) {
        problems.add("maxConnections must be 0 or more, e.g. " + DEFAULT_MAX_CONNECTIONS);
      }
      if (idle == null || idle.isNegative()) {
        problems.add("idle is required and must not be negative, e.g. PT1H");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "Invalid connection cache: " + String.join("; ", problems));
      }
      return this;
    }
  }
}
