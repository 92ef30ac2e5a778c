package dev.errorbridge.server.embedded;

import com.sun.net.httpserver.HttpServer;
import dev.errorbridge.localaws.AccountCredentials;
import dev.errorbridge.localaws.LocalAwsConfig;
import dev.errorbridge.localaws.MissingBusPolicy;
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
import dev.errorbridge.localaws.sts.AssumeRoleLog;
import dev.errorbridge.localaws.sts.StsRoles;
import dev.errorbridge.localaws.sts.StsService;
import dev.errorbridge.localaws.sts.StsSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * local-aws's EventBridge, KMS and STS on one loopback port, assembled from local-aws's public
 * parts exactly as {@link dev.errorbridge.localaws.LocalAws} assembles them, with one difference:
 * the KMS starts from the {@link EmbeddedKmsKey}'s randomness, so that its key (and every secret
 * encrypted under it) survives a restart. {@code LocalAws} creates its KMS with a fresh {@code
 * SecureRandom} and offers no way to import key material; should it gain one, this class can become
 * a {@code LocalAws.start(config)}.
 */
public final class EmbeddedAws implements AutoCloseable {
  static {
    // As LocalAws does: without TCP_NODELAY the JDK server's responses wait for a delayed ACK.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** The account Errorbridge's own calls (KMS) and the demo bus live in. */
  public static final AccountCredentials SERVER_CREDENTIALS = AccountCredentials.DEFAULT;

  /**
   * An IAM-user-shaped key for the demo bus's account, for connections in {@code ACCESS_KEYS} mode
   * (the settings API only accepts {@code AKIA…} key ids). Not a real AWS key.
   */
  public static final AccountCredentials DEMO_CREDENTIALS =
      new AccountCredentials(
          "AKIAERRORBRIDGEDEMO1", "ErrorbridgeDemoSecretKeyNotRealAWS000000", "000000000000");

  private final HttpServer server;
  private final ExecutorService requestThreads;
  private final ScheduledExecutorService delayer;
  private final TargetDeliveries deliveries;
  private final String host;

  private EmbeddedAws(String host, int port, SecureRandom kmsRandom, Clock clock)
      throws IOException {
    this.host = host;
    Map<String, AccountCredentials> credentials = new ConcurrentHashMap<>();
    credentials.put(SERVER_CREDENTIALS.accessKeyId(), SERVER_CREDENTIALS);
    credentials.put(DEMO_CREDENTIALS.accessKeyId(), DEMO_CREDENTIALS);
    FaultInjector faults = new FaultInjector();
    this.deliveries = new TargetDeliveries(clock);
    Map<String, AwsJsonService> services = new LinkedHashMap<>();
    EventBridgeService events =
        new EventBridgeService(
            new EventBusStore(clock),
            deliveries,
            faults,
            LocalAwsConfig.DEFAULT_MAX_ENTRY_SIZE_BYTES,
            MissingBusPolicy.REJECT);
    services.put(events.targetPrefix(), events);
    KmsService kms = new KmsService(clock, kmsRandom);
    services.put(kms.targetPrefix(), kms);
    SecureRandom stsRandom = new SecureRandom();
    StsRoles roles = new StsRoles(stsRandom);
    StsSessions sessions = new StsSessions(stsRandom);
    AssumeRoleLog assumeRoleLog = new AssumeRoleLog();
    SigV4Verifier verifier =
        new SigV4Verifier(
            keyId -> {
              AccountCredentials registered = credentials.get(keyId);
              return registered != null ? registered : sessions.credentials(keyId);
            },
            clock,
            LocalAwsConfig.DEFAULT_MAX_CLOCK_SKEW);
    AwsHttpHandler.RequestAuthenticator authenticator =
        request -> {
          SigV4Verifier.Verified verified = verifier.verify(request);
          sessions.requireValidToken(
              verified.credentials().accessKeyId(),
              SigV4Verifier.header(request, "X-Amz-Security-Token"),
              clock.instant());
          return verified;
        };
    this.requestThreads = Executors.newFixedThreadPool(8, daemonThreads("embedded-aws-http"));
    this.delayer = Executors.newSingleThreadScheduledExecutor(daemonThreads("embedded-aws-delay"));
    this.server = HttpServer.create(new InetSocketAddress(host, port), 512);
    server.setExecutor(requestThreads);
    server.createContext(
        "/",
        new AwsHttpHandler(
            services,
            authenticator,
            faults,
            delayer,
            clock,
            new ControlApi(
                faults, deliveries, c -> credentials.put(c.accessKeyId(), c), roles, assumeRoleLog),
            new AwsQueryFrontEnd(
                new StsService(roles, sessions, assumeRoleLog),
                authenticator,
                faults,
                delayer,
                clock)));
    server.start();
  }

  /**
   * Starts on {@code host:port}; KMS draws from {@code kmsRandom} (see {@link EmbeddedKmsKey}).
   *
   * @throws UncheckedIOException if the port is taken
   */
  static EmbeddedAws start(String host, int port, SecureRandom kmsRandom, Clock clock) {
    try {
      return new EmbeddedAws(host, port, kmsRandom, clock);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the embedded AWS (EventBridge, KMS, STS) could not listen on "
              + host
              + ":"
              + port
              + "; is another local-aws or LocalStack running? Stop it or set"
              + " ERRORBRIDGE_EMBEDDED_AWS_PORT",
          e);
    }
  }

  /** {@code http://host:port}. */
  public URI endpoint() {
    return URI.create("http://" + host + ":" + server.getAddress().getPort());
  }

  /** What the demo bus's rules delivered. */
  public TargetDeliveries deliveries() {
    return deliveries;
  }

  @Override
  public void close() {
    server.stop(0);
    requestThreads.shutdownNow();
    delayer.shutdownNow();
    deliveries.close();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
