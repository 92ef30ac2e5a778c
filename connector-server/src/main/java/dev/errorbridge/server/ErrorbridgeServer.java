package dev.errorbridge.server;

import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.runtime.RuntimeSettings;
import dev.errorbridge.server.config.ServerConfig;
import dev.errorbridge.server.embedded.DemoBus;
import dev.errorbridge.server.embedded.EmbeddedDefaults;
import dev.errorbridge.server.embedded.OperatorToken;
import dev.errorbridge.server.http.HttpApi;
import dev.errorbridge.server.http.OperatorAuth;
import dev.errorbridge.server.http.RequestGate;
import dev.errorbridge.server.ops.AlertInbox;
import dev.errorbridge.server.ops.AwsChecks;
import dev.errorbridge.server.ops.ConnectionDirectory;
import dev.errorbridge.server.ops.HealthCheck;
import dev.errorbridge.server.ops.ServerMetrics;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The standalone Errorbridge server: one process serving the settings API and webhooks, running the
 * poll schedule and the retry drain, on real AWS or on embedded defaults.
 *
 * <pre>{@code
 * try (ErrorbridgeServer server = ErrorbridgeServer.start(config, Clock.systemUTC(), System.err)) {
 *   URI api = server.baseUri();
 * }
 * }</pre>
 *
 * <p>{@link #close()} shuts down gracefully: new requests get 503, requests in flight, the workers'
 * current batches and the queued poll cycles finish (up to the configured timeout), then the
 * clients close.
 */
public final class ErrorbridgeServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorbridgeServer.class);

  private final ServerConfig config;
  private final EmbeddedDefaults embedded;
  private final ConnectorComponents components;
  private final AwsChecks awsChecks;
  private final ServerWiring wiring;
  private final HttpApi http;
  private final String operatorToken;
  private final AlertInbox inbox;
  private final List<PeriodicWorker> workers;
  private boolean closed; // guarded by this

  private ErrorbridgeServer(Assembly a) {
    this.config = a.config;
    this.embedded = a.embedded;
    this.components = a.components;
    this.awsChecks = a.awsChecks;
    this.wiring = a.wiring;
    this.http = a.http;
    this.operatorToken = a.operatorToken;
    this.inbox = a.inbox;
    this.workers = List.copyOf(a.workers);
  }

  /** What start builds, in order, so that a failure can close what was already open. */
  private static final class Assembly {
    ServerConfig config;
    EmbeddedDefaults embedded;
    ConnectorComponents components;
    AwsChecks awsChecks;
    ServerWiring wiring;
    HttpApi http;
    String operatorToken;
    AlertInbox inbox;
    final List<PeriodicWorker> workers = new ArrayList<>();

    void closeQuietly() {
      for (PeriodicWorker worker : workers) {
        try {
          worker.stop(Duration.ZERO);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (http != null) {
        http.stop();
      }
      if (wiring != null) {
        wiring.close();
      }
      if (awsChecks != null) {
        awsChecks.close();
      }
      if (components != null) {
        components.close();
      }
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  /**
   * Starts the server.
   *
   * @param console where a newly generated operator token is shown once (never the log), and where
   *     the server and its settings page are
   */
  public static ErrorbridgeServer start(ServerConfig config, Clock clock, PrintStream console) {
    Assembly a = new Assembly();
    a.config = config;
    try {
      assemble(a, clock, console);
      return new ErrorbridgeServer(a);
    } catch (RuntimeException e) {
      a.closeQuietly();
      throw e;
    }
  }

  private static void assemble(Assembly a, Clock clock, PrintStream console) {
    ServerConfig config = a.config;
    SecureRandom random = new SecureRandom();
    RuntimeSettings settings;
    AwsCredentialsProvider credentials;
    if (config.embedded()) {
      a.embedded = EmbeddedDefaults.start(config, clock);
      settings = a.embedded.settings();
      credentials = EmbeddedDefaults.credentials();
    } else {
      settings = config.aws();
      credentials = DefaultCredentialsProvider.builder().build();
    }
    settings =
        settings
            .withDeliveryPolicy(settings.deliveryPolicy().withLease(config.deliveryLease()))
            .withAccessLinks(config.accessLinks());
    a.components =
        new ConnectorComponents(
            settings, credentials, clock, ConnectorComponents.Bookkeeping.BACKGROUND);
    if (a.embedded != null) {
      a.components.table().createIfMissing();
    }
    a.awsChecks = new AwsChecks(a.components.table(), settings, credentials);
    a.operatorToken = operatorToken(config, a.embedded, random, console);
    OperatorAuth auth = new OperatorAuth(a.operatorToken, config.defaultTenant());
    String inboxKey = token(random);
    a.inbox = a.embedded != null ? new AlertInbox(console) : null;
    RequestGate gate = new RequestGate();
    HealthCheck health =
        new HealthCheck()
            .replica(config.replicaId())
            .component("dynamodb", a.awsChecks::dynamoDb)
            .component("kms", a.awsChecks::kms)
            .component(
                "http",
                () ->
                    gate.isOpen()
                        ? HealthCheck.Status.up("accepting requests")
                        : HealthCheck.Status.down("shutting down"));
    a.wiring = ServerWiring.of(a.components, config, clock);
    ServerWiring wiring = a.wiring;
    for (ServerWiring.Worker worker : wiring.workers()) {
      health.component(worker.name(), () -> workerStatus(a, worker.name()));
    }
    Map<String, Supplier<Number>> gauges = new HashMap<>(wiring.pollGauges());
    gauges.put("errorbridge_http_requests_in_flight", gate::inFlight);
    if (a.inbox != null) {
      gauges.put("errorbridge_demo_alerts", a.inbox::size);
    }
    // The settings API shows webhook URLs on the server's public address, known once it listens.
    PublicAddress publicAddress = new PublicAddress(config);
    ServerMetrics metrics =
        new ServerMetrics(
            new ConnectionDirectory(a.components.table(), a.components.connections()),
            a.components.checkpoints(),
            a.components.stores().deadLetters(),
            a.components.parkedEvents(),
            clock,
            gauges,
            config.replicaId());
    a.http =
        HttpApi.start(
            config.host(),
            config.port(),
            new HttpApi.Parts(
                a.components.settingsApi().withWebhookBase(publicAddress),
                auth,
                wiring.webhooks(),
                config.webhookMaxBodyBytes(),
                health,
                metrics,
                a.inbox,
                inboxKey,
                wiring.routes(auth),
                clock),
            gate,
            config.shutdownTimeout());
    publicAddress.listeningOn(a.http.port());
    if (a.embedded != null) {
      URI inbox = URI.create("http://127.0.0.1:" + a.http.port() + "/alerts/inbox");
      DemoBus.create(a.embedded.aws(), inbox, inboxKey);
    }
    for (ServerWiring.Worker worker : wiring.workers()) {
      a.workers.add(
          PeriodicWorker.start(worker.name(), worker.interval(), worker.interval(), worker.task()));
    }
    StartupBanner.print(console, config, a.http.port());
    LOG.info(
        "errorbridge server started port={} mode={} tenant={} replica={}",
        a.http.port(),
        config.embedded() ? "embedded" : "aws",
        config.defaultTenant(),
        config.replicaId());
  }

  private static HealthCheck.Status workerStatus(Assembly a, String name) {
    return a.workers.stream()
        .filter(w -> w.name().equals(name))
        .findFirst()
        .map(
            w ->
                !w.running()
                    ? HealthCheck.Status.down("stopped")
                    : w.lastError() == null
                        ? HealthCheck.Status.up("running")
                        : HealthCheck.Status.down("last run failed: " + w.lastError()))
        .orElse(HealthCheck.Status.down("not started"));
  }

  private static String operatorToken(
      ServerConfig config, EmbeddedDefaults embedded, SecureRandom random, PrintStream console) {
    if (config.operatorToken() != null) {
      return config.operatorToken();
    }
    OperatorToken.Issued issued = OperatorToken.loadOrGenerate(embedded.data(), random);
    if (issued.generated()) {
      // Shown on the console once, never logged: logs are shipped and kept.
      console.println();
      console.println(
          "  Errorbridge operator token (shown once; kept in "
              + embedded.data().root().resolve(OperatorToken.fileName())
              + "):");
      console.println("    " + issued.token());
      console.println(
          "  Use it as: Authorization: Bearer <token>, or export ERRORBRIDGE_TOKEN=<token>");
      console.println("  for the CLI.");
      console.println();
    }
    return issued.token();
  }

  private static String token(SecureRandom random) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** {@code http://127.0.0.1:<port>} (loopback, also when bound to every interface). */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + http.port());
  }

  public int port() {
    return http.port();
  }

  /** The operator's bearer token. */
  public String operatorToken() {
    return operatorToken;
  }

  /** The embedded defaults, or {@code null} on real AWS. */
  public EmbeddedDefaults embedded() {
    return embedded;
  }

  /** The shared object graph. */
  public ConnectorComponents components() {
    return components;
  }

  /** HTTP requests being handled now. */
  int requestsInFlight() {
    return http.gate().inFlight();
  }

  /** Whether new HTTP requests are admitted (false once {@link #close()} has begun). */
  boolean acceptingRequests() {
    return http.gate().isOpen();
  }

  /**
   * Shuts down gracefully: stop admitting requests, let in-flight requests and worker batches
   * finish within the shutdown timeout, then stop the HTTP server and close every client.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long started = System.nanoTime();
    Duration timeout = config.shutdownTimeout();
    http.gate().close();
    boolean idle = true;
    try {
      idle = http.gate().awaitIdle(timeout);
      for (PeriodicWorker worker : workers) {
        worker.stop(left(timeout, started));
      }
      // The poll schedule only queues cycles; the cycles themselves run on the poll pool.
      wiring.drainPolls(left(timeout, started));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.stop();
    wiring.close();
    awsChecks.close();
    components.close();
    if (embedded != null) {
      embedded.close();
    }
    LOG.info(
        "errorbridge server stopped durationMs={} requestsFinished={}",
        (System.nanoTime() - started) / 1_000_000,
        idle);
  }

  /** What is left of {@code timeout} since {@code startedNanos}; never negative. */
  private static Duration left(Duration timeout, long startedNanos) {
    Duration left = timeout.minusNanos(System.nanoTime() - startedNanos);
    return left.isNegative() ? Duration.ZERO : left;
  }
}
