package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.poll.PollScheduler;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.runtime.RuntimeSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The poll fan-out, invoked every minute by EventBridge Scheduler (any JSON object, whose members
 * are ignored: the schedule's event, {@code {}}; or {@code null} or nothing; other input is refused
 * with a summary naming the problem, and nothing is enqueued): finds the connections due now
 * ({@link PollScheduler}, every shard of the enabled index) and enqueues one SQS message per
 * connection ({@link PollQueue}, batches of 10), so that thousands of connections are polled by
 * parallel workers rather than in one loop. Also publishes {@code Errorbridge/SuspendedConnections}
 * and {@code Errorbridge/ConnectionsInError} ({@link ConnectionHealthMetrics}). Answers a summary;
 * a store outage fails the invocation (the schedule retries, the Errors alarm sees it), while
 * messages SQS refuses are reported and enqueued again by the next tick.
 *
 * <p>Lambda handler: {@code dev.errorbridge.lambda.PollScheduleHandler::handleRequest}.
 */
public final class PollScheduleHandler implements RequestStreamHandler {
  static {
    LambdaEnvironment.configureLogging(); // before any logger is created
  }

  private static final Logger LOG = LoggerFactory.getLogger(PollScheduleHandler.class);
  private static final String INPUT = "the schedule's event, or {}";

  private final PollScheduler scheduler;
  private final ConnectionStore connections;
  private final PollQueue queue;
  private final ConnectionHealthMetrics metrics;
  // Held so that the CRaC context's weak reference keeps it (see Priming).
  private final Priming priming;

  /**
   * Lambda's constructor: wires everything from the environment (see {@link LambdaEnvironment}).
   */
  public PollScheduleHandler() {
    this(LambdaEnvironment.system(), DefaultCredentialsProvider.builder().build());
  }

  private PollScheduleHandler(LambdaEnvironment environment, AwsCredentialsProvider credentials) {
    // Arguments run left to right: the warm-up starts before the object graph is built.
    this(
        Warmup.start(
            environment,
            "poll-schedule",
            List.of(Primers.sqsClient(environment.region()), Primers.mapping())),
        environment.components(credentials),
        new PollQueue(sqs(environment.settings(), credentials), environment.pollQueueUrl()),
        environment.region(),
        System.out,
        Clock.systemUTC());
  }

  /**
   * @param metrics where the Embedded Metric Format line goes (Lambda: stdout)
   */
  PollScheduleHandler(
      ConnectorComponents components,
      PollQueue queue,
      Region region,
      PrintStream metrics,
      Clock clock) {
    this(Warmup.none(), components, queue, region, metrics, clock);
  }

  private PollScheduleHandler(
      Warmup warmup,
      ConnectorComponents components,
      PollQueue queue,
      Region region,
      PrintStream metrics,
      Clock clock) {
    this.scheduler = PollWiring.scheduler(components, clock);
    this.connections = components.connections();
    this.queue = queue;
    this.metrics = new ConnectionHealthMetrics(metrics, clock);
    this.priming =
        Priming.register(
            "poll-schedule",
            warmup,
            List.of(Primers.dynamoDbClient(region), Primers.sqsClient(region)));
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    // Whatever object the schedule sends, it asks for the same thing.
    InvocationInput.Read read = InvocationInput.object(input.readAllBytes(), INPUT);
    if (read instanceof InvocationInput.Read.Refused refused) {
      Map<String, Object> refusal = InvocationInput.refusal(refused.problems());
      LOG.info("poll tick refused: {}", refusal.get("error"));
      LambdaJson.write(output, refusal);
      return;
    }
    LambdaJson.write(output, run());
  }

  /** One tick: enqueue the due connections, publish the suspended and errored counts. */
  Map<String, Object> run() {
    List<String> due = scheduler.dueConnectionIds(0, ConnectionStore.SHARDS);
    PollQueue.Report report = queue.enqueue(due);
    Map<HealthState, Long> states = enabledByState();
    long suspended = states.getOrDefault(HealthState.SUSPENDED, 0L);
    long inError = states.getOrDefault(HealthState.ERROR, 0L);
    metrics.publish(suspended, inError);
    LOG.info(
        "poll tick due={} enqueued={} failed={} suspended={} inError={}",
        due.size(),
        report.enqueued(),
        report.failed().size(),
        suspended,
        inError);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("due", due.size());
    summary.put("enqueued", report.enqueued());
    summary.put("notEnqueued", report.failed());
    summary.put("suspendedConnections", suspended);
    summary.put("connectionsInError", inError);
    return summary;
  }

  /** Enabled connections by health state, across all tenants (one query per shard). */
  private Map<HealthState, Long> enabledByState() {
    Map<HealthState, Long> states = new EnumMap<>(HealthState.class);
    for (int shard = 0; shard < ConnectionStore.SHARDS; shard++) {
      connections.listEnabled(shard).forEach(c -> states.merge(c.health().state(), 1L, Long::sum));
    }
    return states;
  }

  /** SQS on url-connection, at local-aws when {@code ERRORBRIDGE_AWS_ENDPOINT} says so. */
  private static SqsClient sqs(RuntimeSettings settings, AwsCredentialsProvider credentials) {
    SqsClientBuilder builder =
        SqsClient.builder()
            .region(settings.region())
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.builder().build());
    if (settings.awsEndpoint() != null) {
      builder.endpointOverride(settings.awsEndpoint());
    }
    return builder.build();
  }

  /** Runs the priming steps now, as SnapStart would before its snapshot; returns the failures. */
  int prime() {
    return priming.prime();
  }
}
