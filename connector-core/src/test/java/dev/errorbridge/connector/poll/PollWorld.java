package dev.errorbridge.connector.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestinations;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.connection.ConnectionWebhook;
import dev.errorbridge.connector.connection.StoredSecret;
import dev.errorbridge.connector.engine.ConnectionDelivery;
import dev.errorbridge.connector.engine.DeliveryPolicy;
import dev.errorbridge.connector.engine.DeliveryResult;
import dev.errorbridge.connector.engine.InlineBookkeeping;
import dev.errorbridge.connector.mapping.DefaultFailedExecutionMapper;
import dev.errorbridge.connector.mapping.EventIds;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.mapping.MappingOptions;
import dev.errorbridge.connector.publish.DefaultEventPublisher;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.publish.EventPublisher;
import dev.errorbridge.connector.publish.PublishReport;
import dev.errorbridge.connector.publish.PublisherConfig;
import dev.errorbridge.connector.retry.OutboxSettlements;
import dev.errorbridge.connector.retry.ParkedEventDrainer;
import dev.errorbridge.connector.retry.RetrySchedule;
import dev.errorbridge.connector.secrets.KmsSecretCipher;
import dev.errorbridge.connector.secrets.SecretPurpose;
import dev.errorbridge.connector.secrets.SecretRef;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.source.SourceTestKit;
import dev.errorbridge.connector.store.Outbox;
import dev.errorbridge.connector.store.dynamodb.DynamoDbConnectionStore;
import dev.errorbridge.connector.store.dynamodb.DynamoDbStores;
import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import dev.errorbridge.connector.testing.BrokenStores;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.testing.TestConnections;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.localaws.events.DeliveredEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * One test's world, wired as production wires it: WireMock platforms → {@link DefaultPollEngine}
 * (real sources, a KMS-encrypted platform key) → {@link ConnectionDelivery} (DynamoDB Local dedup,
 * connection store, dead letters) → local-aws bus → rule → recording target. The clock starts at
 * the source fixtures' time and only moves when a test moves it (or a backoff "sleeps").
 */
final class PollWorld implements AutoCloseable {
  static final Instant NOW = SourceTestKit.NOW;
  static final String TENANT = SourceTestKit.TENANT;
  static final SecretValue KEY = SourceTestKit.KEY;
  private static final ObjectMapper JSON = new ObjectMapper();

  final PollInfra infra;
  final MutableClock clock = new MutableClock(NOW);
  final ErrorbridgeTable table;
  final DynamoDbStores stores;
  final DynamoDbConnectionStore connections;
  final KmsSecretCipher cipher;
  final DefaultEventPublisher publisher;
  final ConnectionDelivery connectionDelivery;
  final PollSources sources;
  final PollConfig config;

  /** What the destination's credentials do; tests swap it to make them unavailable. */
  volatile AwsCredentialsProvider credentials = PollInfra.KEYS;

  /** While set, the dedup store cannot say which events were published (its batch read fails). */
  final AtomicBoolean dedupReadBroken = new AtomicBoolean();

  /** Wraps every delivery; tests replace it to watch or interrupt a cycle between pages. */
  volatile UnaryOperator<FailureDelivery> deliveryHook = UnaryOperator.identity();

  PollWorld(PollInfra infra) {
    this(infra, PollConfig.defaults(), PublisherConfig.builder());
  }

  PollWorld(PollInfra infra, PollConfig config, PublisherConfig.Builder publisherConfig) {
    this.infra = infra;
    this.config = config;
    infra.localAws.deliveries().clear();
    infra.localAws.faults().clear();
    table = infra.dynamoDb.newTable();
    stores = DynamoDbStores.of(table, clock);
    connections = new DynamoDbConnectionStore(table);
    cipher = new KmsSecretCipher(infra.kms, infra.keyId, KmsSecretCipher.DEFAULT_CACHE_TTL, clock);
    publisher =
        new DefaultEventPublisher(
            publisherConfig.clock(clock).sleeper(clock.sleeper()).build(), stores.deadLetters());
    Outbox outbox =
        BrokenStores.outboxFails(
            stores.outbox(), dedupReadBroken, BrokenStores.OutboxOperation.LIVE_AMONG);
    connectionDelivery =
        new ConnectionDelivery(
            new ConnectionDelivery.Parts(
                destinations(),
                new DefaultFailedExecutionMapper(),
                publisher,
                stores.deadLetters(),
                tracker(),
                outbox,
                DeliveryPolicy.defaults(),
                clock,
                new InlineBookkeeping(
                    outbox, tracker(), new OutboxSettlements(RetrySchedule.defaults()), clock)));
    sources =
        new PollSources(
            new DefaultFailureSourceFactory(SourceTestKit.http(), clock, clock.sleeper()), cipher);
  }

  ConnectionHealthTracker tracker() {
    return new ConnectionHealthTracker(
        connections, clock, ConnectionHealthTracker.DEFAULT_SUSPEND_AFTER);
  }

  /** The delivery the engine uses: ConnectionDelivery behind the test's hook. */
  FailureDelivery delivery() {
    FailureDelivery real = FailureDelivery.of(connectionDelivery);
    return new FailureDelivery() {
      @Override
      public DeliveryResult deliver(
          Connection connection, List<FailedExecution> failures, Deadline deadline) {
        return deliveryHook.apply(real).deliver(connection, failures, deadline);
      }

      @Override
      public Set<String> published(Connection connection, List<String> executionIds) {
        return deliveryHook.apply(real).published(connection, executionIds);
      }
    };
  }

  DefaultPollEngine engine() {
    return DefaultPollEngine.builder()
        .checkpoints(stores.checkpoints())
        .connections(connections)
        .sources(sources)
        .delivery(delivery())
        .health(tracker())
        .config(config)
        .clock(clock)
        .build();
  }

  Backfill backfill() {
    return new Backfill(sources, delivery(), connections, config, clock);
  }

  PollScheduler scheduler() {
    return new PollScheduler(connections, stores.checkpoints(), config, clock);
  }

  /** What kills a simulated worker: an error no catch block of the engine handles. */
  static final class WorkerKilled extends Error {
    WorkerKilled() {
      super("the worker's process was killed");
    }
  }

  /**
   * Delivers {@code page} as production does up to the claim, then "kills the process": the page's
   * events are claimed and in the outbox, and nothing was published or settled.
   */
  void killBeforePublishing(Connection connection, List<FailedExecution> page, Deadline deadline) {
    EventPublisher dying =
        new EventPublisher() {
          @Override
          public PublishReport publish(
              Destination destination, List<MappedEvent> events, Deadline until) {
            throw new WorkerKilled();
          }

          @Override
          public void invalidate(String connectionId) {}

          @Override
          public void close() {}
        };
    new ConnectionDelivery(
            new ConnectionDelivery.Parts(
                destinations(),
                new DefaultFailedExecutionMapper(),
                dying,
                stores.deadLetters(),
                tracker(),
                stores.outbox(),
                DeliveryPolicy.defaults(),
                clock,
                (c, report) -> {}))
        .deliver(connection, page, deadline);
  }

  /** The retry worker over this world's outbox and publisher. */
  ParkedEventDrainer drainer() {
    return new ParkedEventDrainer(
        new ParkedEventDrainer.Parts(
            stores.parkedEvents(),
            stores.outbox(),
            connections,
            destinations(),
            publisher,
            stores.deadLetters(),
            tracker(),
            RetrySchedule.defaults(),
            Duration.ofMinutes(1),
            clock));
  }

  /** One cycle of the stored connection {@code id}, with ten minutes to run. */
  PollCycleReport poll(String id) {
    return engine().poll(connection(id), deadline(Duration.ofMinutes(10)));
  }

  Deadline deadline(Duration budget) {
    return Deadline.after(budget, clock);
  }

  Connection connection(String id) {
    return connections.find(id).orElseThrow();
  }

  Checkpoint checkpoint(String id) {
    return stores.checkpoints().load(id).orElseThrow();
  }

  /**
   * Stores an enabled connection to {@code platform} at {@code server} under {@code /<id>}, with
   * the platform key encrypted by KMS.
   */
  Connection create(
      String id,
      Platform platform,
      WireMockExtension server,
      Set<Outcome> outcomes,
      Map<String, String> options) {
    URI base =
        URI.create(
            SourceTestKit.origin(server) + "/" + id + (platform == Platform.DIFY ? "/v1" : ""));
    StoredSecret key =
        new StoredSecret(
            cipher.encrypt(new SecretRef(TENANT, id, SecretPurpose.PLATFORM_API_KEY), KEY),
            KEY.hint());
    Instant now = clock.instant();
    return connections.create(
        new Connection(
            id,
            TENANT,
            platform.id() + " production",
            true,
            new ConnectionSource(platform, base, key, outcomes, Set.of(), options),
            ConnectionWebhook.none(),
            TestConnections.dify(TENANT, id).destination(),
            MappingOptions.defaults(),
            ConnectionHealth.initial(true, now),
            now,
            now,
            1));
  }

  /** Replaces the stored connection's settings (toggle, source), as the settings API would. */
  Connection update(String id, UnaryOperator<Connection> change) {
    Connection current = connection(id);
    Connection changed = change.apply(current);
    Connection next =
        new Connection(
            changed.id(),
            changed.tenantId(),
            changed.name(),
            changed.enabled(),
            changed.source(),
            changed.webhook(),
            changed.destination(),
            changed.mapping(),
            changed.enabled() == current.enabled()
                ? current.health()
                : ConnectionHealth.initial(changed.enabled(), clock.instant()),
            changed.createdAt(),
            clock.instant(),
            current.version());
    Connection stored = connections.update(next, current.version());
    if (changed.enabled() != current.enabled()) {
      connections.saveHealth(id, next.health());
    }
    return stored;
  }

  /** The events the rule delivered to the recording target, in delivery order. */
  List<JsonNode> events() {
    return infra.localAws.deliveries().forTarget(PollInfra.INBOX).stream()
        .map(DeliveredEvent::envelope)
        .map(PollWorld::parse)
        .toList();
  }

  /** The execution ids of {@link #events()}. */
  List<String> deliveredExecutionIds() {
    return events().stream().map(e -> e.at("/detail/execution/id").asText()).toList();
  }

  /** The event id the failure of {@code executionId} on connection {@code id} gets. */
  static String eventId(String id, Platform platform, String executionId) {
    return EventIds.of(TENANT, id, platform, executionId);
  }

  private ConnectionDestinations destinations() {
    return new ConnectionDestinations() {
      @Override
      public Destination resolve(Connection c) {
        AwsCredentialsProvider current = credentials;
        return new Destination(
            c.tenantId(),
            c.id(),
            Region.EU_WEST_1,
            PollInfra.BUS,
            current,
            infra.localAws.endpoint());
      }

      @Override
      public void invalidate(String connectionId) {}
    };
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    publisher.close();
  }
}
