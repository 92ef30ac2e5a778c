package dev.errorbridge.connector.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundBookkeepingTest {

  @Test
  void execute_whenIdle_runsTheTaskOnTheBookkeepingThread() throws Exception {
    try (BackgroundBookkeeping bookkeeping = new BackgroundBookkeeping()) {
      CountDownLatch ran = new CountDownLatch(1);
      List<String> threads = new CopyOnWriteArrayList<>();

      bookkeeping.execute(
          () -> {
            threads.add(Thread.currentThread().getName());
            ran.countDown();
          });

      assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(threads).containsExactly("errorbridge-bookkeeping");
    }
  }

  @Test
  void execute_whenTheQueueIsFull_runsTheTaskOnTheCallersThread() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    try (BackgroundBookkeeping bookkeeping = new BackgroundBookkeeping(1, Duration.ofSeconds(5))) {
      bookkeeping.execute(() -> block(started, release)); // occupies the thread
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      bookkeeping.execute(() -> {}); // fills the one slot
      List<String> threads = new CopyOnWriteArrayList<>();

      bookkeeping.execute(() -> threads.add(Thread.currentThread().getName()));

      assertThat(threads).containsExactly(Thread.currentThread().getName());
      release.countDown();
    }
  }

  @Test
  void close_whenTasksWait_runsThemBeforeReturning() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    List<Integer> done = new CopyOnWriteArrayList<>();
    BackgroundBookkeeping bookkeeping = new BackgroundBookkeeping(10, Duration.ofSeconds(5));
    bookkeeping.execute(() -> block(started, release));
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 3; i++) {
      int n = i;
      bookkeeping.execute(() -> done.add(n));
    }
    assertThat(bookkeeping.waiting()).isEqualTo(3);
    release.countDown();

    bookkeeping.close();

    assertThat(done).containsExactly(0, 1, 2);
  }

  @Test
  void execute_whenClosed_runsTheTaskOnTheCallersThread() {
    BackgroundBookkeeping bookkeeping = new BackgroundBookkeeping();
    bookkeeping.close();
    List<String> threads = new CopyOnWriteArrayList<>();

    bookkeeping.execute(() -> threads.add(Thread.currentThread().getName()));

    assertThat(threads).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void constructor_whenCapacityBelowOne_namesTheParameter() {
    assertThatThrownBy(() -> new BackgroundBookkeeping(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity must be at least 1");
  }

  private static void block(CountDownLatch started, CountDownLatch release) {
    started.countDown();
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
