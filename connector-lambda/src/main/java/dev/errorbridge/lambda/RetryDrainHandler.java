package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.audit.Caller;
import dev.errorbridge.connector.connection.ConnectionNotFoundException;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.inbound.ConnectionIds;
import dev.errorbridge.connector.inbound.FieldProblem;
import dev.errorbridge.connector.inbound.JsonFieldReader;
import dev.errorbridge.connector.retry.DeadLetterReplayer;
import dev.errorbridge.connector.retry.ParkedEventDrainer;
import dev.errorbridge.connector.retry.ProgressListener;
import dev.errorbridge.connector.retry.ReplayNotPossibleException;
import dev.errorbridge.connector.retry.ReplayOptions;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.store.dynamodb.OperationLeases;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;

/**
 * The retry worker. Invoked every minute by EventBridge Scheduler (any JSON object but a replay
 * request: the schedule's event, {@code {}}; or {@code null} or nothing), it publishes parked
 * webhook events that are due ({@link ParkedEventDrainer}), up to {@value #DRAIN_LIMIT} per run
 * within the invocation's time. Invoked by an operator with
 *
 * <pre>{@code {"replay":{"tenantId":"acme","connectionId":"cn_…","limit":100,"dryRun":false}}}
 * </pre>
 *
 * it replays that connection's dead letters ({@link DeadLetterReplayer}; {@code limit} and {@code
 * dryRun} optional), one replay per connection at a time across every sandbox and server replica on
 * the table: while another holds the connection's replay lease the answer is {@code {"error":
 * "ReplayRunning", "holder", "until", …}}. Answers the run's report as JSON; an input it cannot
 * read (not JSON, not an object: {@link InvocationInput}) or a request it cannot serve (missing
 * fields, an unknown connection, a switched-off one) is answered {@code {"error": …}} naming each
 * problem rather than failing the invocation, while a store outage fails it so that the scheduler's
 * retry and the Errors alarm see it.
 *
 * <p>Lambda handler: {@code dev.errorbridge.lambda.RetryDrainHandler::handleRequest}.
 */
public final class RetryDrainHandler implements RequestStreamHandler {
  static {
    LambdaEnvironment.configureLogging(); // before any logger is created
  }

  /** At most this many parked events per run; the rest wait for the next minute. */
  static final int DRAIN_LIMIT = 500;

  private static final Logger LOG = LoggerFactory.getLogger(RetryDrainHandler.class);
  private static final String INPUT =
      "the schedule's event, {}, or {\"replay\":{\"tenantId\":…,\"connectionId\":…}}";
  private static final Set<String> REPLAY_FIELDS =
      Set.of("tenantId", "connectionId", "limit", "dryRun");

  private final ParkedEventDrainer drainer;
  private final DeadLetterReplayer replayer;
  private final ConnectionStore connections;
  private final OperationLeases leases;
  private final Clock clock;
  // Held so that the CRaC context's weak reference keeps it (see Priming).
  private final Priming priming;

  /**
   * Lambda's constructor: wires everything from the environment (see {@link LambdaEnvironment}).
   */
  public RetryDrainHandler() {
    this(LambdaEnvironment.system());
  }

  private RetryDrainHandler(LambdaEnvironment environment) {
    // Arguments run left to right: the warm-up starts before the object graph is built.
    this(
        Warmup.start(environment, "retry-drain", Primers.independent(environment.region())),
        environment.components(),
        environment.region(),
        Clock.systemUTC());
  }

  RetryDrainHandler(ConnectorComponents components, Region region, Clock clock) {
    this(Warmup.none(), components, region, clock);
  }

  private RetryDrainHandler(
      Warmup warmup, ConnectorComponents components, Region region, Clock clock) {
    this.drainer = components.drainer();
    this.replayer = components.replayer();
    this.connections = components.connections();
    // One replay per connection at a time, across this function's sandboxes and the server's
    // replicas on the same table. Each sandbox holds as itself: a lease held under the same name
    // is taken over at once (a restarted replica), which two live sandboxes must not do.
    this.leases =
        new OperationLeases(
            components.table(),
            "retry-drain function (sandbox " + UUID.randomUUID() + ")",
            OperationLeases.DEFAULT_DURATION,
            clock);
    this.clock = clock;
    this.priming =
        Priming.register(
            "retry-drain", warmup, List.of(Primers.errorbridgeClients(region), Primers.mapping()));
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    InvocationInput.Read read = InvocationInput.object(input.readAllBytes(), INPUT);
    if (read instanceof InvocationInput.Read.Refused refused) {
      Map<String, Object> refusal = InvocationInput.refusal(refused.problems());
      LOG.info("invocation refused: {}", refusal.get("error"));
      LambdaJson.write(output, refusal);
      return;
    }
    LambdaJson.write(output, handle(((InvocationInput.Read.Request) read).object(), context));
  }

  /** Runs one invocation: a replay if asked for, else a drain. */
  Object handle(JsonNode request, Context context) {
    JsonNode replay = request.path("replay");
    if (replay.isMissingNode() || replay.isNull()) {
      return drainer.drain(
          clock.instant(), DRAIN_LIMIT, LambdaDeadlines.of(context, clock), ProgressListener.NONE);
    }
    return replay(replay, context);
  }

  private Object replay(JsonNode replay, Context context) {
    if (!replay.isObject()) {
      return error(
          List.of(
              new FieldProblem(
                  "replay",
                  "must be an object, e.g. {\"tenantId\":\"acme\",\"connectionId\":\"cn_…\"}")));
    }
    JsonFieldReader fields = new JsonFieldReader();
    fields.onlyKnown(replay, "replay.", REPLAY_FIELDS);
    String tenantId = fields.string(replay, "replay.", "tenantId");
    String connectionId = fields.string(replay, "replay.", "connectionId");
    Integer limit = fields.integer(replay, "replay.", "limit", 1, ReplayOptions.MAX_LIMIT);
    Boolean dryRun = fields.bool(replay, "replay.", "dryRun");
    if (tenantId == null || tenantId.isBlank()) {
      fields.problem("replay.tenantId", "is required: the tenant that owns the connection");
    }
    if (connectionId == null || connectionId.isBlank()) {
      fields.problem("replay.connectionId", "is required, e.g. cn_0f3a9c1d2b4e5f607182");
    } else if (!ConnectionIds.valid(connectionId)) {
      fields.problem("replay.connectionId", ConnectionIds.EXPECTED);
    }
    Caller caller = null;
    if (tenantId != null && !tenantId.isBlank()) {
      try {
        caller = new Caller(tenantId, actor(context));
      } catch (IllegalArgumentException e) {
        fields.problem("replay.tenantId", e.getMessage());
      }
    }
    if (fields.hasProblems()) {
      return error(fields.problems());
    }
    ReplayOptions options =
        new ReplayOptions(
            limit == null ? ReplayOptions.DEFAULT_LIMIT : limit, dryRun != null && dryRun);
    if (options.dryRun()) {
      return replay(caller, connectionId, options); // sends nothing, so it needs no lease
    }
    if (!owned(caller, connectionId)) {
      // Checked before the lease, so that no lease item is written under another tenant's id.
      return replay(caller, connectionId, options);
    }
    OperationLeases.Acquisition acquired =
        leases.acquire(connectionId, OperationLeases.Operation.REPLAY);
    if (acquired instanceof OperationLeases.Acquisition.Held held) {
      LOG.info("replay refused connectionId={}: held by {}", connectionId, held.holder());
      return replayRunning(connectionId, held);
    }
    try (OperationLeases.Lease lease = ((OperationLeases.Acquisition.Acquired) acquired).lease()) {
      return replay(caller, connectionId, options);
    }
  }

  private Object replay(Caller caller, String connectionId, ReplayOptions options) {
    try {
      return replayer.replay(caller, connectionId, options, ProgressListener.NONE);
    } catch (ConnectionNotFoundException | ReplayNotPossibleException e) {
      LOG.info(
          "replay refused tenantId={} connectionId={}: {}",
          caller.tenantId(),
          connectionId,
          e.getMessage());
      return error(e.getMessage());
    }
  }

  private boolean owned(Caller caller, String connectionId) {
    return connections
        .find(connectionId)
        .filter(c -> c.tenantId().equals(caller.tenantId()))
        .isPresent();
  }

  /** The answer while another replay of the connection runs, with when to try again. */
  private Map<String, Object> replayRunning(
      String connectionId, OperationLeases.Acquisition.Held held) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("error", "ReplayRunning");
    error.put(
        "message",
        "a dead-letter replay of connection "
            + connectionId
            + " is running in "
            + held.holder()
            + " (its lease runs until "
            + held.until()
            + " and is renewed while it runs); wait for it to finish, then invoke again");
    error.put("holder", held.holder());
    error.put("until", held.until().toString());
    return error;
  }

  /** Who replays, for the audit trail: whoever may invoke this function. */
  private static String actor(Context context) {
    return context == null || context.getInvokedFunctionArn() == null
        ? "operator (direct invoke)"
        : "operator (invoke of " + context.getInvokedFunctionArn() + ")";
  }

  private static Map<String, Object> error(String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("error", message);
    return error;
  }

  /** An answer naming every field to fix. */
  private static Map<String, Object> error(List<FieldProblem> problems) {
    return InvocationInput.refusal(problems);
  }

  /** Runs the priming steps now, as SnapStart would before its snapshot; returns the failures. */
  int prime() {
    return priming.prime();
  }
}
