package dev.errorbridge.connector.engine;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.crashpoint.CrashPoint;
import dev.errorbridge.connector.publish.PublishReport;
import dev.errorbridge.connector.retry.OutboxSettlements;
import dev.errorbridge.connector.store.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records published batches on one background thread, so that a webhook is answered as soon as its
 * event is on the bus, and coalesces the writes: every batch waiting when the worker wakes (up to
 * {@link Tuning#maxEventsPerWrite()} events) settles in one {@link Outbox#settle} (one transaction
 * per ~45 events, counters included). The worker writes as soon as there is work, so that a crash
 * finds as few delivered events unsettled as possible: those the outbox sends again, with the same
 * event ids. For a long-lived process (the standalone server); a Lambda function uses {@link
 * InlineBookkeeping}.
 *
 * <p>When {@link Tuning#capacity()} batches wait, or after {@link #close()}, the caller records its
 * batch itself, which slows delivery to the store's pace rather than growing the queue.
 */
public final class BackgroundBookkeeping implements DeliveryBookkeeping, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundBookkeeping.class);

  /** How often an idle worker looks for {@link #close()}. */
  private static final long IDLE_WAKE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /**
   * How the worker batches.
   *
   * @param capacity published batches that may wait before callers record their own
   * @param maxEventsPerWrite events after which the worker writes without taking more
   * @param drainTimeout how long {@link #close()} waits for waiting work
   */
  public record Tuning(int capacity, int maxEventsPerWrite, Duration drainTimeout) {
    public Tuning {
      if (capacity < 1 || maxEventsPerWrite < 1) {
        throw new IllegalArgumentException("capacity and maxEventsPerWrite must be at least 1");
      }
      if (drainTimeout == null || drainTimeout.isNegative()) {
        throw new IllegalArgumentException("drainTimeout must be >= 0");
      }
    }

    /** 10,000 waiting batches, 200 events per write, 10 s to drain on close. */
    public static Tuning defaults() {
      return new Tuning(10_000, 200, Duration.ofSeconds(10));
    }
  }

  private record Published(Connection connection, PublishReport report) {}

  private final InlineBookkeeping recorder;
  private final Tuning tuning;
  private final BlockingQueue<Published> queue;
  private final Thread worker;
  private volatile boolean closing;

  public BackgroundBookkeeping(
      Outbox outbox,
      ConnectionHealthTracker health,
      OutboxSettlements settlements,
      Clock clock,
      Tuning tuning) {
    this.recorder = new InlineBookkeeping(outbox, health, settlements, clock);
    this.tuning = tuning;
    this.queue = new LinkedBlockingQueue<>(tuning.capacity());
    this.worker = new Thread(this::work, "errorbridge-bookkeeping");
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void settled(Connection connection, PublishReport report) {
    if (closing || !queue.offer(new Published(connection, report))) {
      recorder.settled(connection, report);
    }
  }

  /** Batches waiting now. */
  public int waiting() {
    return queue.size();
  }

  /** Stops taking batches and records the waiting ones. */
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
          "bookkeeping did not finish within {}: {} published batches not settled (the retry"
              + " worker sends them again after the lease, with the same event ids)",
          tuning.drainTimeout(),
          queue.size());
    }
  }

  private void work() {
    while (!(closing && queue.isEmpty())) {
      Published first;
      try {
        first = queue.poll(IDLE_WAKE_NANOS, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        break;
      }
      if (first == null) {
        continue;
      }
      try {
        record(collect(first));
      } catch (RuntimeException e) {
        // The recorder logs store failures itself: this is a bug, and the thread must survive it.
        LOG.error("bookkeeping failed; continuing with the next batches", e);
      }
    }
  }

  /** {@code first} and whatever waits now, up to the events of one write. */
  private List<Published> collect(Published first) {
    List<Published> batch = new ArrayList<>();
    batch.add(first);
    int events = first.report().outcomes().size();
    while (events < tuning.maxEventsPerWrite()) {
      Published next = queue.poll();
      if (next == null) {
        break;
      }
      batch.add(next);
      events += next.report().outcomes().size();
    }
    return batch;
  }

  private void record(List<Published> batch) {
    List<Outbox.Settlement> settlements = new ArrayList<>();
    for (Published p : batch) {
      settlements.addAll(recorder.settlementsOf(p.connection(), p.report()));
    }
    CrashPoint.reached(CrashPoint.BOOKKEEPING_BEFORE_WRITE);
    recorder.settle(settlements);
    // Health in the order things happened; one recovery per connection is enough.
    Map<String, Published> recoveries = new LinkedHashMap<>();
    for (Published p : batch) {
      if (p.report().destinationError() != null) {
        recorder.movedHealth(p.connection(), p.report());
      } else if (!p.report().delivered().isEmpty()) {
        recoveries.putIfAbsent(p.connection().id(), p);
      }
    }
    recoveries.values().forEach(p -> recorder.movedHealth(p.connection(), p.report()));
  }
}
