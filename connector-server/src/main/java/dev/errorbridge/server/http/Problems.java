package dev.errorbridge.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.inbound.FieldProblem;
import dev.errorbridge.connector.inbound.Incidents;
import io.javalin.http.Context;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the server's own errors in the settings API's shape, {@code {"error", "message",
 * "problems"?, "incident"?}}, so clients (the CLI) read every error the same way: 4xx for the
 * client's mistakes, naming the field and the fix; 500 only for the server's faults, with the
 * incident id its log line carries.
 */
final class Problems {
  static final ObjectMapper JSON = new ObjectMapper();

  private Problems() {}

  static void write(Context ctx, int status, String error, String message) {
    ctx.status(status).contentType("application/json").result(json(error, message));
  }

  /** A problem about one parameter or field, listed in {@code problems} too. */
  static void write(Context ctx, int status, String error, String message, String field) {
    ObjectNode body = JSON.createObjectNode().put("error", error).put("message", message);
    body.putArray("problems").addObject().put("field", field).put("message", message);
    ctx.status(status).contentType("application/json").result(body.toString());
  }

  /** Several problems, each naming its field. */
  static void write(Context ctx, int status, String error, List<FieldProblem> problems) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("error", error)
            .put(
                "message",
                problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
    ArrayNode list = body.putArray("problems");
    problems.forEach(p -> list.addObject().put("field", p.field()).put("message", p.message()));
    ctx.status(status).contentType("application/json").result(body.toString());
  }

  /** A 500 for {@code incident}, which the server log names too. */
  static void writeIncident(Context ctx, String incident) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("error", "InternalError")
            .put("message", Incidents.message(incident))
            .put("incident", incident);
    ctx.status(500).contentType("application/json").result(body.toString());
  }

  /** The body of a problem. */
  static String json(String error, String message) {
    return JSON.createObjectNode().put("error", error).put("message", message).toString();
  }
}
