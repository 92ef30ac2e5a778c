package dev.errorbridge.connector.engine;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.publish.PublishReport;
import dev.errorbridge.connector.store.DedupStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records settled batches on one background thread, so that a webhook is answered as soon as its
 * event is on the bus, and coalesces the writes: the claims of every batch that arrives within
 * {@link Tuning#linger()} become dedup records in one {@code BatchWriteItem}, and a connection's
 * delivery counters are added at most once per {@link Tuning#counterInterval()} (at once when the
 * delivery ends an {@code ERROR}). A destination failure first flushes the connection's pending
 * counters, so a failure streak counts in the order things happened. For a long-lived process (the
 * standalone server); a Lambda function uses {@link InlineBookkeeping}.
 *
 * <p>When {@link Tuning#capacity()} batches wait, or after {@link #close()}, the caller records its
 * batch itself, which slows delivery to the store's pace rather than growing the queue. What a
 * crash loses costs little: claims lapse after their lease (a re-read may publish those events once
 * more) and counters are informational.
 */
public final class BackgroundBookkeeping implements DeliveryBookkeeping, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundBookkeeping.class);

  /** How often an idle worker looks for counters due and for {@link #close()}. */
  private static final long IDLE_WAKE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /**
   * How the worker batches.
   *
   * @param capacity settled batches that may wait before callers record their own
   * @param linger how long the first waiting batch waits for others to share its dedup write
   * @param maxEventsPerWrite events after which a dedup write goes without waiting further
   * @param counterInterval how long a connection's delivery counters may wait to be added
   * @param drainTimeout how long {@link #close()} waits for waiting work
   */
  public record Tuning(
      int capacity,
      Duration linger,
      int maxEventsPerWrite,
      Duration counterInterval,
      Duration drainTimeout) {
    public Tuning {
      if (capacity < 1 || maxEventsPerWrite < 1) {
        throw new IllegalArgumentException("capacity and maxEventsPerWrite must be at least 1");
      }
      if (linger.isNegative() || counterInterval.isNegative() || drainTimeout.isNegative()) {
        throw new IllegalArgumentException("linger, counterInterval and drainTimeout must be >= 0");
      }
    }

    /** 10,000 waiting batches, 50 ms linger, 100 events per write, counters each second. */
    public static Tuning defaults() {
      return new Tuning(
          10_000, Duration.ofMillis(50), 100, Duration.ofSeconds(1), Duration.ofSeconds(10));
    }
  }

  private record Settled(Connection connection, Set<String> claimed, PublishReport report) {}

  /** A connection's counters not yet added. */
  private static final class PendingCounters {
    Connection latest;
    long delivered;
    long deadLettered;
    final long dueNanos;

    PendingCounters(Connection connection, long dueNanos) {
      this.latest = connection;
      this.dueNanos = dueNanos;
    }
  }

  private final InlineBookkeeping recorder;
  private final Tuning tuning;
  private final BlockingQueue<Settled> queue;
  private final Map<String, PendingCounters> counters = new LinkedHashMap<>(); // worker only
  private final Thread worker;
  private volatile boolean closing;

  public BackgroundBookkeeping(
      DedupStore dedup,
      ConnectionHealthTracker health,
      DeliveryPolicy policy,
      Clock clock,
      Tuning tuning) {
    this.recorder = new InlineBookkeeping(dedup, health, policy, clock);
    this.tuning = tuning;
    this.queue = new LinkedBlockingQueue<>(tuning.capacity());
    this.worker = new Thread(this::work, "errorbridge-bookkeeping");
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void settled(Connection connection, Set<String> claimed, PublishReport report) {
    if (closing || !queue.offer(new Settled(connection, claimed, report))) {
      recorder.settled(connection, claimed, report);
    }
  }

  /** Batches waiting now. */
  public int waiting() {
    return queue.size();
  }

  /** Stops taking batches, records the waiting ones and adds every pending counter. */
  @Override
  public void close() {
    closing = true;
    try {
      worker.join(Math.max(1, tuning.drainTimeout().toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      LOG.warn(
          "bookkeeping did not finish within {}: {} settled batches not recorded (their claims"
              + " lapse after the lease)",
          tuning.drainTimeout(),
          queue.size());
    }
  }

  private void work() {
    while (!(closing && queue.isEmpty())) {
      Settled first;
      try {
        first = queue.poll(idleWait(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        break;
      }
      try {
        if (first != null) {
          record(collect(first));
        }
        flushCounters(false);
      } catch (RuntimeException e) {
        // The recorder logs store failures itself: this is a bug, and the thread must survive it.
        LOG.error("bookkeeping failed; continuing with the next batches", e);
      }
    }
    flushCounters(true);
  }

  private long idleWait() {
    long wait = IDLE_WAKE_NANOS;
    long now = System.nanoTime();
    for (PendingCounters pending : counters.values()) {
      wait = Math.min(wait, Math.max(0, pending.dueNanos - now));
    }
    return wait;
  }

  /** {@code first} and whatever arrives within the linger, up to the events of one write. */
  private List<Settled> collect(Settled first) {
    List<Settled> batch = new ArrayList<>();
    batch.add(first);
    int events = first.claimed().size();
    long until = System.nanoTime() + tuning.linger().toNanos();
    while (events < tuning.maxEventsPerWrite()) {
      long left = closing ? 0 : until - System.nanoTime();
      Settled next;
      try {
        next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (next == null) {
        break;
      }
      batch.add(next);
      events += next.claimed().size();
    }
    return batch;
  }

  private void record(List<Settled> batch) {
    Set<String> claimed = new LinkedHashSet<>();
    batch.forEach(s -> claimed.addAll(s.claimed()));
    recorder.confirm(claimed);
    for (Settled s : batch) {
      try {
        count(s);
      } catch (RuntimeException e) {
        // The recorder logs store failures itself: this is a bug, and must not cost the others.
        LOG.error("bookkeeping of a batch of connection {} failed", s.connection().id(), e);
      }
    }
  }

  private void count(Settled s) {
    String id = s.connection().id();
    if (s.report().destinationError() != null) {
      flush(id); // the streak must see the deliveries that came before it
      recorder.destinationFailed(s.connection(), s.report().destinationError());
      return;
    }
    PendingCounters pending =
        counters.computeIfAbsent(
            id, k -> new PendingCounters(s.connection(), System.nanoTime() + interval()));
    pending.latest = s.connection();
    pending.delivered += s.report().delivered().size();
    pending.deadLettered += s.report().parked().size();
    if (s.connection().health().state() == HealthState.ERROR && pending.delivered > 0) {
      flush(id); // a recovery is a state change, not a counter
    }
  }

  private void flushCounters(boolean all) {
    long now = System.nanoTime();
    List<String> due = new ArrayList<>();
    counters.forEach(
        (id, pending) -> {
          if (all || pending.dueNanos <= now) {
            due.add(id);
          }
        });
    due.forEach(this::flush);
  }

  private void flush(String connectionId) {
    PendingCounters pending = counters.remove(connectionId);
    if (pending != null) {
      recorder.delivered(pending.latest, pending.delivered, pending.deadLettered);
    }
  }

  private long interval() {
    return tuning.counterInterval().toNanos();
  }
}
