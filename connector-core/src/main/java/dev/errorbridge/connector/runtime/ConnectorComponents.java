package dev.errorbridge.connector.runtime;

import dev.errorbridge.connector.connection.ConnectionDestinations;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.credentials.DefaultConnectionDestinations;
import dev.errorbridge.connector.credentials.DefaultStsClientFactory;
import dev.errorbridge.connector.credentials.DestinationCredentialsProvider;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.engine.BackgroundBookkeeping;
import dev.errorbridge.connector.engine.ConnectionDelivery;
import dev.errorbridge.connector.engine.DeliveryBookkeeping;
import dev.errorbridge.connector.engine.DeliveryPolicy;
import dev.errorbridge.connector.engine.InlineBookkeeping;
import dev.errorbridge.connector.mapping.ConnectionTestEvents;
import dev.errorbridge.connector.mapping.DefaultFailedExecutionMapper;
import dev.errorbridge.connector.partner.PartnerConnectionDestinations;
import dev.errorbridge.connector.partner.PartnerEventSources;
import dev.errorbridge.connector.partner.PartnerMode;
import dev.errorbridge.connector.partner.PartnerSourceLifecycle;
import dev.errorbridge.connector.partner.PartnerSourceReadiness;
import dev.errorbridge.connector.platform.EnricherContext;
import dev.errorbridge.connector.platform.registry.PlatformRegistry;
import dev.errorbridge.connector.poll.CheckpointStore;
import dev.errorbridge.connector.poll.DefaultFailureSourceFactory;
import dev.errorbridge.connector.poll.SourceConnections;
import dev.errorbridge.connector.publish.DefaultEventBridgeClientFactory;
import dev.errorbridge.connector.publish.DefaultEventPublisher;
import dev.errorbridge.connector.publish.PublisherConfig;
import dev.errorbridge.connector.retry.DeadLetterReplayer;
import dev.errorbridge.connector.retry.OutboxSettlements;
import dev.errorbridge.connector.retry.ParkedEventDrainer;
import dev.errorbridge.connector.retry.RetryRoutingDeadLetterStore;
import dev.errorbridge.connector.retry.RetrySchedule;
import dev.errorbridge.connector.secrets.KmsSecretCipher;
import dev.errorbridge.connector.settings.BaseUrlPolicy;
import dev.errorbridge.connector.settings.ConnectionService;
import dev.errorbridge.connector.settings.ConnectionTester;
import dev.errorbridge.connector.settings.HostResolver;
import dev.errorbridge.connector.settings.WebhookBaseUrl;
import dev.errorbridge.connector.settings.api.SettingsApi;
import dev.errorbridge.connector.source.http.GuardedHttpClient;
import dev.errorbridge.connector.store.ParkedEventStore;
import dev.errorbridge.connector.store.dynamodb.DynamoDbConnectionStore;
import dev.errorbridge.connector.store.dynamodb.DynamoDbPageCursorKey;
import dev.errorbridge.connector.store.dynamodb.DynamoDbStores;
import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import dev.errorbridge.connector.webhook.DefaultWebhookEnricher;
import dev.errorbridge.connector.webhook.StoreWebhookConnections;
import dev.errorbridge.connector.webhook.WebhookIntake;
import dev.errorbridge.connector.webhook.WebhookReceiver;
import dev.errorbridge.connector.webhook.WebhookReceiverConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The object graph every deployment shares (the Lambda handlers, the standalone server):
 * Errorbridge's own AWS clients, the stores, the secret cipher, destinations, the publisher,
 * delivery, and the settings service with its HTTP API. Building it opens no tenant connection and
 * decrypts nothing, so it is safe in a Lambda init phase that SnapStart snapshots.
 */
public final class ConnectorComponents implements AutoCloseable {
  private final SdkHttpClient http;
  private final DynamoDbClient dynamoDb;
  private final KmsClient kms;
  private final ErrorbridgeTable table;
  private final DynamoDbStores stores;
  private final DynamoDbConnectionStore connections;
  private final KmsSecretCipher cipher;
  private final DefaultStsClientFactory stsClients;
  private final DestinationCredentialsProvider credentials;
  private final ConnectionDestinations destinations;
  private final PartnerEventSources partnerSources;
  private final RetryRoutingDeadLetterStore parking;
  private final DefaultEventPublisher publisher;
  private final ConnectionHealthTracker health;
  private final BackgroundBookkeeping background;
  private final ExecutorService backgroundPublishing;
  private final ConnectionDelivery delivery;
  private final PlatformHttp platformHttp;
  private final ConnectionService settings;
  private final SettingsApi settingsApi;
  private final WebhookIntake webhooks;
  private final ParkedEventDrainer drainer;
  private final DeadLetterReplayer replayer;

  /** Where delivery records what follows a publish (dedup records, health counters). */
  public enum Bookkeeping {
    /** On the delivering thread, before it returns: for Lambda, whose sandbox freezes after. */
    INLINE,
    /**
     * On one background thread ({@link BackgroundBookkeeping}), drained on {@link #close()}: for a
     * long-lived process, whose webhooks are then answered two store writes sooner.
     */
    BACKGROUND
  }

  /** With {@link Bookkeeping#INLINE}. */
  public ConnectorComponents(
      RuntimeSettings settings, AwsCredentialsProvider errorbridgeCredentials, Clock clock) {
    this(settings, errorbridgeCredentials, clock, Bookkeeping.INLINE);
  }

  /**
   * @param settings where state lives and which endpoints to call
   * @param errorbridgeCredentials Errorbridge's own identity (the Lambda role, the server's chain)
   * @param clock the clock every component uses
   * @param bookkeeping where delivery's post-publish writes run
   */
  public ConnectorComponents(
      RuntimeSettings settings,
      AwsCredentialsProvider errorbridgeCredentials,
      Clock clock,
      Bookkeeping bookkeeping) {
    this.http = UrlConnectionHttpClient.builder().build();
    this.dynamoDb =
        ownClient(
            DynamoDbClient.builder(),
            settings.dynamoDbEndpoint(),
            settings,
            errorbridgeCredentials);
    this.kms =
        ownClient(KmsClient.builder(), settings.awsEndpoint(), settings, errorbridgeCredentials);
    this.table = new ErrorbridgeTable(dynamoDb, settings.tableName());
    DeliveryPolicy deliveryPolicy = settings.deliveryPolicy();
    this.stores = DynamoDbStores.of(table, clock, deliveryPolicy.dedupTtl());
    this.connections = new DynamoDbConnectionStore(table);
    this.cipher =
        new KmsSecretCipher(kms, settings.kmsKeyId(), KmsSecretCipher.DEFAULT_CACHE_TTL, clock);
    this.stsClients = new DefaultStsClientFactory(errorbridgeCredentials, settings.awsEndpoint());
    this.credentials =
        DestinationCredentialsProvider.builder()
            .secretCipher(cipher)
            .runtimeCredentials(errorbridgeCredentials)
            .stsClients(stsClients)
            .build();
    // PARTNER_EVENT_SOURCE connections publish with Errorbridge's own identity, once associated.
    PartnerMode partnerMode = settings.destinationPolicy().partner();
    this.partnerSources =
        new PartnerEventSources(errorbridgeCredentials, settings.awsEndpoint(), http);
    PartnerSourceReadiness readiness =
        new PartnerSourceReadiness(
            partnerSources, partnerMode, PartnerSourceReadiness.DEFAULT_TTL, clock);
    this.destinations =
        new PartnerConnectionDestinations(
            new DefaultConnectionDestinations(credentials, settings.awsEndpoint()), readiness);
    // Transient failures go to the retry store (drained later), permanent ones to dead letters.
    this.parking =
        new RetryRoutingDeadLetterStore(
            stores.deadLetters(), stores.parkedEvents(), RetrySchedule.defaults(), clock);
    this.publisher =
        new DefaultEventPublisher(PublisherConfig.builder().clock(clock).build(), parking);
    this.health =
        new ConnectionHealthTracker(
            connections, clock, ConnectionHealthTracker.DEFAULT_SUSPEND_AFTER, stores.audit());
    OutboxSettlements settlements = new OutboxSettlements(RetrySchedule.defaults());
    // A long-lived process answers webhooks within their budget and lets a publish still running
    // then finish in the background; a Lambda sandbox freezes after answering, so it never does.
    this.backgroundPublishing =
        bookkeeping == Bookkeeping.BACKGROUND ? BackgroundPublishing.create() : null;
    this.background =
        bookkeeping == Bookkeeping.BACKGROUND
            ? new BackgroundBookkeeping(
                stores.outbox(),
                health,
                settlements,
                clock,
                BackgroundBookkeeping.Tuning.defaults())
            : null;
    DeliveryBookkeeping deliveryBookkeeping =
        background != null
            ? background
            : new InlineBookkeeping(stores.outbox(), health, settlements, clock);
    this.delivery =
        new ConnectionDelivery(
            new ConnectionDelivery.Parts(
                destinations,
                new DefaultFailedExecutionMapper(),
                publisher,
                parking,
                health,
                stores.outbox(),
                deliveryPolicy,
                clock,
                deliveryBookkeeping),
            backgroundPublishing);
    BaseUrlPolicy baseUrls =
        BaseUrlPolicy.of(HostResolver.SYSTEM, settings.allowedHosts(), settings.allowedNetworks());
    this.platformHttp = new PlatformHttp(baseUrls);
    this.settings =
        ConnectionService.builder()
            .store(connections)
            .cipher(cipher)
            .tester(
                new ConnectionTester(
                    destinations,
                    new DefaultEventBridgeClientFactory(http),
                    new ConnectionTestEvents(clock)))
            .destinations(destinations)
            .partnerSources(
                partnerMode.enabled()
                    ? new PartnerSourceLifecycle(partnerSources, readiness, clock)
                    : PartnerSourceLifecycle.none())
            .audit(stores.audit())
            .destinationPolicy(settings.destinationPolicy())
            .baseUrlPolicy(baseUrls)
            // One key for every process of the deployment, so any of them opens another's cursor.
            .pageCursorKey(new DynamoDbPageCursorKey(table, cipher))
            .onCredentialsChanged(publisher::invalidate)
            .clock(clock)
            .build();
    Optional<WebhookBaseUrl> webhookBase = Optional.ofNullable(settings.webhookBaseUrl());
    this.settingsApi =
        new SettingsApi(this.settings, stores.parkedEvents()::count)
            .withWebhookBase(() -> webhookBase)
            .withAccessLinks(settings.accessLinks());
    this.webhooks =
        new WebhookIntake(
            new WebhookIntake.Parts(
                new WebhookReceiver(
                    new StoreWebhookConnections(connections, cipher),
                    // Recorded in the event's claim transaction: one conditional write per webhook.
                    stores.replayGuard().joiningClaims(),
                    WebhookReceiverConfig.defaults(clock)),
                connections,
                delivery,
                stores.outbox(),
                stores.deadLetters(),
                new DefaultFailedExecutionMapper(),
                RetrySchedule.defaults(),
                clock,
                // Alloy webhooks on connections with an API key get the poller's execution id.
                new DefaultWebhookEnricher(
                    PlatformRegistry.builtIn(),
                    new EnricherContext(new SourceConnections(cipher), platformHttp::get, clock))),
            WebhookIntake.DEFAULT_PUBLISH_BUDGET,
            backgroundPublishing != null
                ? BackgroundPublishing.WEBHOOK_PUBLISH_WINDOW
                : WebhookIntake.DEFAULT_PUBLISH_BUDGET);
    this.drainer =
        new ParkedEventDrainer(
            new ParkedEventDrainer.Parts(
                stores.parkedEvents(),
                stores.outbox(),
                connections,
                destinations,
                publisher,
                stores.deadLetters(),
                health,
                RetrySchedule.defaults(),
                deliveryPolicy.lease(),
                clock));
    this.replayer =
        new DeadLetterReplayer(
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
   * The client for the workflow platforms' APIs (pollers, Alloy webhook enrichment): {@link
   * DefaultFailureSourceFactory#defaultHttpClient()} behind a {@link GuardedHttpClient} that
   * applies the base URL rules to each request's host as it resolves now. Made on first use, so
   * building the graph (a Lambda's init phase) starts no client threads.
   */
  public HttpClient platformHttpClient() {
    return platformHttp.get();
  }

  /** The platform client, made once on first use. */
  private static final class PlatformHttp {
    private final BaseUrlPolicy baseUrls;
    private HttpClient client;

    PlatformHttp(BaseUrlPolicy baseUrls) {
      this.baseUrls = baseUrls;
    }

    synchronized HttpClient get() {
      if (client == null) {
        client =
            new GuardedHttpClient(
                DefaultFailureSourceFactory.defaultHttpClient(), baseUrls::checkHost);
      }
      return client;
    }
  }

  /**
   * A client of Errorbridge's own account: its region, credentials and this process's HTTP client,
   * at {@code endpoint} when one is set (local-aws, DynamoDB Local).
   */
  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C ownClient(
      B builder, URI endpoint, RuntimeSettings settings, AwsCredentialsProvider credentials) {
    builder.region(settings.region()).credentialsProvider(credentials).httpClient(http);
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  public ErrorbridgeTable table() {
    return table;
  }

  public DynamoDbStores stores() {
    return stores;
  }

  /** The poll checkpoints, for an edge's poll engine and scheduler. */
  public CheckpointStore checkpoints() {
    return stores.checkpoints();
  }

  /** The dead letters, for replay and the operator's counts. */
  public DeadLetterStore deadLetters() {
    return stores.deadLetters();
  }

  /** The webhook events parked for a retry, for the operator's counts. */
  public ParkedEventStore parkedEvents() {
    return stores.parkedEvents();
  }

  public DynamoDbConnectionStore connections() {
    return connections;
  }

  public KmsSecretCipher cipher() {
    return cipher;
  }

  public ConnectionDestinations destinations() {
    return destinations;
  }

  public DefaultEventPublisher publisher() {
    return publisher;
  }

  public ConnectionHealthTracker health() {
    return health;
  }

  public ConnectionDelivery delivery() {
    return delivery;
  }

  public ConnectionService settings() {
    return settings;
  }

  public SettingsApi settingsApi() {
    return settingsApi;
  }

  /** Receives webhooks: verify, parse, deliver or park, answer. */
  public WebhookIntake webhooks() {
    return webhooks;
  }

  /** Sends parked events again when they are due. */
  public ParkedEventDrainer drainer() {
    return drainer;
  }

  /** Replays a connection's dead letters on request. */
  public DeadLetterReplayer replayer() {
    return replayer;
  }

  @Override
  public void close() {
    if (backgroundPublishing != null) {
      BackgroundPublishing.finish(backgroundPublishing); // its settles go to the bookkeeping
    }
    if (background != null) {
      background.close(); // its writes need the DynamoDB client
    }
    publisher.close();
    partnerSources.close();
    credentials.close();
    stsClients.close();
    kms.close();
    dynamoDb.close();
    http.close();
  }
}
