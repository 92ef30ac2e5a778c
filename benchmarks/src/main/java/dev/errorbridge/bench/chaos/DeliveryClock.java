package dev.errorbridge.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Tells when the bus received its n-th delivery, to within one sampling period: it samples the
 * recording target's delivery count every few milliseconds. The harness uses it to place each
 * duplicate's first copy in time relative to the kill, which separates duplicates from calls that
 * were in flight when the process died (the window no system can close) from any other cause.
 */
final class DeliveryClock implements AutoCloseable {
  private record Sample(long nanos, int count) {}

  private final List<Sample> samples = new ArrayList<>();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "delivery-clock");
            t.setDaemon(true);
            return t;
          });

  DeliveryClock(IntSupplier deliveryCount, Duration period) {
    sampler.scheduleAtFixedRate(
        () -> {
          Sample sample = new Sample(System.nanoTime(), deliveryCount.getAsInt());
          synchronized (samples) {
            samples.add(sample);
          }
        },
        0,
        period.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  /** The first sampled instant at which the bus held more than {@code index} deliveries. */
  long deliveredAtNanos(int index) {
    synchronized (samples) {
      for (Sample sample : samples) {
        if (sample.count() > index) {
          return sample.nanos();
        }
      }
    }
    return Long.MAX_VALUE;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
