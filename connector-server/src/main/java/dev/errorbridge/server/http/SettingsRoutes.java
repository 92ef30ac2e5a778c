package dev.errorbridge.server.http;

import dev.errorbridge.connector.audit.Caller;
import dev.errorbridge.connector.settings.api.ApiRequest;
import dev.errorbridge.connector.settings.api.ApiResponse;
import dev.errorbridge.connector.settings.api.SettingsApi;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings API ({@code /connections…}, {@code /openapi.yaml}) on the standalone server: the
 * operator is authenticated here, everything else is {@link SettingsApi}'s.
 */
final class SettingsRoutes {
  // Far above SettingsApi's own 64 KiB limit, which then answers 413 in its own words.
  private static final int MAX_BODY_BYTES = 128 * 1024;

  private final SettingsApi api;
  private final OperatorAuth auth;

  SettingsRoutes(SettingsApi api, OperatorAuth auth) {
    this.api = api;
    this.auth = auth;
  }

  void openApi(Context ctx) {
    write(ctx, api.handle(request(ctx, new byte[0], null)));
  }

  void handle(Context ctx) throws IOException {
    Optional<Caller> caller = auth.caller(ctx);
    if (caller.isEmpty()) {
      return;
    }
    Optional<byte[]> body = BoundedBody.read(ctx, MAX_BODY_BYTES);
    if (body.isEmpty()) {
      Problems.write(ctx, 413, "PayloadTooLarge", "a connection body is at most 64 KiB");
      return;
    }
    write(ctx, api.handle(request(ctx, body.get(), caller.get())));
  }

  private static ApiRequest request(Context ctx, byte[] body, Caller caller) {
    Map<String, String> query = new HashMap<>();
    RequestParts.query(ctx)
        .forEach(
            (name, values) -> {
              if (!values.isEmpty()) {
                query.put(name, values.get(0));
              }
            });
    // The method as received (ctx.method() would honour X-HTTP-Method-Override).
    return new ApiRequest(ctx.req().getMethod(), ctx.path(), query, headers(ctx), body, caller);
  }

  static Map<String, String> headers(Context ctx) {
    Map<String, String> headers = new HashMap<>();
    var names = ctx.req().getHeaderNames();
    while (names.hasMoreElements()) {
      String name = names.nextElement();
      headers.put(name, ctx.req().getHeader(name));
    }
    return headers;
  }

  static void write(Context ctx, ApiResponse response) {
    response.headers().forEach(ctx::header);
    ctx.status(response.status());
    if (!response.body().isEmpty()) {
      ctx.result(response.body());
    }
  }

  /** Names the settings routes, for registration. */
  static List<String> paths() {
    return List.of("/connections", "/connections/{id}", "/connections/{id}/{action}");
  }
}
