package dev.errorbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicWorkerTest {

  @Test
  void nextDelayNanos_whenTheRunWasShorterThanTheInterval_waitsOutTheRest() {
    assertThat(PeriodicWorker.nextDelayNanos(2_000, 500)).isEqualTo(1_500);
  }

  @Test
  void nextDelayNanos_whenTheRunOverran_startsTheNextAtOnce() {
    // a tick that found more due connections than it could start must not then idle an interval
    assertThat(PeriodicWorker.nextDelayNanos(2_000, 7_000)).isZero();
  }

  @Test
  void start_whenATaskThrows_keepsRunningAndRecordsTheFailure() throws Exception {
    CountDownLatch threeRuns = new CountDownLatch(3);
    AtomicInteger runs = new AtomicInteger();
    PeriodicWorker worker =
        PeriodicWorker.start(
            "test",
            Duration.ZERO,
            Duration.ofMillis(1),
            () -> {
              runs.incrementAndGet();
              threeRuns.countDown();
              throw new IllegalStateException("boom");
            });

    boolean ranThrice = threeRuns.await(30, TimeUnit.SECONDS);
    String lastError = worker.lastError();
    boolean stopped = worker.stop(Duration.ofSeconds(30));

    assertThat(ranThrice).isTrue();
    assertThat(lastError).isEqualTo("IllegalStateException");
    assertThat(stopped).isTrue();
    assertThat(worker.running()).isFalse();
  }

  @Test
  void stop_whenTheNextRunIsAnHourAway_doesNotWaitForIt() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    PeriodicWorker worker =
        PeriodicWorker.start(
            "test", Duration.ofHours(1), Duration.ofHours(1), runs::incrementAndGet);

    boolean stopped = worker.stop(Duration.ofSeconds(30));

    assertThat(stopped).isTrue();
    assertThat(runs).hasValue(0);
  }
}
