package dev.errorbridge.bench;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestination;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.connection.ConnectionWebhook;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.connection.StoredSecret;
import dev.errorbridge.connector.credentials.DefaultConnectionDestinations;
import dev.errorbridge.connector.credentials.DefaultStsClientFactory;
import dev.errorbridge.connector.credentials.DestinationCredentialsProvider;
import dev.errorbridge.connector.engine.ConnectionDelivery;
import dev.errorbridge.connector.engine.DeliveryPolicy;
import dev.errorbridge.connector.engine.InlineBookkeeping;
import dev.errorbridge.connector.mapping.DefaultFailedExecutionMapper;
import dev.errorbridge.connector.mapping.MappingOptions;
import dev.errorbridge.connector.poll.DefaultFailureSourceFactory;
import dev.errorbridge.connector.poll.DefaultPollEngine;
import dev.errorbridge.connector.poll.DeliveryCounts;
import dev.errorbridge.connector.poll.FailureDelivery;
import dev.errorbridge.connector.poll.PollConfig;
import dev.errorbridge.connector.poll.PollRunReport;
import dev.errorbridge.connector.poll.PollRunner;
import dev.errorbridge.connector.poll.PollScheduler;
import dev.errorbridge.connector.poll.PollSources;
import dev.errorbridge.connector.poll.PollStatus;
import dev.errorbridge.connector.publish.DefaultEventPublisher;
import dev.errorbridge.connector.publish.PublisherConfig;
import dev.errorbridge.connector.retry.OutboxSettlements;
import dev.errorbridge.connector.retry.RetrySchedule;
import dev.errorbridge.connector.secrets.KmsSecretCipher;
import dev.errorbridge.connector.secrets.SecretPurpose;
import dev.errorbridge.connector.secrets.SecretRef;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.store.dynamodb.DynamoDbConnectionStore;
import dev.errorbridge.connector.store.dynamodb.DynamoDbStores;
import dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.connector.time.Sleeper;
import dev.errorbridge.localaws.AccountCredentials;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.dynamodb.DynamoDbLocal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * One poll cycle over many connections, everything on loopback in this JVM: WireMock serving Dify
 * and Runflow ({@link BenchPlatforms}), the poll engine with its production parts (KMS-decrypted
 * platform keys, {@code ConnectionDelivery} with dedup, the publisher, access keys decrypted by
 * KMS), DynamoDB Local for every store, local-aws for EventBridge and KMS.
 *
 * <p>Cycle 1 warms everything up (sources built, keys decrypted, SDK clients created, JIT) and
 * publishes each connection's first 1–3 failures; cycle 2 is measured: each connection's window
 * holds those again (duplicates after the lookback overlap, skipped before their details are read)
 * and 1–3 new ones. Half the connections are Dify, half Runflow; one in four pages by 2 rows, the
 * rest use the platforms' default page sizes. Usage: {@code PollCycleLoad <connections>
 * <parallelism>}.
 */
public final class PollCycleLoad {
  private static final String BUS = "bench-errors";
  private static final String TENANT = "bench-tenant";
  private static final String CUSTOMER_KEY = "AKIABENCHCUSTOMER001";
  private static final String CUSTOMER_SECRET = "bench-customer-secret-0000000000000000001";

  private PollCycleLoad() {}

  public static void main(String[] args) {
    int status = 1;
    try {
      run(args);
      status = 0;
    } catch (RuntimeException e) {
      e.printStackTrace();
    }
    // DynamoDB Local leaves a non-daemon job thread (ShardRolloverJobScheduler) sleeping after
    // close.
    System.exit(status);
  }

  private static void run(String[] args) {
    int count = Integer.parseInt(args[0]);
    int parallelism = Integer.parseInt(args[1]);
    Clock clock = Clock.systemUTC();
    BenchPlatforms platforms = new BenchPlatforms(clock.instant().minus(Duration.ofMinutes(30)));
    WireMockServer wireMock =
        new WireMockServer(
            wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(32)
                .disableRequestJournal()
                .extensions(platforms));
    wireMock.start();
    wireMock.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.ok()));
    try (LocalAws localAws = LocalAws.start();
        DynamoDbLocal dynamoDbLocal = DynamoDbLocal.startInMemory();
        DynamoDbClient dynamoDb = dynamoDb(dynamoDbLocal.endpoint());
        KmsClient kms = kms(localAws.endpoint())) {
      localAws.registerCredentials(
          new AccountCredentials(CUSTOMER_KEY, CUSTOMER_SECRET, "000000000000"));
      try (EventBridgeClient admin = eventBridge(localAws.endpoint())) {
        admin.createEventBus(b -> b.name(BUS));
      }
      String keyId = kms.createKey(r -> r.description("bench")).keyMetadata().keyId();
      KmsSecretCipher cipher = new KmsSecretCipher(kms, keyId);
      ErrorbridgeTable table = new ErrorbridgeTable(dynamoDb, "errorbridge").createIfMissing();
      DynamoDbStores stores = DynamoDbStores.of(table, clock);
      DynamoDbConnectionStore connections = new DynamoDbConnectionStore(table);
      String origin = "http://127.0.0.1:" + wireMock.port();
      long setupStarted = System.nanoTime();
      for (int i = 0; i < count; i++) {
        connections.create(connection(i, origin, cipher, clock.instant()));
      }
      System.out.printf(
          "setup: %d connections stored in %.1f s%n",
          count, (System.nanoTime() - setupStarted) / 1e9);

      ConnectionHealthTracker health =
          new ConnectionHealthTracker(
              connections, clock, ConnectionHealthTracker.DEFAULT_SUSPEND_AFTER);
      try (DefaultEventPublisher publisher =
              new DefaultEventPublisher(
                  PublisherConfig.builder().requestsPerSecond(1_000).build(),
                  stores.deadLetters());
          DestinationCredentialsProvider credentials =
              DestinationCredentialsProvider.builder()
                  .secretCipher(cipher)
                  .stsClients(
                      new DefaultStsClientFactory(
                          StaticCredentialsProvider.create(
                              AwsBasicCredentials.create("test", "test")),
                          localAws.endpoint()))
                  .build()) {
        ConnectionDelivery delivery =
            new ConnectionDelivery(
                new ConnectionDelivery.Parts(
                    new DefaultConnectionDestinations(credentials, localAws.endpoint()),
                    new DefaultFailedExecutionMapper(),
                    publisher,
                    stores.deadLetters(),
                    health,
                    stores.outbox(),
                    DeliveryPolicy.defaults(),
                    clock,
                    new InlineBookkeeping(
                        stores.outbox(),
                        health,
                        new OutboxSettlements(RetrySchedule.defaults()),
                        clock)));
        PollConfig config = PollConfig.defaults();
        DefaultPollEngine engine =
            DefaultPollEngine.builder()
                .checkpoints(stores.checkpoints())
                .connections(connections)
                .sources(
                    new PollSources(
                        new DefaultFailureSourceFactory(
                            DefaultFailureSourceFactory.defaultHttpClient(), clock, Sleeper.SYSTEM),
                        cipher))
                .delivery(FailureDelivery.of(delivery))
                .health(health)
                .config(config)
                .clock(clock)
                .build();
        PollScheduler scheduler =
            new PollScheduler(connections, stores.checkpoints(), config, clock);
        try (PollRunner runner = new PollRunner(engine, parallelism, clock)) {
          cycle("warm-up", 1, count, platforms, scheduler, runner, clock);
          // the next cycle is due one interval after the last one ended: pretend it has passed
          Clock later = Clock.offset(clock, config.defaultInterval());
          PollScheduler nextTick =
              new PollScheduler(connections, stores.checkpoints(), config, later);
          Result measured = cycle("measured", 2, count, platforms, nextTick, runner, clock);
          System.out.printf(
              "RESULT connections_per_s=%.1f requests_per_connection=%.2f%n",
              measured.connectionsPerSecond(), measured.requestsPerConnection());
        }
      }
    } finally {
      wireMock.stop();
    }
  }

  private record Result(double connectionsPerSecond, double requestsPerConnection) {}

  private static Result cycle(
      String name,
      int cycle,
      int count,
      BenchPlatforms platforms,
      PollScheduler scheduler,
      PollRunner runner,
      Clock clock) {
    platforms.nextCycle();
    platforms.takeRequests();
    long scheduleStarted = System.nanoTime();
    List<Connection> due = scheduler.due(0, ConnectionStore.SHARDS);
    double scheduleSeconds = (System.nanoTime() - scheduleStarted) / 1e9;
    long cpuStarted = processCpuNanos();
    long started = System.nanoTime();
    PollRunReport report = runner.run(due, Deadline.after(Duration.ofMinutes(10), clock));
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpuStarted) / 1e9;
    long requests = platforms.takeRequests();
    DeliveryCounts counts = report.counts();
    int expectedNew = 0;
    int expectedKnown = 0; // every earlier cycle's failures, published already
    for (int i = 0; i < count; i++) {
      expectedNew += BenchPlatforms.newFailures(i, cycle);
      for (int earlier = 1; earlier < cycle; earlier++) {
        expectedKnown += BenchPlatforms.newFailures(i, earlier);
      }
    }
    System.out.printf(
        "%s: due=%d (scheduler %.2f s) complete=%d in %.2f s, process CPU %.1f s (%.1f ms per"
            + " connection, every server included); platform requests=%d (engine counted %d);"
            + " failures found=%d delivered=%d duplicates=%d (skipped before their details %d)"
            + " parked=%d (expected %d new, %d published before)%n",
        name,
        due.size(),
        scheduleSeconds,
        report.count(PollStatus.COMPLETE),
        seconds,
        cpuSeconds,
        cpuSeconds * 1000 / count,
        requests,
        report.requests(),
        counts.found(),
        counts.delivered(),
        counts.duplicates(),
        counts.skippedBeforeDetail(),
        counts.parked(),
        expectedNew,
        expectedKnown);
    if (due.size() != count
        || report.count(PollStatus.COMPLETE) != count
        || counts.delivered() != expectedNew
        || counts.duplicates() != expectedKnown
        || counts.skippedBeforeDetail() != expectedKnown
        || counts.parked() != 0) {
      report.cycles().stream()
          .filter(c -> c.status() != PollStatus.COMPLETE)
          .limit(5)
          .forEach(
              c ->
                  System.out.println(
                      "  " + c.connectionId() + " " + c.status() + ": " + c.message()));
      throw new IllegalStateException(
          name
              + " cycle did not poll and deliver everything, or read the detail of a failure"
              + " published before");
    }
    return new Result(count / seconds, (double) requests / count);
  }

  /**
   * CPU time of this whole JVM: the engine and the in-process WireMock, DynamoDB Local, local-aws.
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static Connection connection(int i, String origin, KmsSecretCipher cipher, Instant now) {
    String id = "c" + i;
    boolean dify = i % 2 == 0;
    Platform platform = dify ? Platform.DIFY : Platform.RUNFLOW;
    // one connection in four (a Dify and a Runflow one in every eight) reads pages of two rows
    boolean paged = i % 8 < 2;
    Map<String, String> options = new java.util.HashMap<>();
    if (dify) {
      options.put("appId", "app-" + i);
    }
    if (paged) {
      options.put("pageSize", "2");
    }
    StoredSecret platformKey =
        new StoredSecret(
            cipher.encrypt(
                new SecretRef(TENANT, id, SecretPurpose.PLATFORM_API_KEY),
                SecretValue.of("platform-key-" + i)),
            "****" + i);
    StoredSecret awsSecret =
        new StoredSecret(
            cipher.encrypt(
                new SecretRef(TENANT, id, SecretPurpose.AWS_SECRET_ACCESS_KEY),
                SecretValue.of(CUSTOMER_SECRET)),
            "****0001");
    return new Connection(
        id,
        TENANT,
        "bench " + id,
        true,
        new ConnectionSource(
            platform,
            URI.create(origin + "/" + id + (dify ? "/v1" : "")),
            platformKey,
            Set.of(Outcome.FAILED),
            Set.of(),
            options),
        ConnectionWebhook.none(),
        new ConnectionDestination(
            "us-east-1", BUS, new DestinationAuth.AccessKeys(CUSTOMER_KEY, awsSecret, null)),
        MappingOptions.defaults(),
        ConnectionHealth.initial(true, now),
        now,
        now,
        1);
  }

  private static DynamoDbClient dynamoDb(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static KmsClient kms(URI endpoint) {
    return KmsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static EventBridgeClient eventBridge(URI endpoint) {
    return EventBridgeClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
