package dev.errorbridge.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.inbound.ConnectionIds;
import dev.errorbridge.connector.inbound.JsonBodyInvalidException;
import dev.errorbridge.connector.inbound.StrictJson;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a request the operations routes read, each checked before it reaches a store: a part
 * the client got wrong throws {@link RequestRefusedException} naming it and the fix.
 */
final class RequestParts {
  /** The largest body an operations route reads (replay and backfill bodies are tiny). */
  static final int MAX_BODY_BYTES = 16 * 1024;

  private RequestParts() {}

  /** The query parameters, each with its values. */
  static Map<String, List<String>> query(Context ctx) {
    try {
      return ctx.queryParamMap();
    } catch (IllegalArgumentException e) {
      throw new RequestRefusedException(
          400,
          "InvalidQuery",
          "the query string has a malformed percent-escape; encode parameters as UTF-8"
              + " percent-escapes (%XX)",
          "query");
    }
  }

  /** The first value of query parameter {@code name}, or empty. */
  static Optional<String> query(Context ctx, String name) {
    List<String> values = query(ctx).get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** An integer query parameter within {@code [min, max]}, or {@code fallback} when absent. */
  static int intQuery(Context ctx, String name, int min, int max, int fallback) {
    Optional<String> value = query(ctx, name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    String message = name + " must be an integer from " + min + " to " + max;
    throw new RequestRefusedException(400, "InvalidParameter", message, name);
  }

  /** The connection id in path parameter {@code name}, in the form every connection id has. */
  static String connectionId(Context ctx, String name) {
    String id;
    try {
      id = ctx.pathParam(name);
    } catch (IllegalArgumentException e) {
      id = null; // a malformed percent-escape
    }
    if (!ConnectionIds.valid(id)) {
      throw new RequestRefusedException(
          400, "InvalidPathParameter", "connectionId " + ConnectionIds.EXPECTED, "connectionId");
    }
    return id;
  }

  /** The body as a JSON object, read strictly ({@link StrictJson}); an empty body is {@code {}}. */
  static JsonNode jsonObject(Context ctx) throws IOException {
    Optional<byte[]> body = BoundedBody.read(ctx, MAX_BODY_BYTES);
    if (body.isEmpty()) {
      throw new RequestRefusedException(
          413, "PayloadTooLarge", "the body must be at most " + MAX_BODY_BYTES + " bytes", "body");
    }
    if (body.get().length == 0) {
      return Problems.JSON.createObjectNode();
    }
    try {
      return StrictJson.standard().readObject(body.get());
    } catch (JsonBodyInvalidException e) {
      throw new RequestRefusedException(
          400, "InvalidBody", e.field() + " " + e.problem(), e.field());
    }
  }
}
