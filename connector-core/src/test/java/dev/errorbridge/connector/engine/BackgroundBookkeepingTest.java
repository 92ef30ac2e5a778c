package dev.errorbridge.connector.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.publish.PublishOutcome;
import dev.errorbridge.connector.publish.PublishReport;
import dev.errorbridge.connector.retry.OutboxSettlements;
import dev.errorbridge.connector.retry.RetrySchedule;
import dev.errorbridge.connector.store.Outbox;
import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.store.dynamodb.DynamoDbConnectionStore;
import dev.errorbridge.connector.store.dynamodb.DynamoDbOutbox;
import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.testing.TestConnections;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The coalescing background recorder against DynamoDB Local's outbox and connection store. */
@ExtendWith(LocalServices.class)
class BackgroundBookkeepingTest {
  private static LocalDynamoDb dynamoDb;

  private final Clock clock = Clock.systemUTC();
  private final List<Collection<String>> settles = new CopyOnWriteArrayList<>();
  private final List<String> settleThreads = new CopyOnWriteArrayList<>();
  private final AtomicInteger counterWrites = new AtomicInteger();
  private CountDownLatch settleGate = new CountDownLatch(0);
  private DynamoDbOutbox realOutbox;
  private DynamoDbConnectionStore realStore;
  private Outbox outbox;
  private ConnectionStore store;

  @BeforeAll
  static void start(LocalDynamoDb shared) {
    dynamoDb = shared;
  }

  @BeforeEach
  void freshTable() {
    ErrorbridgeTable table = dynamoDb.newTable();
    realOutbox = new DynamoDbOutbox(table, clock, Duration.ofDays(7));
    realStore = new DynamoDbConnectionStore(table);
    outbox = recordingSettles(realOutbox);
    store = countingCounterWrites(realStore);
  }

  @Test
  void settled_whenBatchesWaitWhileTheWorkerWrites_settlesThemTogetherInTheNextWrite()
      throws Exception {
    Connection connection = realStore.create(TestConnections.dify("tenant-a", "c-1"));
    List<String> ids = List.of("e-1", "e-2", "e-3", "e-4", "e-5");
    claim(connection, ids);
    settleGate = new CountDownLatch(1);

    try (BackgroundBookkeeping bookkeeping = bookkeeping(100)) {
      bookkeeping.settled(connection, delivered("e-1"));
      awaitWorkerBlocked(bookkeeping);
      ids.subList(1, 5).forEach(id -> bookkeeping.settled(connection, delivered(id)));
      settleGate.countDown();
    }

    assertThat(settles).hasSize(2);
    assertThat(settles.get(1)).containsExactlyInAnyOrder("e-2", "e-3", "e-4", "e-5");
    assertThat(ids)
        .allSatisfy(id -> assertThat(realOutbox.stateOf(id, clock.instant())).contains(DELIVERED));
    assertThat(counterWrites).as("counters go with the settle, not apart").hasValue(0);
    assertThat(health("c-1").delivered()).isEqualTo(5);
  }

  @Test
  void settled_whenADestinationFailsAfterDeliveries_countsTheStreakInOrder() {
    Connection connection = realStore.create(TestConnections.dify("tenant-a", "c-1"));
    claim(connection, List.of("e-1"));

    try (BackgroundBookkeeping bookkeeping = bookkeeping(100)) {
      bookkeeping.settled(connection, delivered("e-1"));
      bookkeeping.settled(connection, new PublishReport(List.of(), 1, 1, "AccessDeniedException"));
    }

    ConnectionHealth health = health("c-1");
    assertThat(health.delivered()).isEqualTo(1);
    assertThat(health.consecutiveFailures()).isEqualTo(1);
  }

  @Test
  void settled_whenEventsAreParkedForRetry_countsThemNeitherDeliveredNorDeadLettered() {
    Connection connection = realStore.create(TestConnections.dify("tenant-a", "c-1"));
    claim(connection, List.of("e-1"));

    try (BackgroundBookkeeping bookkeeping = bookkeeping(100)) {
      bookkeeping.settled(
          connection,
          new PublishReport(
              List.of(
                  new PublishOutcome.DeadLettered(
                      "e-1",
                      dev.errorbridge.connector.deadletter.DeadLetterReason.DEADLINE_EXCEEDED,
                      "ThrottlingException",
                      "slow down",
                      1,
                      false)),
              1,
              1,
              null));
    }

    assertThat(health("c-1").deadLettered()).isZero();
    assertThat(health("c-1").delivered()).isZero();
    assertThat(realOutbox.stateOf("e-1", clock.instant())).contains(Outbox.DeliveryState.PENDING);
  }

  @Test
  void settled_whenTheQueueIsFull_recordsOnTheCallersThread() throws Exception {
    Connection connection = realStore.create(TestConnections.dify("tenant-a", "c-1"));
    claim(connection, List.of("e-1", "e-2", "e-3"));
    settleGate = new CountDownLatch(1); // the worker's writes wait until released
    BackgroundBookkeeping bookkeeping =
        new BackgroundBookkeeping(
            outbox,
            tracker(),
            settlements(),
            clock,
            new BackgroundBookkeeping.Tuning(1, 1, Duration.ofSeconds(10)));
    try {
      bookkeeping.settled(connection, delivered("e-1"));
      awaitWorkerBlocked(bookkeeping);
      bookkeeping.settled(connection, delivered("e-2")); // waits in the queue

      bookkeeping.settled(connection, delivered("e-3")); // no room left
    } finally {
      settleGate.countDown();
      bookkeeping.close();
    }

    assertThat(settleThreads).contains(Thread.currentThread().getName());
    assertThat(List.of("e-1", "e-2", "e-3"))
        .allSatisfy(id -> assertThat(realOutbox.stateOf(id, clock.instant())).contains(DELIVERED));
    assertThat(health("c-1").delivered()).isEqualTo(3);
  }

  @Test
  void settled_afterClose_recordsOnTheCallersThread() {
    Connection connection = realStore.create(TestConnections.dify("tenant-a", "c-1"));
    claim(connection, List.of("e-1"));
    BackgroundBookkeeping bookkeeping = bookkeeping(100);
    bookkeeping.close();

    bookkeeping.settled(connection, delivered("e-1"));

    assertThat(settleThreads).containsExactly(Thread.currentThread().getName());
    assertThat(health("c-1").delivered()).isEqualTo(1);
  }

  @Test
  void settled_whenOneBatchBreaksTheWorker_recordsTheNextBatches() {
    Connection connection = realStore.create(TestConnections.dify("tenant-a", "c-1"));
    claim(connection, List.of("e-2"));

    try (BackgroundBookkeeping bookkeeping = bookkeeping(1)) {
      bookkeeping.settled(connection, null); // a bug upstream: no report
      bookkeeping.settled(connection, delivered("e-2"));
    }

    assertThat(realOutbox.stateOf("e-2", clock.instant())).contains(DELIVERED);
    assertThat(health("c-1").delivered()).isEqualTo(1);
  }

  @Test
  void tuning_whenCapacityBelowOne_namesTheParameter() {
    assertThatThrownBy(() -> new BackgroundBookkeeping.Tuning(0, 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity");
  }

  private static final Outbox.DeliveryState DELIVERED = Outbox.DeliveryState.DELIVERED;

  private BackgroundBookkeeping bookkeeping(int maxEvents) {
    return new BackgroundBookkeeping(
        outbox,
        tracker(),
        settlements(),
        clock,
        new BackgroundBookkeeping.Tuning(100, maxEvents, Duration.ofSeconds(10)));
  }

  private static OutboxSettlements settlements() {
    return new OutboxSettlements(RetrySchedule.defaults());
  }

  private ConnectionHealthTracker tracker() {
    return new ConnectionHealthTracker(store, clock, ConnectionHealthTracker.DEFAULT_SUSPEND_AFTER);
  }

  /** Waits (bounded) until the worker has taken the first batch and sits in its first write. */
  private void awaitWorkerBlocked(BackgroundBookkeeping bookkeeping) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while ((bookkeeping.waiting() > 0 || settleThreads.isEmpty()) && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertThat(settleThreads).containsExactly("errorbridge-bookkeeping");
  }

  private void claim(Connection connection, List<String> ids) {
    Instant now = clock.instant();
    List<ParkedEvent> events =
        ids.stream()
            .map(
                id ->
                    new ParkedEvent(
                        connection.tenantId(),
                        connection.id(),
                        id,
                        new DeadLetter.Entry(
                            "errorbridge.dify", "Workflow Execution Failed", "{}", List.of(), now),
                        0,
                        now,
                        now.plus(Duration.ofMinutes(1))))
            .toList();
    assertThat(realOutbox.claim(events).claimed()).hasSize(ids.size());
  }

  private ConnectionHealth health(String connectionId) {
    return realStore.find(connectionId).orElseThrow().health();
  }

  private static PublishReport delivered(String eventId) {
    return new PublishReport(
        List.of(new PublishOutcome.Delivered(eventId, "aws-1", 1)), 1, 1, null);
  }

  private Outbox recordingSettles(Outbox delegate) {
    return proxy(
        Outbox.class,
        delegate,
        (name, args) -> {
          if (name.equals("settle")) {
            settleThreads.add(Thread.currentThread().getName());
            settles.add(
                ((List<?>) args[0]).stream().map(s -> ((Outbox.Settlement) s).eventId()).toList());
            try {
              if (Thread.currentThread().getName().equals("errorbridge-bookkeeping")) {
                settleGate.await(10, TimeUnit.SECONDS);
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
