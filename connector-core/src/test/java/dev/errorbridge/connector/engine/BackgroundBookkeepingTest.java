package dev.errorbridge.connector.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.publish.PublishOutcome;
import dev.errorbridge.connector.publish.PublishReport;
import dev.errorbridge.connector.store.ConnectionStore;
import dev.errorbridge.connector.store.DedupStore;
import dev.errorbridge.connector.store.DynamoDbConnectionStore;
import dev.errorbridge.connector.store.DynamoDbDedupStore;
import dev.errorbridge.connector.store.ErrorbridgeTable;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.TestConnections;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The coalescing background recorder against DynamoDB Local's dedup and connection stores. */
class BackgroundBookkeepingTest {
  private static final Duration LONG = Duration.ofHours(1);

  private static LocalDynamoDb dynamoDb;

  private final Clock clock = Clock.systemUTC();
  private final List<Collection<String>> confirms = new CopyOnWriteArrayList<>();
  private final List<String> confirmThreads = new CopyOnWriteArrayList<>();
  private final AtomicInteger counterWrites = new AtomicInteger();
  private CountDownLatch confirmGate = new CountDownLatch(0);
  private DynamoDbDedupStore realDedup;
  private DynamoDbConnectionStore realStore;
  private DedupStore dedup;
  private ConnectionStore store;

  @BeforeAll
  static void start() {
    dynamoDb = LocalDynamoDb.start();
  }

  @AfterAll
  static void stop() {
    dynamoDb.close();
  }

  @BeforeEach
  void freshTable() {
    ErrorbridgeTable table = dynamoDb.newTable();
    realDedup = new DynamoDbDedupStore(table, clock);
    realStore = new DynamoDbConnectionStore(table);
    dedup = recordingConfirms(realDedup);
    store = countingCounterWrites(realStore);
  }

  @Test
  void settled_whenBatchesArriveWithinTheLinger_confirmsThemInOneWrite() {
    Connection connection = realStore.create(TestConnections.dify("tenant-a", "c-1"));
    List<String> ids = List.of("e-1", "e-2", "e-3", "e-4", "e-5");
    claim(ids);

    try (BackgroundBookkeeping bookkeeping = bookkeeping(Duration.ofSeconds(5), 5, LONG)) {
      ids.forEach(id -> bookkeeping.settled(connection, Set.of(id), delivered(id)));
    }

    assertThat(confirms).hasSize(1);
    assertThat(confirms.get(0)).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(ids).allSatisfy(id -> assertThat(realDedup.isClaimed(id, inADay())).isTrue());
    assertThat(counterWrites).hasValue(1);
    assertThat(health("c-1").delivered()).isEqualTo(5);
  }

  @Test
  void settled_whenADestinationFailsAfterDeliveries_countsTheStreakInOrder() {
    Connection connection = realStore.create(TestConnections.dify("tenant-a", "c-1"));
    claim(List.of("e-1"));

    try (BackgroundBookkeeping bookkeeping = bookkeeping(Duration.ZERO, 100, LONG)) {
      bookkeeping.settled(connection, Set.of("e-1"), delivered("e-1"));
      bookkeeping.settled(
          connection, Set.of(), new PublishReport(List.of(), 1, 1, "AccessDeniedException"));
    }

    ConnectionHealth health = health("c-1");
    assertThat(health.delivered()).isEqualTo(1);
    assertThat(health.consecutiveFailures()).isEqualTo(1);
  }

  @Test
  void settled_whenTheQueueIsFull_recordsOnTheCallersThread() throws Exception {
    Connection connection = realStore.create(TestConnections.dify("tenant-a", "c-1"));
    claim(List.of("e-1", "e-2", "e-3"));
    confirmGate = new CountDownLatch(1); // the worker's writes wait until released
    BackgroundBookkeeping bookkeeping =
        new BackgroundBookkeeping(
            dedup,
            tracker(),
            DeliveryPolicy.defaults(),
            clock,
            new BackgroundBookkeeping.Tuning(1, Duration.ZERO, 1, LONG, Duration.ofSeconds(10)));
    try {
      bookkeeping.settled(connection, Set.of("e-1"), delivered("e-1"));
      awaitWorkerBlocked(bookkeeping);
      bookkeeping.settled(connection, Set.of("e-2"), delivered("e-2")); // waits in the queue

      bookkeeping.settled(connection, Set.of("e-3"), delivered("e-3")); // no room left
    } finally {
      confirmGate.countDown();
      bookkeeping.close();
    }

    assertThat(confirmThreads).contains(Thread.currentThread().getName());
    assertThat(List.of("e-1", "e-2", "e-3"))
        .allSatisfy(id -> assertThat(realDedup.isClaimed(id, inADay())).isTrue());
    assertThat(health("c-1").delivered()).isEqualTo(3);
  }

  @Test
  void settled_afterClose_recordsOnTheCallersThread() {
    Connection connection = realStore.create(TestConnections.dify("tenant-a", "c-1"));
    claim(List.of("e-1"));
    BackgroundBookkeeping bookkeeping = bookkeeping(Duration.ZERO, 100, LONG);
    bookkeeping.close();

    bookkeeping.settled(connection, Set.of("e-1"), delivered("e-1"));

    assertThat(confirmThreads).containsExactly(Thread.currentThread().getName());
    assertThat(health("c-1").delivered()).isEqualTo(1);
  }

  @Test
  void settled_whenOneBatchBreaksTheWorker_recordsTheNextBatches() {
    Connection connection = realStore.create(TestConnections.dify("tenant-a", "c-1"));
    claim(List.of("e-2"));

    try (BackgroundBookkeeping bookkeeping = bookkeeping(Duration.ZERO, 1, LONG)) {
      bookkeeping.settled(connection, Set.of(), null); // a bug upstream: no report
      bookkeeping.settled(connection, Set.of("e-2"), delivered("e-2"));
    }

    assertThat(realDedup.isClaimed("e-2", inADay())).isTrue();
    assertThat(health("c-1").delivered()).isEqualTo(1);
  }

  @Test
  void tuning_whenCapacityBelowOne_namesTheParameter() {
    assertThatThrownBy(
            () -> new BackgroundBookkeeping.Tuning(0, Duration.ZERO, 1, LONG, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity");
  }

  private BackgroundBookkeeping bookkeeping(Duration linger, int maxEvents, Duration interval) {
    return new BackgroundBookkeeping(
        dedup,
        tracker(),
        DeliveryPolicy.defaults(),
        clock,
        new BackgroundBookkeeping.Tuning(100, linger, maxEvents, interval, Duration.ofSeconds(10)));
  }

  private ConnectionHealthTracker tracker() {
    return new ConnectionHealthTracker(store, clock, ConnectionHealthTracker.DEFAULT_SUSPEND_AFTER);
  }

  /** Waits (bounded) until the worker has taken the first batch and sits in its first write. */
  private void awaitWorkerBlocked(BackgroundBookkeeping bookkeeping) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while ((bookkeeping.waiting() > 0 || confirmThreads.isEmpty()) && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertThat(confirmThreads).containsExactly("errorbridge-bookkeeping");
  }

  private void claim(List<String> ids) {
    assertThat(realDedup.claimAll(ids, clock.instant().plus(Duration.ofMinutes(10))))
        .hasSize(ids.size());
  }

  private Instant inADay() {
    return clock.instant().plus(Duration.ofDays(1));
  }

  private ConnectionHealth health(String connectionId) {
    return realStore.find(connectionId).orElseThrow().health();
  }

  private static PublishReport delivered(String eventId) {
    return new PublishReport(
        List.of(new PublishOutcome.Delivered(eventId, "aws-1", 1)), 1, 1, null);
  }

  private DedupStore recordingConfirms(DedupStore delegate) {
    return proxy(
        DedupStore.class,
        delegate,
        (name, args) -> {
          if (name.equals("confirm")) {
            confirmThreads.add(Thread.currentThread().getName());
            confirms.add(
                List.copyOf((Collection<?>) args[0]).stream().map(String::valueOf).toList());
            try {
              if (Thread.currentThread().getName().equals("errorbridge-bookkeeping")) {
                confirmGate.await(10, TimeUnit.SECONDS);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
  }

  private ConnectionStore countingCounterWrites(ConnectionStore delegate) {
    return proxy(
        ConnectionStore.class,
        delegate,
        (name, args) -> {
          if (name.equals("addDeliveries")) {
            counterWrites.incrementAndGet();
          }
        });
  }

  private interface Spy {
    void before(String method, Object[] args);
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, T delegate, Spy spy) {
    return (T)
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              spy.before(method.getName(), args);
              try {
                return method.invoke(delegate, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
