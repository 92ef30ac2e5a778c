package dev.errorbridge.localaws;

import com.sun.net.httpserver.HttpServer;
import dev.errorbridge.localaws.events.EventBridgeService;
import dev.errorbridge.localaws.events.EventBusStore;
import dev.errorbridge.localaws.events.TargetDeliveries;
import dev.errorbridge.localaws.fault.FaultInjector;
import dev.errorbridge.localaws.internal.AwsHttpHandler;
import dev.errorbridge.localaws.internal.AwsJsonService;
import dev.errorbridge.localaws.internal.AwsQueryFrontEnd;
import dev.errorbridge.localaws.internal.ControlApi;
import dev.errorbridge.localaws.internal.SigV4Verifier;
import dev.errorbridge.localaws.kms.KmsService;
import dev.errorbridge.localaws.sqs.SqsQueues;
import dev.errorbridge.localaws.sqs.SqsService;
import dev.errorbridge.localaws.sts.AssumeRoleCall;
import dev.errorbridge.localaws.sts.AssumeRoleLog;
import dev.errorbridge.localaws.sts.StsRoles;
import dev.errorbridge.localaws.sts.StsService;
import dev.errorbridge.localaws.sts.StsSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embeddable EventBridge + KMS + STS (+ a producer's SQS) emulator that unmodified AWS SDK v2
 * clients and the AWS CLI talk to over HTTP (AWS JSON 1.1 and, for STS, AWS Query; SigV4 verified
 * per account).
 *
 * <pre>{@code
 * try (LocalAws aws = LocalAws.start()) {
 *   EventBridgeClient events = EventBridgeClient.builder()
 *       .endpointOverride(aws.endpoint())
 *       .region(Region.US_EAST_1)
 *       .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
 *       .build();
 *   aws.faults().inject(Fault.entryError("PutEvents", "ThrottlingException", 1).times(2));
 * }
 * }</pre>
 */
public final class LocalAws implements AutoCloseable {
  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, a keep-alive
    // client's
    // delayed ACK then stalls every response by ~40 ms. The JDK reads this once, when its server
    // loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final LocalAwsConfig config;
  private final HttpServer server;
  private final ExecutorService requestThreads;
  private final ScheduledExecutorService delayer;
  private final FaultInjector faults = new FaultInjector();
  private final TargetDeliveries deliveries;
  private final Map<String, AccountCredentials> credentialsByKeyId = new ConcurrentHashMap<>();
  private final StsRoles roles;
  private final StsSessions sessions;
  private final AssumeRoleLog assumeRoleLog = new AssumeRoleLog();
  private final SqsQueues sqs = new SqsQueues(this::endpoint);

  private LocalAws(LocalAwsConfig config) throws IOException {
    this.config = config;
    config.credentials().forEach(this::registerCredentials);
    this.deliveries = new TargetDeliveries(config.clock());
    Map<String, AwsJsonService> services = new LinkedHashMap<>();
    EventBridgeService events =
        new EventBridgeService(
            new EventBusStore(config.clock()),
            deliveries,
            faults,
            config.maxEntrySizeBytes(),
            config.missingBusPolicy());
    services.put(events.targetPrefix(), events);
    KmsService kms = new KmsService(config.clock(), new SecureRandom());
    services.put(kms.targetPrefix(), kms);
    SqsService sqsService = new SqsService(sqs);
    services.put(sqsService.targetPrefix(), sqsService);
    SecureRandom stsRandom = new SecureRandom();
    this.roles = new StsRoles(stsRandom);
    this.sessions = new StsSessions(stsRandom);
    AwsHttpHandler.RequestAuthenticator authenticator = authenticator(config);

    this.requestThreads =
        Executors.newFixedThreadPool(config.serverThreads(), daemonThreads("local-aws-http"));
    this.delayer = Executors.newSingleThreadScheduledExecutor(daemonThreads("local-aws-latency"));
    this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 512);
    server.setExecutor(requestThreads);
    server.createContext(
        "/",
        new AwsHttpHandler(
            services,
            authenticator,
            faults,
            delayer,
            config.clock(),
            new ControlApi(faults, deliveries, this::registerCredentials, roles, assumeRoleLog),
            new AwsQueryFrontEnd(
                new StsService(roles, sessions, assumeRoleLog),
                authenticator,
                faults,
                delayer,
                config.clock())));
    server.start();
  }

  /**
   * Starts on loopback and a random free port with the default {@code test}/{@code test} account.
   */
  public static LocalAws start() {
    return start(LocalAwsConfig.defaults());
  }

  /**
   * Starts a server; it serves until {@link #close()}.
   *
   * @throws UncheckedIOException when the address cannot be bound (e.g. the port is taken)
   */
  public static LocalAws start(LocalAwsConfig config) {
    try {
      return new LocalAws(config);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "local-aws could not listen on "
              + config.host()
              + ":"
              + config.port()
              + "; is the port taken?",
          e);
    }
  }

  /** {@code http://host:port}, for {@code endpointOverride} or {@code --endpoint-url}. */
  public URI endpoint() {
    return URI.create("http://" + config.host() + ":" + port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** SQS's queues and every message sent to them (recorded, never delivered). */
  public SqsQueues sqs() {
    return sqs;
  }

  /** Injects deterministic faults per operation. */
  public FaultInjector faults() {
    return faults;
  }

  /** What rules delivered to their targets. */
  public TargetDeliveries deliveries() {
    return deliveries;
  }

  /**
   * The roles STS lets callers assume, each with the accounts it trusts and the External ID it
   * requires.
   */
  public StsRoles roles() {
    return roles;
  }

  /** Every AssumeRole request STS answered, oldest first (see {@link AssumeRoleCall}). */
  public List<AssumeRoleCall> stsRequests() {
    return assumeRoleLog.all();
  }

  /** Forgets the recorded AssumeRole requests. */
  public void clearStsRequests() {
    assumeRoleLog.clear();
  }

  /** Registers (or replaces) an access key; requests it signs act in its account. */
  public void registerCredentials(AccountCredentials credentials) {
    credentialsByKeyId.put(credentials.accessKeyId(), credentials);
  }

  public LocalAwsConfig config() {
    return config;
  }

  @Override
  public void close() {
    server.stop(0);
    requestThreads.shutdownNow();
    delayer.shutdownNow();
    deliveries.close();
  }

  private AwsHttpHandler.RequestAuthenticator authenticator(LocalAwsConfig config) {
    if (!config.verifySignatures()) {
      AccountCredentials anyone = config.credentials().get(0);
      return request -> {
        SigV4Verifier.Scope scope = SigV4Verifier.scopeOf(request);
        AccountCredentials signer = credentialsFor(scope.accessKeyId());
        return new SigV4Verifier.Verified(
            signer == null ? anyone : signer, scope.region(), scope.service());
      };
    }
    SigV4Verifier verifier =
        new SigV4Verifier(this::credentialsFor, config.clock(), config.maxClockSkew());
    return request -> {
      SigV4Verifier.Verified verified = verifier.verify(request);
      // The signature proves the secret; a session key must also carry its token, unexpired.
      sessions.requireValidToken(
          verified.credentials().accessKeyId(),
          SigV4Verifier.header(request, "X-Amz-Security-Token"),
          config.clock().instant());
      return verified;
    };
  }

  /** A registered long-term key, else temporary credentials STS issued, else {@code null}. */
  private AccountCredentials credentialsFor(String accessKeyId) {
    AccountCredentials registered = credentialsByKeyId.get(accessKeyId);
    return registered != null ? registered : sessions.credentials(accessKeyId);
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
