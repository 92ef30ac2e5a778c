package dev.errorbridge.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/**
 * Writes the server's own errors in the settings API's shape, {@code {"error", "message"}}, so
 * clients (the CLI) read every error the same way.
 */
final class Problems {
  static final ObjectMapper JSON = new ObjectMapper();

  private Problems() {}

  static void write(Context ctx, int status, String error, String message) {
    ObjectNode body = JSON.createObjectNode().put("error", error).put("message", message);
    ctx.status(status).contentType("application/json").result(body.toString());
  }
}
