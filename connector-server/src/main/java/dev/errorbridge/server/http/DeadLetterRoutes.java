package dev.errorbridge.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.audit.Caller;
import dev.errorbridge.connector.connection.ConnectionNotFoundException;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.inbound.JsonFieldReader;
import dev.errorbridge.connector.retry.DeadLetterReplayer;
import dev.errorbridge.connector.retry.ReplayNotPossibleException;
import dev.errorbridge.connector.retry.ReplayOptions;
import dev.errorbridge.connector.retry.ReplayProblem;
import dev.errorbridge.connector.retry.ReplayReport;
import dev.errorbridge.connector.store.dynamodb.OperationLeases;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /connections/{id}/dead-letters} lists a connection's dead letters; {@code POST
 * /connections/{id}/dead-letters/replay} ({@code {"limit":100,"dryRun":false}}) sends them to the
 * bus again through the {@link DeadLetterReplayer}, streaming progress as JSON lines and ending
 * with the report.
 */
public final class DeadLetterRoutes {
  private static final Set<String> REPLAY_FIELDS = Set.of("limit", "dryRun");

  private final ConnectionStore connections;
  private final DeadLetterStore deadLetters;
  private final DeadLetterReplayer replayer;
  private final OperatorAuth auth;
  private final OperationLeases leases;

  /**
   * @param leases keep replays one at a time per connection across replicas
   */
  public DeadLetterRoutes(
      ConnectionStore connections,
      DeadLetterStore deadLetters,
      DeadLetterReplayer replayer,
      OperatorAuth auth,
      OperationLeases leases) {
    this.connections = connections;
    this.deadLetters = deadLetters;
    this.replayer = replayer;
    this.auth = auth;
    this.leases = leases;
  }

  /** The routes to register. */
  public List<HttpApi.Route> routes() {
    return List.of(
        new HttpApi.Route(HandlerType.GET, "/connections/{id}/dead-letters", this::list),
        new HttpApi.Route(HandlerType.POST, "/connections/{id}/dead-letters/replay", this::replay));
  }

  private void list(Context ctx) {
    Optional<Caller> caller = auth.caller(ctx);
    if (caller.isEmpty()) {
      return;
    }
    String id = RequestParts.connectionId(ctx, "id");
    int limit =
        RequestParts.intQuery(
            ctx, "limit", 1, ReplayOptions.MAX_LIMIT, ReplayOptions.DEFAULT_LIMIT);
    if (!owned(caller.get(), id)) {
      notFound(ctx, id);
      return;
    }
    ObjectNode body = Problems.JSON.createObjectNode().put("connectionId", id);
    ArrayNode items = body.putArray("deadLetters");
    for (DeadLetter letter : deadLetters.list(caller.get().tenantId(), id, limit)) {
      items
          .addObject()
          .put("eventId", letter.eventId())
          .put("reason", letter.reason().name())
          .put("errorCode", letter.errorCode())
          .put("errorMessage", letter.errorMessage())
          .put("attempts", letter.attempts())
          .put("parkedAt", letter.parkedAt().toString())
          .put("replayable", letter.entry() != null)
          .put("detailType", letter.entry() == null ? null : letter.entry().detailType());
    }
    ctx.contentType("application/json").result(body.toString());
  }

  private void replay(Context ctx) throws IOException {
    Optional<Caller> caller = auth.caller(ctx);
    if (caller.isEmpty()) {
      return;
    }
    String id = RequestParts.connectionId(ctx, "id");
    JsonFieldReader fields = new JsonFieldReader();
    JsonNode body = RequestParts.jsonObject(ctx);
    fields.onlyKnown(body, "", REPLAY_FIELDS);
    Integer limit = fields.integer(body, "", "limit", 1, ReplayOptions.MAX_LIMIT);
    Boolean dryRun = fields.bool(body, "", "dryRun");
    if (fields.hasProblems()) {
      Problems.write(ctx, 400, "InvalidReplay", fields.problems());
      return;
    }
    ReplayOptions options =
        new ReplayOptions(
            limit == null ? ReplayOptions.DEFAULT_LIMIT : limit, dryRun != null && dryRun);
    // A dry run sends nothing, so it needs no lease. The connection is checked first so that a
    // lease item is never written under a connection the caller does not own.
    OperationLeases.Lease lease = null;
    if (!options.dryRun()) {
      if (!owned(caller.get(), id)) {
        notFound(ctx, id);
        return;
      }
      OperationLeases.Acquisition acquired = leases.acquire(id, OperationLeases.Operation.REPLAY);
      if (acquired instanceof OperationLeases.Acquisition.Held held) {
        OperationConflicts.write(
            ctx, "ReplayRunning", "dead-letter replay", id, held, Instant.now());
        return;
      }
      lease = ((OperationLeases.Acquisition.Acquired) acquired).lease();
    }
    JsonLines lines = new JsonLines(ctx);
    try {
      ReplayReport report =
          replayer.replay(
              caller.get(),
              id,
              options,
              (done, total) ->
                  lines.write(JsonLines.line("progress").put("done", done).put("total", total)));
      lines.write(summary(report));
    } catch (ConnectionNotFoundException e) {
      fail(ctx, lines, 404, "ConnectionNotFound", e.getMessage());
    } catch (ReplayNotPossibleException e) {
      fail(ctx, lines, 409, "ReplayNotPossible", e.getMessage());
    } finally {
      if (lease != null) {
        lease.close();
      }
    }
  }

  static void fail(Context ctx, JsonLines lines, int status, String error, String message) {
    if (lines.started()) {
      lines.write(JsonLines.line("error").put("error", error).put("message", message));
    } else {
      Problems.write(ctx, status, error, message);
    }
  }

  private static ObjectNode summary(ReplayReport report) {
    ObjectNode summary =
        JsonLines.line("summary")
            .put("ok", report.dryRun() || report.complete())
            .put("connectionId", report.connectionId())
            .put("dryRun", report.dryRun())
            .put("total", report.total())
            .put("replayable", report.replayable())
            .put("delivered", report.delivered())
            .put("queued", report.queued())
            .put("failed", report.failed().size())
            .put("notReplayable", report.notReplayable().size())
            .put("notAttempted", report.notAttempted());
    ArrayNode next = summary.putArray("nextSteps");
    for (ReplayProblem problem : report.failed()) {
      next.add(problem.eventId() + ": " + problem.nextStep());
    }
    return summary;
  }

  private boolean owned(Caller caller, String id) {
    return connections.find(id).filter(c -> c.tenantId().equals(caller.tenantId())).isPresent();
  }

  private static void notFound(Context ctx, String id) {
    Problems.write(
        ctx,
        404,
        "ConnectionNotFound",
        "connection " + id + " not found; list yours with GET /connections");
  }
}
