package dev.errorbridge.connector.connection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.BiFunction;

/**
 * Values kept per connection id, bounded and forgotten once idle (Caffeine): what a process builds
 * for the connections it serves (a rate limiter, a resolver) must not grow with every connection
 * ever seen, and a value rebuilt after a long idle spell costs little. Thread-safe.
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
    this.values =
        Caffeine.newBuilder()
            .maximumSize(maxConnections)
            .expireAfterAccess(idle)
            .executor(Runnable::run) // evictions on the caller's thread: no pool to manage
            .build();
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

  public void invalidate(String connectionId) {
    values.invalidate(connectionId);
  }
}
