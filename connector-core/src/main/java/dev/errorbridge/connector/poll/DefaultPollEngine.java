package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.time.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll engine: for one connection, load its checkpoint, hold it for the cycle, scan {@code
 * [watermark − lookback, frozenNow)} into {@link FailureDelivery} a page at a time, recheck runs in
 * progress, and save the checkpoint on the version it holds.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Nothing skipped.</b> The watermark moves (to the scan's frozen upper bound) only when
 *       the window was read to its end and every page was settled (delivered, deduplicated,
 *       filtered out or parked). A page that cannot be settled (the connection switched off or
 *       suspended, destination credentials unavailable) stops the scan. Any failure, deadline or
 *       crash leaves the watermark where it was, and the next cycle reads the same window again.
 *   <li><b>Nothing twice.</b> Delivery deduplicates by event id, so overlapping windows, pages
 *       shifting under inserts, rereads after a failure and webhooks never publish one failure
 *       twice.
 *   <li><b>Crashes.</b> A cycle first saves the checkpoint with {@code inProgressUntil} = its
 *       deadline (which also keeps two workers from polling one connection at once: the second one
 *       conflicts, or sees the hold and reports {@link PollStatus#BUSY}). If the worker dies, the
 *       hold outlives the deadline, and the next cycle after it takes over at once: every failure
 *       the dead worker claimed is in the outbox (the retry drain delivers it), so reading the
 *       window again finds them claimed and moves past them, and nothing it did not claim was
 *       settled.
 *   <li><b>Runs in progress</b> (reported by Dify with PARTIAL, and Trigify) are tracked in the
 *       checkpoint and rechecked each cycle within {@link PollConfig#maxRechecksPerCycle()} until
 *       they end: failed ones are delivered, the others forgotten. At the checkpoint's cap see
 *       {@link PendingRuns}: the watermark is held rather than a run dropped.
 *   <li><b>Platform errors</b> end the cycle with the error recorded in the checkpoint's last scan:
 *       a refused key puts the connection in ERROR (retried after {@link
 *       PollConfig#authRetryInterval()}, or at once when its settings change); a 429 sets "not
 *       before" from {@code Retry-After}; 5xx, timeouts and unreadable answers are retried on the
 *       next cycle. Every cycle that does not complete counts towards {@link
 *       PollConfig#errorAfterFailedCycles()}, after which the connection is in ERROR with the
 *       reason and its fix ({@link PollHealth}); the first complete cycle makes it ACTIVE again.
 *   <li><b>Rows</b> the platform answers malformed fail alone: the scan reads the rest of the
 *       window, and the cycle reports them (and the connection shows them) while it completes.
 * </ul>
 *
 * Thread-safe; one cycle per connection at a time in a process (a second one reports BUSY).
 */
public final class DefaultPollEngine implements PollEngine {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultPollEngine.class);

  private final EngineParts parts;

  private DefaultPollEngine(EngineParts parts) {
    this.parts = parts;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public PollCycleReport poll(Connection connection, Deadline deadline) {
    Instant started = parts.clock().instant();
    String notPolled = PollRules.notPolledBecause(connection);
    if (notPolled != null) {
      return notStarted(connection, PollStatus.SKIPPED, notPolled, null, started);
    }
    Deadline bounded = bounded(deadline, started);
    if (bounded.passed(parts.clock())) {
      return notStarted(
          connection,
          PollStatus.SKIPPED,
          "the deadline passed before the cycle began",
          null,
          started);
    }
    PollSources.Lease lease = parts.sources().tryAcquire(connection);
    if (lease == null) {
      return notStarted(
          connection,
          PollStatus.BUSY,
          "another cycle or backfill of connection " + connection.id() + " runs in this process",
          null,
          started);
    }
    try (lease) {
      return cycle(connection, bounded, lease, started);
    }
  }

  private PollCycleReport cycle(
      Connection connection, Deadline deadline, PollSources.Lease lease, Instant started) {
    Instant now = parts.clock().instant();
    Checkpoint loaded;
    Checkpoint held;
    Instant tookOverFrom = null;
    try {
      loaded = parts.checkpoints().load(connection.id()).orElse(null);
      if (loaded != null && loaded.inProgressUntil() != null) {
        if (now.isBefore(loaded.inProgressUntil())) {
          return notStarted(
              connection,
              PollStatus.BUSY,
              "another worker's cycle holds the checkpoint until " + loaded.inProgressUntil(),
              loaded.inProgressUntil(),
              started);
        }
        tookOverFrom = loaded.inProgressUntil();
        loaded = afterCrash(connection, loaded);
      }
      if (loaded != null && !PollRules.notBeforePassed(connection, loaded, now)) {
        return notStarted(
            connection,
            PollStatus.SKIPPED,
            "not before " + loaded.notBefore() + " (" + lastError(loaded) + ")",
            loaded.notBefore(),
            started);
      }
      Checkpoint base =
          loaded != null
              ? loaded
              : Checkpoint.start(connection.id(), now.minus(parts.config().initialLookback()));
      held = parts.checkpoints().save(withHold(base, null, deadline.instant()), base.version());
    } catch (CheckpointConflictException e) {
      return notStarted(connection, PollStatus.CONFLICT, e.getMessage(), null, started);
    } catch (RuntimeException e) {
      return notStarted(
          connection,
          PollStatus.FAILED,
          "could not read or hold the checkpoint: " + e.getMessage(),
          null,
          started);
    }
    return new PollCycle(parts, connection, deadline, lease, held, started, tookOverFrom).run();
  }

  /**
   * The last cycle died holding the checkpoint (its deadline passed): this cycle takes over. What
   * the dead one claimed waits in the outbox for the retry drain, so a re-read counts it settled.
   */
  private static Checkpoint afterCrash(Connection connection, Checkpoint dead) {
    LOG.warn(
        "connection {}: the poll cycle that held the checkpoint until {} did not finish (its worker"
            + " stopped); this cycle takes over, and the retry worker delivers what it claimed",
        connection.id(),
        dead.inProgressUntil());
    return withHold(dead, dead.notBefore(), null);
  }

  private Deadline bounded(Deadline deadline, Instant started) {
    Instant cap = started.plus(parts.config().maxCycleDuration());
    return deadline.instant().isAfter(cap) ? new Deadline(cap) : deadline;
  }

  private static Checkpoint withHold(Checkpoint c, Instant notBefore, Instant inProgressUntil) {
    return new Checkpoint(
        c.connectionId(),
        c.watermark(),
        c.pendingRuns(),
        c.lastScan(),
        notBefore,
        inProgressUntil,
        c.version());
  }

  private static String lastError(Checkpoint c) {
    return c.lastScan() == null || c.lastScan().error() == null
        ? "no error recorded"
        : c.lastScan().error();
  }

  /**
   * A cycle that did not start, logged once: WARN when it could not (a store failed), INFO when
   * another cycle holds the connection, DEBUG when it is not due.
   */
  private PollCycleReport notStarted(
      Connection connection,
      PollStatus status,
      String message,
      Instant notBefore,
      Instant started) {
    if (status == PollStatus.FAILED) {
      LOG.warn("poll cycle connection={} status={}: {}", connection.id(), status, message);
    } else if (status == PollStatus.BUSY || status == PollStatus.CONFLICT) {
      LOG.info("poll cycle connection={} status={}: {}", connection.id(), status, message);
    } else {
      LOG.debug("poll cycle connection={} status={}: {}", connection.id(), status, message);
    }
    return PollCycleReport.notStarted(
        connection.id(),
        status,
        message,
        notBefore,
        Duration.between(started, parts.clock().instant()));
  }

  /** Builds a {@link DefaultPollEngine}; every part is required except the config. */
  public static final class Builder {
    private CheckpointStore checkpoints;
    private ConnectionStore connections;
    private PollSources sources;
    private FailureDelivery delivery;
    private ConnectionHealthTracker health;
    private PollConfig config = PollConfig.defaults();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder checkpoints(CheckpointStore value) {
      this.checkpoints = value;
      return this;
    }

    /** Read between pages (toggle, health counters) and to clear an ERROR. */
    public Builder connections(ConnectionStore value) {
      this.connections = value;
      return this;
    }

    public Builder sources(PollSources value) {
      this.sources = value;
      return this;
    }

    public Builder delivery(FailureDelivery value) {
      this.delivery = value;
      return this;
    }

    public Builder health(ConnectionHealthTracker value) {
      this.health = value;
      return this;
    }

    public Builder config(PollConfig value) {
      this.config = value;
      return this;
    }

    /** The clock of deadlines, watermarks and checkpoints; the sources' clock, in practice. */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    public DefaultPollEngine build() {
      return new DefaultPollEngine(
          parts(checkpoints, connections, sources, delivery, health, config, clock));
    }
  }

  static EngineParts parts(
      CheckpointStore checkpoints,
      ConnectionStore connections,
      PollSources sources,
      FailureDelivery delivery,
      ConnectionHealthTracker health,
      PollConfig config,
      Clock clock) {
    Objects.requireNonNull(checkpoints, "checkpoints");
    Objects.requireNonNull(connections, "connections");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    return new EngineParts(
        checkpoints,
        connections,
        sources,
        delivery,
        new PollHealth(health, connections, config, clock),
        config,
        clock);
  }
}
