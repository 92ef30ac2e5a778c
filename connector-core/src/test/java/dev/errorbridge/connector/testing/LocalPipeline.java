package dev.errorbridge.connector.testing;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestination;
import dev.errorbridge.connector.connection.ConnectionDestinations;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.connection.ConnectionWebhook;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.connection.StoredSecret;
import dev.errorbridge.connector.credentials.DefaultConnectionDestinations;
import dev.errorbridge.connector.credentials.DestinationCredentialsProvider;
import dev.errorbridge.connector.engine.ConnectionDelivery;
import dev.errorbridge.connector.engine.DeliveryBookkeeping;
import dev.errorbridge.connector.engine.DeliveryPolicy;
import dev.errorbridge.connector.engine.InlineBookkeeping;
import dev.errorbridge.connector.mapping.DefaultFailedExecutionMapper;
import dev.errorbridge.connector.mapping.MappingOptions;
import dev.errorbridge.connector.publish.DefaultEventBridgeClientFactory;
import dev.errorbridge.connector.publish.DefaultEventPublisher;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.publish.EventBridgeClientFactory;
import dev.errorbridge.connector.publish.PublisherConfig;
import dev.errorbridge.connector.publish.PutEventsErrorClassifier;
import dev.errorbridge.connector.retry.DeadLetterReplayer;
import dev.errorbridge.connector.retry.OutboxSettlements;
import dev.errorbridge.connector.retry.ParkedEventDrainer;
import dev.errorbridge.connector.retry.RetryRoutingDeadLetterStore;
import dev.errorbridge.connector.retry.RetrySchedule;
import dev.errorbridge.connector.secrets.KmsSecretCipher;
import dev.errorbridge.connector.secrets.SecretPurpose;
import dev.errorbridge.connector.secrets.SecretRef;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.store.Outbox;
import dev.errorbridge.connector.store.ParkedEventStore;
import dev.errorbridge.connector.store.dynamodb.DynamoDbConnectionStore;
import dev.errorbridge.connector.store.dynamodb.DynamoDbStores;
import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * One test's connector, wired as production wires it, on a fresh table, a fresh KMS key and a
 * {@link MutableClock} whose sleeper advances it (so publisher backoffs take no real time): the
 * connection store, every DynamoDB store, the KMS cipher, {@link DefaultConnectionDestinations}
 * (AMBIENT connections publish with local-aws's default key), a publisher parking through a {@link
 * RetryRoutingDeadLetterStore}, and the {@link ConnectionDelivery} over them.
 */
public final class LocalPipeline implements AutoCloseable {
  public static final Instant START = Instant.parse("2026-02-03T09:07:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final LocalAwsServices aws;
  private final ErrorbridgeTable table;
  private final DynamoDbStores stores;
  private final DynamoDbConnectionStore connections;
  private final String keyId;
  private final KmsSecretCipher cipher;
  private final DestinationCredentialsProvider credentials;
  private final AtomicReference<AwsCredentialsProvider> credentialsOverride =
      new AtomicReference<>();
  private final ConnectionDestinations destinations;
  private final RetrySchedule schedule;
  private final ParkedEventStore parkingStore;
  private final RetryRoutingDeadLetterStore parking;
  private final DefaultEventPublisher publisher;
  private final ConnectionHealthTracker health;
  private final Outbox outbox;

  /** Three publish attempts, so a throttled bus fails fast without opening the breaker. */
  public LocalPipeline(LocalAwsServices aws) {
    this(aws, RetrySchedule.defaults());
  }

  public LocalPipeline(LocalAwsServices aws, RetrySchedule schedule) {
    this(aws, new Options().schedule(schedule));
  }

  /**
   * @param wrapParking wraps the retry store the publisher parks into (e.g. to make it fail)
   * @param wrapHealthStore wraps the connection store health is saved to (e.g. to make it fail)
   */
  public LocalPipeline(
      LocalAwsServices aws,
      RetrySchedule schedule,
      UnaryOperator<ParkedEventStore> wrapParking,
      UnaryOperator<ConnectionStore> wrapHealthStore) {
    this(
        aws,
        new Options().schedule(schedule).wrapParking(wrapParking).wrapHealthStore(wrapHealthStore));
  }

  /**
   * @param wrapOutbox wraps the outbox that delivery, the intake and the drain use (e.g. to make
   *     its claims fail)
   * @param wrapHealthStore wraps the connection store health is saved to (e.g. to make it fail)
   */
  public static LocalPipeline withOutbox(
      LocalAwsServices aws,
      UnaryOperator<Outbox> wrapOutbox,
      UnaryOperator<ConnectionStore> wrapHealthStore) {
    return new LocalPipeline(
        aws, new Options().wrapOutbox(wrapOutbox).wrapHealthStore(wrapHealthStore));
  }

  /** What a test changes in the pipeline; everything else is wired as production wires it. */
  public static final class Options {
    private RetrySchedule schedule = RetrySchedule.defaults();
    private UnaryOperator<ParkedEventStore> wrapParking = UnaryOperator.identity();
    private UnaryOperator<ConnectionStore> wrapHealthStore = UnaryOperator.identity();
    private UnaryOperator<Outbox> wrapOutbox = UnaryOperator.identity();
    private ExecutionInterceptor interceptor;

    public Options schedule(RetrySchedule value) {
      this.schedule = value;
      return this;
    }

    public Options wrapParking(UnaryOperator<ParkedEventStore> value) {
      this.wrapParking = value;
      return this;
    }

    public Options wrapHealthStore(UnaryOperator<ConnectionStore> value) {
      this.wrapHealthStore = value;
      return this;
    }

    public Options wrapOutbox(UnaryOperator<Outbox> value) {
      this.wrapOutbox = value;
      return this;
    }

    /** Sees every DynamoDB and EventBridge call the pipeline's own clients make. */
    public Options interceptor(ExecutionInterceptor value) {
      this.interceptor = value;
      return this;
    }
  }

  public LocalPipeline(LocalAwsServices aws, Options options) {
    this.aws = aws;
    this.schedule = options.schedule;
    ErrorbridgeTable fresh = aws.dynamoDb().newTable();
    this.table =
        options.interceptor == null
            ? fresh
            : new ErrorbridgeTable(
                intercepted(aws.dynamoDb().client(), options.interceptor), fresh.name());
    this.stores = DynamoDbStores.of(table, clock);
    this.connections = new DynamoDbConnectionStore(table);
    this.parkingStore = options.wrapParking.apply(stores.parkedEvents());
    this.outbox = options.wrapOutbox.apply(stores.outbox());
    this.keyId =
        aws.kms().createKey(r -> r.description("errorbridge secrets")).keyMetadata().keyId();
    this.cipher = new KmsSecretCipher(aws.kms(), keyId, KmsSecretCipher.DEFAULT_CACHE_TTL, clock);
    this.credentials =
        DestinationCredentialsProvider.builder()
            .secretCipher(cipher)
            .runtimeCredentials(LocalAwsServices.RUNTIME_CREDENTIALS)
            .build();
    this.destinations =
        new FailableDestinations(
            new DefaultConnectionDestinations(credentials, aws.localAws().endpoint()),
            credentialsOverride);
    this.parking =
        new RetryRoutingDeadLetterStore(stores.deadLetters(), this.parkingStore, schedule, clock);
    EventBridgeClientFactory clients =
        options.interceptor == null
            ? new DefaultEventBridgeClientFactory()
            : intercepted(options.interceptor);
    this.publisher =
        new DefaultEventPublisher(
            PublisherConfig.builder().clock(clock).sleeper(clock.sleeper()).maxAttempts(3).build(),
            parking,
            clients,
            new PutEventsErrorClassifier());
    this.health =
        new ConnectionHealthTracker(
            options.wrapHealthStore.apply(connections),
            clock,
            ConnectionHealthTracker.DEFAULT_SUSPEND_AFTER);
  }

  private static DynamoDbClient intercepted(DynamoDbClient client, ExecutionInterceptor seen) {
    return DynamoDbClient.builder()
        .endpointOverride(client.serviceClientConfiguration().endpointOverride().orElseThrow())
        .region(client.serviceClientConfiguration().region())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.addExecutionInterceptor(seen))
        .build();
  }

  /**
   * As {@link DefaultEventBridgeClientFactory} builds them (no SDK retries), seen by {@code seen}.
   */
  private static EventBridgeClientFactory intercepted(ExecutionInterceptor seen) {
    return destination ->
        EventBridgeClient.builder()
            .region(destination.region())
            .credentialsProvider(destination.credentials())
            .endpointOverride(destination.endpointOverride())
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(
                o -> o.retryStrategy(b -> b.maxAttempts(1)).addExecutionInterceptor(seen))
            .build();
  }

  public MutableClock clock() {
    return clock;
  }

  public ErrorbridgeTable table() {
    return table;
  }

  public DynamoDbStores stores() {
    return stores;
  }

  public DynamoDbConnectionStore connections() {
    return connections;
  }

  public String keyId() {
    return keyId;
  }

  public KmsSecretCipher cipher() {
    return cipher;
  }

  public ConnectionDestinations destinations() {
    return destinations;
  }

  public RetrySchedule schedule() {
    return schedule;
  }

  /** The retry store as the publisher and the webhook intake park into it (maybe wrapped). */
  public ParkedEventStore parkingStore() {
    return parkingStore;
  }

  public RetryRoutingDeadLetterStore parking() {
    return parking;
  }

  public DefaultEventPublisher publisher() {
    return publisher;
  }

  public ConnectionHealthTracker health() {
    return health;
  }

  /** The outbox delivery, the intake and the drain use (maybe wrapped). */
  public Outbox outbox() {
    return outbox;
  }

  /** From now on every credentials resolution throws {@code failure} ({@code null}: none). */
  public void failCredentials(RuntimeException failure) {
    credentialsOverride.set(
        failure == null
            ? null
            : () -> {
              throw failure;
            });
  }

  /** From now on connections sign with {@code credentials} ({@code null}: their own). */
  public void overrideCredentials(AwsCredentialsProvider credentials) {
    credentialsOverride.set(credentials);
  }

  public ConnectionDelivery delivery() {
    return delivery(new InlineBookkeeping(outbox, health, new OutboxSettlements(schedule), clock));
  }

  /** The delivery, settling through {@code bookkeeping}. */
  public ConnectionDelivery delivery(DeliveryBookkeeping bookkeeping) {
    return new ConnectionDelivery(
        new ConnectionDelivery.Parts(
            destinations,
            new DefaultFailedExecutionMapper(),
            publisher,
            parking,
            health,
            outbox,
            DeliveryPolicy.defaults(),
            clock,
            bookkeeping));
  }

  public ParkedEventDrainer drainer() {
    return new ParkedEventDrainer(
        new ParkedEventDrainer.Parts(
            stores.parkedEvents(),
            outbox,
            connections,
            destinations,
            publisher,
            stores.deadLetters(),
            health,
            schedule,
            DeliveryPolicy.defaults().lease(),
            clock));
  }

  public DeadLetterReplayer replayer() {
    return new DeadLetterReplayer(
        connections,
        stores.deadLetters(),
        stores.parkedEvents(),
        destinations,
        publisher,
        health,
        stores.audit(),
        clock);
  }

  /**
   * Stores an AMBIENT connection to {@value LocalAwsServices#BUS} streaming every outcome, with its
   * webhook secrets encrypted under this pipeline's KMS key.
   *
   * @param secret the webhook secret, or {@code null} for no webhook
   */
  public Connection connection(
      String tenantId,
      String connectionId,
      Platform platform,
      boolean enabled,
      String secret,
      String previousSecret,
      Map<String, String> fieldMapping) {
    ConnectionWebhook webhook =
        new ConnectionWebhook(
            seal(tenantId, connectionId, secret),
            seal(tenantId, connectionId, previousSecret),
            fieldMapping);
    return connections.create(
        new Connection(
            connectionId,
            tenantId,
            platform.id() + " test",
            enabled,
            new ConnectionSource(
                platform,
                null,
                null,
                Set.of(Outcome.FAILED, Outcome.STOPPED, Outcome.PARTIAL),
                Set.of(),
                Map.of()),
            webhook,
            new ConnectionDestination(
                LocalAwsServices.REGION, LocalAwsServices.BUS, new DestinationAuth.Ambient()),
            MappingOptions.defaults(),
            ConnectionHealth.initial(enabled, clock.instant()),
            clock.instant(),
            clock.instant(),
            1));
  }

  /**
   * Gives the stored connection a platform API, as the settings API would: {@code baseUrl}, {@code
   * apiKey} encrypted under this pipeline's KMS key, and {@code options}; a new settings version.
   */
  public Connection platformApi(
      String connectionId, URI baseUrl, String apiKey, Map<String, String> options) {
    Connection current = connections.find(connectionId).orElseThrow();
    SecretValue key = SecretValue.of(apiKey);
    StoredSecret sealed =
        new StoredSecret(
            cipher.encrypt(
                new SecretRef(current.tenantId(), connectionId, SecretPurpose.PLATFORM_API_KEY),
                key),
            key.hint());
    ConnectionSource source = current.source();
    return connections.update(
        new Connection(
            current.id(),
            current.tenantId(),
            current.name(),
            current.enabled(),
            new ConnectionSource(
                source.platform(),
                baseUrl,
                sealed,
                source.outcomes(),
                source.workflowIds(),
                options),
            current.webhook(),
            current.destination(),
            current.mapping(),
            current.health(),
            current.createdAt(),
            clock.instant(),
            current.version()),
        current.version());
  }

  /** {@code plaintext} encrypted for the connection's webhook, or {@code null} for none. */
  public StoredSecret seal(String tenantId, String connectionId, String plaintext) {
    if (plaintext == null) {
      return null;
    }
    SecretValue value = SecretValue.of(plaintext);
    return new StoredSecret(
        cipher.encrypt(new SecretRef(tenantId, connectionId, SecretPurpose.WEBHOOK_SECRET), value),
        value.hint());
  }

  /** Switches the pipeline's KMS key off: decrypting anything not cached fails. */
  public void disableKmsKey() {
    aws.kms().disableKey(r -> r.keyId(keyId));
  }

  @Override
  public void close() {
    publisher.close();
    credentials.close();
  }

  /**
   * Destinations whose credentials can be replaced on demand (failing, as an STS or KMS outage
   * would, or refused keys). One wrapper per real provider, so the publisher keeps its cached
   * client as it does in production.
   */
  private record FailableDestinations(
      ConnectionDestinations delegate,
      AtomicReference<AwsCredentialsProvider> override,
      Map<AwsCredentialsProvider, AwsCredentialsProvider> wrappers)
      implements ConnectionDestinations {
    FailableDestinations(
        ConnectionDestinations delegate, AtomicReference<AwsCredentialsProvider> override) {
      this(delegate, override, new ConcurrentHashMap<>());
    }

    @Override
    public Destination resolve(Connection connection) {
      Destination destination = delegate.resolve(connection);
      AwsCredentialsProvider real = destination.credentials();
      AwsCredentialsProvider failable =
          wrappers.computeIfAbsent(
              real,
              r ->
                  () -> {
                    AwsCredentialsProvider replaced = override.get();
                    return replaced != null
                        ? replaced.resolveCredentials()
                        : r.resolveCredentials();
                  });
      return new Destination(
          destination.tenantId(),
          destination.connectionId(),
          destination.region(),
          destination.eventBusName(),
          failable,
          destination.endpointOverride());
    }

    @Override
    public void invalidate(String connectionId) {
      delegate.invalidate(connectionId);
    }
  }
}
