package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.secrets.SecretCipher;
import dev.errorbridge.connector.secrets.SecretCipherException;
import dev.errorbridge.connector.source.FailureSource;
import dev.errorbridge.connector.source.FailureSourceFactory;
import dev.errorbridge.connector.source.SourceConnectionInvalidException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link FailureSource} of each connection, built once per settings version and reused across
 * cycles (sources keep state: Trigify's request budget), and handed to one cycle or backfill at a
 * time (sources are not thread-safe).
 *
 * <p>Building a source reads the connection's settings through {@link SourceConnections} (options,
 * base URL, and the platform API key decrypted with the {@link SecretCipher}). The key lives on in
 * the cached source, never in a log or a message. Thread-safe.
 */
public final class PollSources {
  private final FailureSourceFactory factory;
  private final SourceConnections settings;
  private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();

  private static final class Slot {
    // Not a ReentrantLock: a nested cycle on the same thread must be refused too.
    final AtomicBoolean busy = new AtomicBoolean();
    volatile boolean stale;
    long version = -1;
    FailureSource source;
  }

  public PollSources(FailureSourceFactory factory, SecretCipher cipher) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.settings = new SourceConnections(Objects.requireNonNull(cipher, "cipher"));
  }

  /**
   * The connection's source for the caller alone, or {@code null} when another cycle or backfill of
   * the connection holds it in this process. Close the lease when done.
   */
  public Lease tryAcquire(Connection connection) {
    Slot slot = slots.computeIfAbsent(connection.id(), id -> new Slot());
    return slot.busy.compareAndSet(false, true) ? new Lease(slot, connection) : null;
  }

  /**
   * Makes the connection's next lease build its source afresh (the connection was deleted, or its
   * key re-encrypted). A cycle holding the source now finishes with it.
   */
  public void forget(String connectionId) {
    Slot slot = slots.get(connectionId);
    if (slot != null) {
      slot.stale = true;
    }
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
        slot.busy.set(false); // publishes the slot's fields to the next holder
      }
    }
  }
}
