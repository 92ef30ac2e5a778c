package dev.errorbridge.connector.poll;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.errorbridge.connector.cache.ConnectionCache;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.secrets.SecretCipher;
import dev.errorbridge.connector.secrets.SecretCipherException;
import dev.errorbridge.connector.source.FailureSource;
import dev.errorbridge.connector.source.FailureSourceFactory;
import dev.errorbridge.connector.source.SourceConnectionInvalidException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@link FailureSource} of each connection, built once per settings version and reused across
 * cycles (sources keep state: Trigify's request budget), and handed to one cycle or backfill at a
 * time (sources are not thread-safe).
 *
 * <p>Building a source reads the connection's settings through {@link SourceConnections} (options,
 * base URL, and the platform API key decrypted with the {@link SecretCipher}). The key lives on in
 * the cached source, never in a log or a message. Thread-safe.
 *
 * <p>A connection's slot lives in one of two places. While a lease holds it, it is in {@code held}
 * (as many entries as cycles running at once in this process), which nothing evicts: a held slot is
 * what keeps a second cycle of the connection out, so it must outlive any cache bound. Between
 * leases it waits in {@code idle}, a {@link ConnectionCache} bounded in size and forgotten after an
 * idle spell; an evicted slot drops its source and with it the decrypted key. Moving a slot between
 * the two happens under {@code held}'s lock for the connection, so no second slot can be made for a
 * connection whose slot is held.
 */
public final class PollSources {
  /**
   * How long a source is kept after its last cycle. An hour keeps every connection polled at least
   * hourly (the default and most intervals are minutes) warm; one polled less often rebuilds its
   * source each cycle, which costs a decryption, cheaper than holding its plaintext key all day. It
   * is also far past Trigify's 60-second budget window, so a rebuilt source starts no budget early.
   */
  public static final Duration DEFAULT_IDLE = Duration.ofHours(1);

  private final FailureSourceFactory factory;
  private final SourceConnections settings;
  private final ConcurrentMap<String, Slot> held = new ConcurrentHashMap<>();
  private final ConnectionCache<Slot> idle;

  private static final class Slot {
    volatile boolean stale;
    long version = -1;
    FailureSource source;

    /** Drops the source, and the decrypted key it holds, for good. */
    void drop() {
      source = null;
      version = -1;
    }
  }

  public PollSources(FailureSourceFactory factory, SecretCipher cipher) {
    this(factory, cipher, ConnectionCache.DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE, null);
  }

  /**
   * @param maxIdle slots kept between leases; past it the least useful is dropped
   * @param idleFor how long a slot is kept after its last lease closed
   * @param ticker the time idle spells run on; {@code null} for the system's
   */
  PollSources(
      FailureSourceFactory factory,
      SecretCipher cipher,
      int maxIdle,
      Duration idleFor,
      Ticker ticker) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.settings = new SourceConnections(Objects.requireNonNull(cipher, "cipher"));
    this.idle =
        ConnectionCache.<Slot>builder()
            .maxConnections(maxIdle)
            .idle(idleFor)
            .ticker(ticker)
            .onEviction((id, slot) -> slot.drop())
            .build();
  }

  /**
   * The connection's source for the caller alone, or {@code null} when another cycle or backfill of
   * the connection holds it in this process. Close the lease when done.
   */
  public Lease tryAcquire(Connection connection) {
    Slot[] taken = new Slot[1];
    held.compute(
        connection.id(),
        (id, holder) -> {
          if (holder != null) {
            return holder; // another lease has it (a nested cycle on the same thread too)
          }
          Slot slot = idle.remove(id);
          taken[0] = slot != null ? slot : new Slot();
          return taken[0];
        });
    return taken[0] == null ? null : new Lease(taken[0], connection);
  }

  /**
   * Makes the connection's next lease build its source afresh (the connection was deleted, or its
   * key re-encrypted). A cycle holding the source now finishes with it.
   */
  public void forget(String connectionId) {
    held.compute(
        connectionId,
        (id, holder) -> {
          if (holder != null) {
            holder.stale = true;
          } else {
            Slot waiting = idle.remove(id);
            if (waiting != null) {
              waiting.drop();
            }
          }
          return holder;
        });
  }

  /** Connections whose source is kept between leases, once pending evictions ran; for tests. */
  long idleSlots() {
    return idle.size();
  }

  /** Exclusive use of one connection's source, until closed. */
  public final class Lease implements AutoCloseable {
    private final Slot slot;
    private final Connection connection;
    private boolean closed;

    private Lease(Slot slot, Connection connection) {
      this.slot = slot;
      this.connection = connection;
    }

    /**
     * The source, built on first use of this settings version.
     *
     * @throws SourceConnectionInvalidException when the connection's source settings are invalid
     * @throws SecretCipherException when its platform key cannot be decrypted
     */
    public FailureSource source() {
      if (slot.source == null || slot.stale || slot.version != connection.version()) {
        slot.source = null;
        slot.stale = false;
        slot.source = factory.create(settings.of(connection));
        slot.version = connection.version();
      }
      return slot.source;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        // Back to the idle cache before the connection counts as free, under the lock a second
        // tryAcquire takes: the slot's fields are published to the next holder by the two maps.
        held.compute(
            connection.id(),
            (id, holder) -> {
              if (holder == slot) {
                if (slot.stale) {
                  slot.drop(); // forgotten while held: keep nothing of it
                } else {
                  idle.put(id, slot);
                }
                return null;
              }
              return holder;
            });
      }
    }
  }
}
