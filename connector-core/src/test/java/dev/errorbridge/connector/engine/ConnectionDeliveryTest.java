package dev.errorbridge.connector.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestinations;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.deadletter.DeadLetterStoreException;
import dev.errorbridge.connector.deadletter.InMemoryDeadLetterStore;
import dev.errorbridge.connector.mapping.DefaultFailedExecutionMapper;
import dev.errorbridge.connector.mapping.EventIds;
import dev.errorbridge.connector.mapping.Failures;
import dev.errorbridge.connector.publish.DefaultEventPublisher;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.publish.PublisherConfig;
import dev.errorbridge.connector.retry.OutboxSettlements;
import dev.errorbridge.connector.retry.RetryRoutingDeadLetterStore;
import dev.errorbridge.connector.retry.RetrySchedule;
import dev.errorbridge.connector.secrets.SecretCipherException;
import dev.errorbridge.connector.store.Outbox;
import dev.errorbridge.connector.store.dynamodb.DynamoDbConnectionStore;
import dev.errorbridge.connector.store.dynamodb.DynamoDbStores;
import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.testing.TestConnections;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.fault.Fault;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** The toggle, filters and health around publishing, against local-aws and DynamoDB Local. */
@ExtendWith(LocalServices.class)
class ConnectionDeliveryTest {
  private static final String BUS = "errorbridge-demo";
  private static final String INBOX = "arn:aws:sqs:eu-west-1:000000000000:inbox";
  private static final AwsCredentialsProvider KEYS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
  private static final AwsCredentialsProvider WRONG_KEYS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAUNKNOWN000000000", "x"));

  private static LocalAws localAws;
  private static LocalDynamoDb dynamoDb;

  private DynamoDbConnectionStore store;
  private DynamoDbStores stores;
  private final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
  private DefaultEventPublisher publisher;
  private final AtomicInteger resolved = new AtomicInteger();
  private AwsCredentialsProvider credentials = KEYS;

  @BeforeAll
  static void start(LocalAws sharedLocalAws, LocalDynamoDb sharedDynamoDb) {
    localAws = sharedLocalAws;
    dynamoDb = sharedDynamoDb;
    try (EventBridgeClient admin =
        EventBridgeClient.builder()
            .endpointOverride(localAws.endpoint())
            .region(Region.EU_WEST_1)
            .credentialsProvider(KEYS)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      try {
        admin.createEventBus(b -> b.name(BUS));
      } catch (ResourceAlreadyExistsException sharedAlready) {
        // local-aws is shared by the test JVM: another class made the bus
      }
      admin.putRule(
          b -> b.name("all").eventBusName(BUS).eventPattern("{\"source\":[{\"prefix\":\"\"}]}"));
      admin.putTargets(
          b ->
              b.rule("all")
                  .eventBusName(BUS)
                  .targets(Target.builder().id("inbox").arn(INBOX).build()));
    }
  }

  @BeforeEach
  void freshTable() {
    ErrorbridgeTable table = dynamoDb.newTable();
    store = new DynamoDbConnectionStore(table);
    stores = DynamoDbStores.of(table, Clock.systemUTC());
    publisher = new DefaultEventPublisher(PublisherConfig.defaults(), parking(deadLetters));
  }

  private DeadLetterStore parking(DeadLetterStore letters) {
    return new RetryRoutingDeadLetterStore(
        letters, stores.parkedEvents(), RetrySchedule.defaults(), Clock.systemUTC());
  }

  @AfterEach
  void clear() {
    publisher.close();
    localAws.deliveries().clear();
  }

  @Test
  void deliver_whenEnabled_publishesAndCountsTheDelivery() {
    Connection connection = stored(TestConnections.dify("tenant-a", "c-1"), true);

    DeliveryResult result = delivery().deliver(connection, List.of(failure("exec-1")), deadline());

    assertThat(result.settled()).isTrue();
    assertThat(localAws.deliveries().forTarget(INBOX)).hasSize(1);
    assertThat(store.find("c-1").orElseThrow().health().delivered()).isEqualTo(1);
    assertThat(store.find("c-1").orElseThrow().health().lastDeliveryAt()).isNotNull();
    assertThat(stateOf("exec-1")).contains(Outbox.DeliveryState.DELIVERED);
    assertThat(stores.parkedEvents().find("c-1", EventIds.of(failure("exec-1")))).isEmpty();
  }

  @Test
  void deliver_whenBookkeepingRunsLater_keepsTheEventInTheOutboxAndAnswersItPendingUntilSettled() {
    Connection connection = stored(TestConnections.dify("tenant-a", "c-1"), true);
    List<Runnable> deferred = new ArrayList<>();
    InlineBookkeeping inline = inline();
    DeliveryBookkeeping later = (c, report) -> deferred.add(() -> inline.settled(c, report));

    DeliveryResult result =
        delivery(later).deliver(connection, List.of(failure("exec-1")), deadline());

    assertThat(result.settled()).isTrue();
    assertThat(localAws.deliveries().forTarget(INBOX)).hasSize(1);
    assertThat(deferred).hasSize(1);
    assertThat(store.find("c-1").orElseThrow().health().delivered()).isZero();
    assertThat(stores.parkedEvents().find("c-1", EventIds.of(failure("exec-1")))).isPresent();
    // the claim keeps another path from publishing it again, and says it is not settled yet
    assertThat(delivery().deliver(connection, List.of(failure("exec-1")), deadline()))
        .isInstanceOfSatisfying(
            DeliveryResult.Published.class,
            p ->
                assertThat(p.known())
                    .containsEntry(EventIds.of(failure("exec-1")), Outbox.DeliveryState.PENDING));

    deferred.forEach(Runnable::run);

    assertThat(store.find("c-1").orElseThrow().health().delivered()).isEqualTo(1);
    assertThat(stateOf("exec-1")).contains(Outbox.DeliveryState.DELIVERED);
    assertThat(stores.parkedEvents().find("c-1", EventIds.of(failure("exec-1")))).isEmpty();
    assertThat(localAws.deliveries().forTarget(INBOX)).hasSize(1);
  }

  @Test
  void deliver_whenTheSameFailureArrivesTwice_publishesItOnce() {
    Connection connection = stored(TestConnections.dify("tenant-a", "c-1"), true);
    ConnectionDelivery delivery = delivery();

    delivery.deliver(connection, List.of(failure("exec-1")), deadline());
    DeliveryResult second =
        delivery.deliver(
            store.find("c-1").orElseThrow(),
            List.of(failure("exec-1"), failure("exec-2")),
            deadline());

    assertThat(second)
        .isInstanceOfSatisfying(
            DeliveryResult.Published.class,
            p ->
                assertThat(p.known())
                    .containsExactly(
                        java.util.Map.entry(
                            EventIds.of(failure("exec-1")), Outbox.DeliveryState.DELIVERED)));
    assertThat(localAws.deliveries().forTarget(INBOX)).hasSize(2);
  }

  @Test
  void deliver_whenParkingARefusedEventFails_keepsItInTheOutboxAndSettlesThePage() {
    Connection connection = stored(TestConnections.dify("tenant-a", "c-1"), true);
    credentials = WRONG_KEYS; // every event is refused and must be parked
    DeadLetterStore broken =
        new DeadLetterStore() {
          @Override
          public void park(DeadLetter deadLetter) {
            throw new DeadLetterStoreException("the dead-letter table is unreachable", null);
          }

          @Override
          public List<DeadLetter> list(String tenantId, String connectionId, int limit) {
            return List.of();
          }

          @Override
          public void remove(String tenantId, String connectionId, String eventId) {}

          @Override
          public long count(String tenantId, String connectionId) {
            return 0;
          }
        };

    DeliveryResult result;
    try (DefaultEventPublisher failing =
        new DefaultEventPublisher(PublisherConfig.defaults(), broken)) {
      result =
          delivery(failing, broken).deliver(connection, List.of(failure("exec-1")), deadline());
    }

    // Nothing is lost: the claimed event waits in the outbox, where the retry worker finds it.
    String eventId = EventIds.of(failure("exec-1"));
    assertThat(result)
        .isInstanceOfSatisfying(
            DeliveryResult.Published.class,
            p -> assertThat(p.known()).containsEntry(eventId, Outbox.DeliveryState.PENDING));
    assertThat(stores.parkedEvents().find("c-1", eventId)).isPresent();
    assertThat(stateOf("exec-1")).contains(Outbox.DeliveryState.PENDING);
  }

  @Test
  void deliver_whenTheClaimCannotBeWritten_throwsAndPublishesNothing() {
    Connection connection = stored(TestConnections.dify("tenant-a", "c-1"), true);
    java.util.concurrent.atomic.AtomicBoolean down =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Outbox broken =
        dev.errorbridge.connector.testing.BrokenStores.outboxFails(
            stores.outbox(),
            down,
            dev.errorbridge.connector.testing.BrokenStores.OutboxOperation.CLAIM);

    assertThatThrownBy(
            () ->
                delivery(publisher, parking(deadLetters), inline(), broken)
                    .deliver(connection, List.of(failure("exec-1")), deadline()))
        .isInstanceOf(dev.errorbridge.connector.store.StoreUnavailableException.class);
    assertThat(localAws.deliveries().forTarget(INBOX)).isEmpty();
    assertThat(stateOf("exec-1")).isEmpty();
  }

  @Test
  void deliver_whenThePublishOutlastsTheAnswer_answersPendingAndFinishesItInTheBackground() {
    Connection connection = stored(TestConnections.dify("tenant-a", "c-1"), true);
    localAws.faults().inject(Fault.latency("PutEvents", Duration.ofMillis(1500)));
    java.util.concurrent.ExecutorService background =
        java.util.concurrent.Executors.newCachedThreadPool();
    try {
      ConnectionDelivery delivery =
          delivery(publisher, parking(deadLetters), inline(), stores.outbox(), background);
      Clock clock = Clock.systemUTC();

      DeliveryResult answer =
          delivery.deliver(
              connection,
              List.of(failure("exec-1")),
              Deadline.after(Duration.ofMillis(200), clock),
              Deadline.after(Duration.ofSeconds(20), clock));

      assertThat(answer)
          .isInstanceOfSatisfying(
              DeliveryResult.Published.class,
              p ->
                  assertThat(p.known())
                      .containsEntry(EventIds.of(failure("exec-1")), Outbox.DeliveryState.PENDING));
      // The attempt was not cut short: it lands, is settled, and nothing is left to send again.
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> assertThat(stateOf("exec-1")).contains(Outbox.DeliveryState.DELIVERED));
      assertThat(localAws.deliveries().forTarget(INBOX)).hasSize(1);
      assertThat(stores.parkedEvents().find("c-1", EventIds.of(failure("exec-1")))).isEmpty();
      assertThat(store.find("c-1").orElseThrow().health().delivered()).isEqualTo(1);
    } finally {
      background.shutdownNow();
    }
  }

  @Test
  void deliver_whenToggledOff_publishesNothingAndDoesNotSettle() {
    Connection connection = stored(TestConnections.dify("tenant-a", "c-1"), false);

    DeliveryResult result = delivery().deliver(connection, List.of(failure("exec-1")), deadline());

    assertThat(result).isEqualTo(new DeliveryResult.Skipped(HealthState.PAUSED));
    assertThat(localAws.deliveries().forTarget(INBOX)).isEmpty();
    assertThat(deadLetters.list("tenant-a", "c-1", 10)).isEmpty();
    assertThat(resolved).hasValue(0);
  }

  @Test
  void deliver_whenOutcomeOrWorkflowNotStreamed_filtersItOut() {
    Connection connection = stored(TestConnections.dify("tenant-a", "c-1"), true);
    FailedExecution otherWorkflow = Failures.load("dify");

    DeliveryResult result =
        delivery()
            .deliver(
                connection, List.of(otherWorkflow, failure("exec-2", Outcome.PARTIAL)), deadline());

    assertThat(result)
        .isInstanceOfSatisfying(
            DeliveryResult.Published.class, p -> assertThat(p.filteredOut()).isEqualTo(2));
    assertThat(localAws.deliveries().forTarget(INBOX)).isEmpty();
  }

  @Test
  void deliver_whenTheKeysAreRefusedFiveTimes_suspendsAndThenSkips() {
    credentials = WRONG_KEYS;
    ConnectionDelivery delivery = delivery();
    for (int i = 0; i < ConnectionHealthTracker.DEFAULT_SUSPEND_AFTER; i++) {
      delivery.deliver(
          store.find("c-1").orElseGet(() -> stored(TestConnections.dify("tenant-a", "c-1"), true)),
          List.of(failure("exec-" + i)),
          deadline());
    }
    Connection suspended = store.find("c-1").orElseThrow();

    DeliveryResult next = delivery.deliver(suspended, List.of(failure("exec-9")), deadline());

    assertThat(suspended.health().state()).isEqualTo(HealthState.SUSPENDED);
    assertThat(suspended.health().reason()).contains("enable the connection again");
    assertThat(next).isEqualTo(new DeliveryResult.Skipped(HealthState.SUSPENDED));
  }

  @Test
  void deliver_whenKmsKeyDisabled_isUnavailableAndMarksError() {
    Connection connection = stored(TestConnections.dify("tenant-a", "c-1"), true);
    credentials =
        () -> {
          throw new SecretCipherException(
              "the KMS key is disabled; re-enable it", "DisabledException", null);
        };

    DeliveryResult result = delivery().deliver(connection, List.of(failure("exec-1")), deadline());

    assertThat(result.settled()).isFalse();
    assertThat(deadLetters.list("tenant-a", "c-1", 10)).isEmpty();
    assertThat(store.find("c-1").orElseThrow().health().state()).isEqualTo(HealthState.ERROR);
  }

  private ConnectionDelivery delivery() {
    return delivery(publisher, parking(deadLetters));
  }

  private ConnectionDelivery delivery(DeliveryBookkeeping bookkeeping) {
    return delivery(publisher, parking(deadLetters), bookkeeping, stores.outbox());
  }

  private ConnectionDelivery delivery(
      DefaultEventPublisher eventPublisher, DeadLetterStore parked) {
    return delivery(eventPublisher, parked, inline(), stores.outbox());
  }

  private InlineBookkeeping inline() {
    return new InlineBookkeeping(
        stores.outbox(),
        tracker(),
        new OutboxSettlements(RetrySchedule.defaults()),
        Clock.systemUTC());
  }

  private java.util.Optional<Outbox.DeliveryState> stateOf(String executionId) {
    return stores.outbox().stateOf(EventIds.of(failure(executionId)), java.time.Instant.now());
  }

  private ConnectionHealthTracker tracker() {
    return new ConnectionHealthTracker(
        store, Clock.systemUTC(), ConnectionHealthTracker.DEFAULT_SUSPEND_AFTER);
  }

  private ConnectionDelivery delivery(
      DefaultEventPublisher eventPublisher,
      DeadLetterStore parked,
      DeliveryBookkeeping bookkeeping,
      Outbox outbox) {
    return delivery(eventPublisher, parked, bookkeeping, outbox, null);
  }

  private ConnectionDelivery delivery(
      DefaultEventPublisher eventPublisher,
      DeadLetterStore parked,
      DeliveryBookkeeping bookkeeping,
      Outbox outbox,
      java.util.concurrent.Executor backgroundPublishing) {
    ConnectionDestinations destinations =
        new ConnectionDestinations() {
          @Override
          public Destination resolve(Connection c) {
            resolved.incrementAndGet();
            return new Destination(
                c.tenantId(), c.id(), Region.EU_WEST_1, BUS, credentials, localAws.endpoint());
          }

          @Override
          public void invalidate(String connectionId) {}
        };
    return new ConnectionDelivery(
        new ConnectionDelivery.Parts(
            destinations,
            new DefaultFailedExecutionMapper(),
            eventPublisher,
            parked,
            tracker(),
            outbox,
            DeliveryPolicy.defaults(),
            Clock.systemUTC(),
            bookkeeping),
        backgroundPublishing);
  }

  private Connection stored(Connection c, boolean enabled) {
    Connection connection =
        new Connection(
            c.id(),
            c.tenantId(),
            c.name(),
            enabled,
            new ConnectionSource(
                c.source().platform(),
                c.source().baseUrl(),
                c.source().apiKey(),
                Set.of(Outcome.FAILED),
                Set.of("wf-1"),
                c.source().options()),
            c.webhook(),
            c.destination(),
            c.mapping(),
            dev.errorbridge.connector.connection.ConnectionHealth.initial(enabled, c.createdAt()),
            c.createdAt(),
            c.updatedAt(),
            1);
    return store.create(connection);
  }

  private static FailedExecution failure(String executionId) {
    return failure(executionId, Outcome.FAILED);
  }

  private static FailedExecution failure(String executionId, Outcome outcome) {
    FailedExecution f = Failures.load("dify");
    return new FailedExecution(
        f.platform(),
        "tenant-a",
        "c-1",
        new FailedExecution.Workflow("wf-1", "CRM enrichment", null),
        new FailedExecution.Execution(
            executionId,
            "failed",
            outcome,
            "api",
            f.execution().startedAt(),
            f.execution().finishedAt(),
            null,
            null),
        f.error(),
        f.failedSteps(),
        f.delivery(),
        null);
  }

  private static Deadline deadline() {
    return Deadline.after(Duration.ofSeconds(20), Clock.systemUTC());
  }
}
