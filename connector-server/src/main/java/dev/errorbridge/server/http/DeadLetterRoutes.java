package dev.errorbridge.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.retry.DeadLetterReplayer;
import dev.errorbridge.connector.retry.ReplayNotPossibleException;
import dev.errorbridge.connector.retry.ReplayOptions;
import dev.errorbridge.connector.retry.ReplayProblem;
import dev.errorbridge.connector.retry.ReplayReport;
import dev.errorbridge.connector.settings.Caller;
import dev.errorbridge.connector.store.ConnectionNotFoundException;
import dev.errorbridge.connector.store.ConnectionStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /connections/{id}/dead-letters} lists a connection's dead letters; {@code POST
 * /connections/{id}/dead-letters/replay} ({@code {"limit":100,"dryRun":false}}) sends them to the
 * bus again through the {@link DeadLetterReplayer}, streaming progress as JSON lines and ending
 * with the report.
 */
public final class DeadLetterRoutes {
  private final ConnectionStore connections;
  private final DeadLetterStore deadLetters;
  private final DeadLetterReplayer replayer;
  private final OperatorAuth auth;

  public DeadLetterRoutes(
      ConnectionStore connections,
      DeadLetterStore deadLetters,
      DeadLetterReplayer replayer,
      OperatorAuth auth) {
    this.connections = connections;
    this.deadLetters = deadLetters;
    this.replayer = replayer;
    this.auth = auth;
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
    String id = ctx.pathParam("id");
    if (!owned(caller.get(), id)) {
      notFound(ctx, id);
      return;
    }
    int limit = limit(ctx.queryParam("limit"));
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
    String id = ctx.pathParam("id");
    ReplayOptions options;
    try {
      JsonNode body =
          ctx.body().isBlank()
              ? Problems.JSON.createObjectNode()
              : Problems.JSON.readTree(ctx.body());
      options =
          new ReplayOptions(
              body.path("limit").asInt(ReplayOptions.DEFAULT_LIMIT),
              body.path("dryRun").asBoolean(false));
    } catch (IOException | IllegalArgumentException e) {
      Problems.write(
          ctx,
          400,
          "InvalidReplay",
          "send {\"limit\": 1-" + ReplayOptions.MAX_LIMIT + ", \"dryRun\": true|false}");
      return;
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

  private static int limit(String value) {
    try {
      int parsed = value == null ? ReplayOptions.DEFAULT_LIMIT : Integer.parseInt(value);
      return Math.max(1, Math.min(ReplayOptions.MAX_LIMIT, parsed));
    } catch (NumberFormatException e) {
      return ReplayOptions.DEFAULT_LIMIT;
    }
  }
}
