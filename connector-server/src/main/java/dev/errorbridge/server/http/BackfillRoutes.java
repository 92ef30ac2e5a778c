package dev.errorbridge.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.audit.Caller;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.poll.Backfill;
import dev.errorbridge.connector.poll.BackfillProgress;
import dev.errorbridge.connector.poll.BackfillReport;
import dev.errorbridge.connector.poll.BackfillWindowInvalidException;
import dev.errorbridge.connector.poll.PollStatus;
import dev.errorbridge.connector.store.dynamodb.OperationLeases;
import dev.errorbridge.connector.time.Deadline;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /connections/{id}/backfill} ({@code {"since":"PT24H"}}): reads a polled connection's
 * failures of that period again through the poll engine's {@link Backfill} and delivers those not
 * delivered yet (the shared dedup makes a second delivery impossible), streaming progress as JSON
 * lines and ending with the report. Runs within {@link #MAX_DURATION}; an unfinished backfill says
 * where to resume.
 */
public final class BackfillRoutes {
  /** How long one backfill request may run; the report says where to resume after it. */
  public static final Duration MAX_DURATION = Duration.ofMinutes(15);

  /** The longest period one request may cover. */
  public static final Duration MAX_PERIOD = Duration.ofDays(90);

  private final ConnectionStore connections;
  private final Backfill backfill;
  private final OperatorAuth auth;
  private final Clock clock;
  private final OperationLeases leases;

  /**
   * @param leases keep backfills one at a time per connection across replicas
   */
  public BackfillRoutes(
      ConnectionStore connections,
      Backfill backfill,
      OperatorAuth auth,
      Clock clock,
      OperationLeases leases) {
    this.connections = connections;
    this.backfill = backfill;
    this.auth = auth;
    this.clock = clock;
    this.leases = leases;
  }

  /** The route to register. */
  public List<HttpApi.Route> routes() {
    return List.of(new HttpApi.Route(HandlerType.POST, "/connections/{id}/backfill", this::run));
  }

  private void run(Context ctx) throws IOException {
    Optional<Caller> caller = auth.caller(ctx);
    if (caller.isEmpty()) {
      return;
    }
    String id = RequestParts.connectionId(ctx, "id");
    JsonNode body = RequestParts.jsonObject(ctx);
    Optional<Duration> since = since(body);
    if (since.isEmpty()) {
      Problems.write(
          ctx,
          400,
          "InvalidBackfill",
          "since must be an ISO-8601 duration from PT1S up to P90D, e.g. \"PT24H\"",
          "since");
      return;
    }
    Optional<Connection> connection =
        connections.find(id).filter(c -> c.tenantId().equals(caller.get().tenantId()));
    if (connection.isEmpty()) {
      Problems.write(
          ctx,
          404,
          "ConnectionNotFound",
          "connection " + id + " not found; list yours with GET /connections");
      return;
    }
    Instant now = clock.instant();
    OperationLeases.Acquisition acquired = leases.acquire(id, OperationLeases.Operation.BACKFILL);
    if (acquired instanceof OperationLeases.Acquisition.Held held) {
      OperationConflicts.write(ctx, "BackfillRunning", "backfill", id, held, now);
      return;
    }
    OperationLeases.Lease lease = ((OperationLeases.Acquisition.Acquired) acquired).lease();
    JsonLines lines = new JsonLines(ctx);
    try {
      BackfillReport report =
          backfill.run(
              connection.get(),
              now.minus(since.get()),
              now,
              Deadline.after(MAX_DURATION, clock),
              progress -> lines.write(progress(progress)));
      lines.write(summary(report));
    } catch (BackfillWindowInvalidException e) {
      DeadLetterRoutes.fail(ctx, lines, 400, "InvalidBackfill", e.getMessage());
    } finally {
      lease.close();
    }
  }

  /** {@code since} from a body {@code {"since": "PT24H"}} (nothing else), or empty if invalid. */
  private static Optional<Duration> since(JsonNode body) {
    JsonNode since = body.get("since");
    if (body.size() != 1 || since == null || !since.isTextual()) {
      return Optional.empty();
    }
    try {
      Duration duration = Duration.parse(since.textValue());
      return duration.isNegative() || duration.isZero() || duration.compareTo(MAX_PERIOD) > 0
          ? Optional.empty()
          : Optional.of(duration);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static ObjectNode progress(BackfillProgress progress) {
    return JsonLines.line("progress")
        .put("done", Math.round(progress.fraction() * 100))
        .put("total", 100)
        .put(
            "label",
            progress.counts().found()
                + " found, "
                + progress.counts().delivered()
                + " delivered, up to "
                + progress.doneUpTo());
  }

  private static ObjectNode summary(BackfillReport report) {
    BackfillProgress progress = report.progress();
    return JsonLines.line("summary")
        .put("ok", report.status() == PollStatus.COMPLETE)
        .put("connectionId", report.connectionId())
        .put("status", report.status().name())
        .put("from", progress.from().toString())
        .put("to", progress.to().toString())
        .put("found", progress.counts().found())
        .put("delivered", progress.counts().delivered())
        .put("duplicates", progress.counts().duplicates())
        .put("parked", progress.counts().parked())
        .put("filteredOut", progress.counts().filteredOut())
        .put("pages", progress.pages())
        .put("resumeFrom", report.resumeFrom() == null ? null : report.resumeFrom().toString())
        .put("message", report.message());
  }
}
