package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.inbound.JsonFieldReader;
import dev.errorbridge.connector.poll.PollCycleReport;
import dev.errorbridge.connector.poll.PollRunReport;
import dev.errorbridge.connector.poll.PollRunner;
import dev.errorbridge.connector.poll.PollStatus;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.time.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;

/**
 * The poll worker, fed by the poll queue: one poll cycle per message ({@code {"connectionId":"…"}},
 * see {@link PollQueue}), a few at a time ({@value #PARALLELISM}), all within the invocation's
 * remaining time less {@link LambdaDeadlines#SAFETY_MARGIN}. Answers {@link SQSBatchResponse} with
 * only the messages whose cycle failed in a way worth retrying, so one bad connection never re-runs
 * the others:
 *
 * <ul>
 *   <li><b>retried</b> (reported, SQS redelivers it after the visibility timeout, then its DLQ and
 *       alarm): the platform was unavailable or answered garbage, an Errorbridge dependency failed,
 *       the platform key could not be decrypted, a page could not be settled, the deadline cut the
 *       cycle short, the connection could not even be read, and the whole batch when it arrives
 *       with no more than the safety margin left;
 *   <li><b>done</b> (not reported): complete, skipped (off, suspended, not due, or its turn came
 *       after the deadline: it is still due, so the next tick enqueues it again), busy or held by
 *       another cycle, a checkpoint conflict, rate limited (the checkpoint says when to come back),
 *       the key refused or the settings invalid (the connection is in ERROR until someone fixes it;
 *       retrying changes nothing), a deleted connection and a message that is not ours.
 * </ul>
 *
 * <p>Lambda handler: {@code dev.errorbridge.lambda.PollWorkerHandler::handleRequest}. It reads the
 * SQS event and writes the batch response itself ({@link LambdaJson}), so that no input makes it
 * throw: an input that is not an SQS batch (not JSON, not an object, {@code Records} missing or of
 * the wrong shape) is answered with no failures and {@code error} and {@code problems} naming each
 * problem, and polls nothing. SQS never sends such a batch, so only a direct invoke gets it, and
 * retrying it would change nothing.
 */
public final class PollWorkerHandler implements RequestStreamHandler {
  static {
    LambdaEnvironment.configureLogging(); // before any logger is created
  }

  /** Cycles at once: each mostly waits on the platform, DynamoDB and EventBridge. */
  static final int PARALLELISM = 4;

  /** Statuses worth another attempt from the queue. */
  static final Set<PollStatus> RETRIED =
      EnumSet.of(
          PollStatus.PLATFORM_UNAVAILABLE,
          PollStatus.PLATFORM_ERROR,
          PollStatus.FAILED,
          PollStatus.SECRET_UNAVAILABLE,
          PollStatus.NOT_SETTLED,
          PollStatus.INCOMPLETE);

  private static final Logger LOG = LoggerFactory.getLogger(PollWorkerHandler.class);

  private final ConnectionStore connections;
  private final PollRunner runner;
  private final Clock clock;
  // Held so that the CRaC context's weak reference keeps it (see Priming).
  private final Priming priming;

  /**
   * Lambda's constructor: wires everything from the environment (see {@link LambdaEnvironment}).
   */
  public PollWorkerHandler() {
    this(LambdaEnvironment.system());
  }

  private PollWorkerHandler(LambdaEnvironment environment) {
    // Arguments run left to right: the warm-up starts before the object graph is built.
    this(
        Warmup.start(environment, "poll-worker", Primers.independent(environment.region())),
        environment.components(),
        environment.region(),
        Clock.systemUTC());
  }

  PollWorkerHandler(ConnectorComponents components, Region region, Clock clock) {
    this(Warmup.none(), components, region, clock);
  }

  private PollWorkerHandler(
      Warmup warmup, ConnectorComponents components, Region region, Clock clock) {
    this.connections = components.connections();
    this.runner = new PollRunner(PollWiring.engine(components, clock), PARALLELISM, clock);
    this.clock = clock;
    this.priming =
        Priming.register(
            "poll-worker", warmup, List.of(Primers.errorbridgeClients(region), Primers.mapping()));
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    InvocationInput.Read read = InvocationInput.object(input.readAllBytes(), "an SQS batch");
    JsonFieldReader fields = new JsonFieldReader();
    SQSEvent event = null;
    if (read instanceof InvocationInput.Read.Request request) {
      event = LambdaJson.sqsEvent(request.object(), fields);
    } else {
      ((InvocationInput.Read.Refused) read)
          .problems()
          .forEach(p -> fields.problem(p.field(), p.message()));
    }
    if (fields.hasProblems()) {
      Map<String, Object> refusal = InvocationInput.refusal(fields.problems());
      LOG.info("poll batch refused: {}", refusal.get("error"));
      LambdaJson.write(output, LambdaJson.batchResponse(new SQSBatchResponse(List.of()), refusal));
      return;
    }
    LambdaJson.writeBatchResponse(output, handle(event, context));
  }

  /** Polls the batch's connections; answers the messages to hand out again. */
  SQSBatchResponse handle(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    List<SQSEvent.SQSMessage> messages =
        event == null || event.getRecords() == null ? List.of() : event.getRecords();
    if (context != null
        && context.getRemainingTimeInMillis() <= LambdaDeadlines.SAFETY_MARGIN.toMillis()) {
      // Too late to start a cycle that could finish: SQS hands the whole batch out again.
      messages.forEach(m -> failures.add(failure(m)));
      return new SQSBatchResponse(failures);
    }
    Deadline deadline = LambdaDeadlines.of(context, clock);
    List<Connection> toPoll = new ArrayList<>();
    List<String> toPollMessageIds = new ArrayList<>();
    for (SQSEvent.SQSMessage message : messages) {
      Optional<String> connectionId = PollQueue.connectionId(message.getBody());
      if (connectionId.isEmpty()) {
        LOG.warn("poll message is not ours, dropped messageId={}", message.getMessageId());
        continue;
      }
      Optional<Connection> connection;
      try {
        connection = connections.find(connectionId.get());
      } catch (RuntimeException e) {
        LOG.warn("connection read failed connectionId={}", connectionId.get(), e);
        failures.add(failure(message));
        continue;
      }
      if (connection.isEmpty()) {
        LOG.info(
            "poll message for a deleted connection dropped connectionId={}", connectionId.get());
        continue;
      }
      toPoll.add(connection.get());
      toPollMessageIds.add(message.getMessageId());
    }
    PollRunReport report = runner.run(toPoll, deadline);
    List<PollCycleReport> cycles = report.cycles();
    for (int i = 0; i < cycles.size(); i++) {
      PollCycleReport cycle = cycles.get(i);
      if (RETRIED.contains(cycle.status())) {
        LOG.info(
            "poll cycle to retry connectionId={} status={} message={}",
            cycle.connectionId(),
            cycle.status(),
            cycle.message());
        failures.add(new SQSBatchResponse.BatchItemFailure(toPollMessageIds.get(i)));
      }
    }
    return new SQSBatchResponse(failures);
  }

  private static SQSBatchResponse.BatchItemFailure failure(SQSEvent.SQSMessage message) {
    return new SQSBatchResponse.BatchItemFailure(message.getMessageId());
  }

  /** Runs the priming steps now, as SnapStart would before its snapshot; returns the failures. */
  int prime() {
    return priming.prime();
  }
}
