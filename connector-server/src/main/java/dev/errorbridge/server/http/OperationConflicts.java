package dev.errorbridge.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.store.dynamodb.OperationLeases;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;

/**
 * The 409 a backfill or replay start gets while another run of it holds the connection, on this
 * replica or another: {@code {"error": "BackfillRunning" | "ReplayRunning", "message", "holder",
 * "until", "retryAfterSeconds"}} and a {@code Retry-After} header.
 */
final class OperationConflicts {
  private OperationConflicts() {}

  static void write(
      Context ctx,
      String error,
      String what,
      String connectionId,
      OperationLeases.Acquisition.Held held,
      Instant now) {
    long retryAfter = Math.max(1, Duration.between(now, held.until()).toSeconds() + 1);
    ObjectNode body =
        Problems.JSON
            .createObjectNode()
            .put("error", error)
            .put(
                "message",
                "a "
                    + what
                    + " of connection "
                    + connectionId
                    + " is running on replica "
                    + held.holder()
                    + " (its lease runs until "
                    + held.until()
                    + " and is renewed while it runs, see ERRORBRIDGE_OPERATION_LEASE); wait for"
                    + " it to finish, then start again")
            .put("holder", held.holder())
            .put("until", held.until().toString())
            .put("retryAfterSeconds", retryAfter);
    ctx.status(409)
        .header("Retry-After", Long.toString(retryAfter))
        .contentType("application/json")
        .result(body.toString());
  }
}
