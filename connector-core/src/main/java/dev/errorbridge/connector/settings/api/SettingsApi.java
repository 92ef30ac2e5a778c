package dev.errorbridge.connector.settings.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.inbound.ConnectionIds;
import dev.errorbridge.connector.inbound.RequestMethods;
import dev.errorbridge.connector.settings.AccessLinks;
import dev.errorbridge.connector.settings.ConnectionRequest;
import dev.errorbridge.connector.settings.ConnectionService;
import dev.errorbridge.connector.settings.WebhookBaseUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings API over HTTP, without the HTTP server: a transport turns its request into an {@link
 * ApiRequest} (with the caller it authenticated) and writes the {@link ApiResponse} back. The
 * contract is {@code openapi/settings-api.yaml}, served at {@code GET /openapi.yaml}.
 *
 * <p>Versions travel as ETags: every connection response carries {@code ETag: "<version>"}, and a
 * {@code PATCH} must send it back in {@code If-Match}; a stale one gets 409.
 *
 * <p>A connection's {@code webhook.path} is always shown; {@code webhook.url}, the absolute URL to
 * give the platform, only when the deployment knows where it is reached ({@link #withWebhookBase}).
 */
public final class SettingsApi {
  static final int MAX_BODY_BYTES = 64 * 1024;
  static final String OPENAPI_RESOURCE = "/openapi/settings-api.yaml";
  private static final Pattern ONE = Pattern.compile("/connections/([^/]+)");
  private static final Pattern ACTION =
      Pattern.compile("/connections/([^/]+)/(enable|disable|test|rotate-secrets|audit)");

  private final ConnectionService service;
  private final ToLongFunction<String> parkedEvents;
  private final Supplier<Optional<WebhookBaseUrl>> webhookBase;
  private final AccessLinks accessLinks;
  private final ApiErrors errors = new ApiErrors();

  /**
   * Without webhook URLs (connections show {@code webhook.path} only).
   *
   * @param parkedEvents counts a connection's events waiting in the outbox (its health's {@code
   *     parked})
   */
  public SettingsApi(ConnectionService service, ToLongFunction<String> parkedEvents) {
    this(service, parkedEvents, Optional::empty, AccessLinks.none());
  }

  private SettingsApi(
      ConnectionService service,
      ToLongFunction<String> parkedEvents,
      Supplier<Optional<WebhookBaseUrl>> webhookBase,
      AccessLinks accessLinks) {
    this.service = service;
    this.parkedEvents = parkedEvents;
    this.webhookBase = webhookBase;
    this.accessLinks = accessLinks;
  }

  /**
   * This API, showing each connection's {@code webhook.url} on the base {@code webhookBase} gives
   * at each request (empty: none); a supplier, since a server bound to any free port learns its
   * address only once it listens.
   */
  public SettingsApi withWebhookBase(Supplier<Optional<WebhookBaseUrl>> value) {
    return new SettingsApi(service, parkedEvents, value, accessLinks);
  }

  /**
   * This API, showing each ASSUME_ROLE connection's one-click role link ({@code
   * destination.auth.quickCreateLink}) when {@code value} is {@link AccessLinks#enabled()}.
   */
  public SettingsApi withAccessLinks(AccessLinks value) {
    return new SettingsApi(service, parkedEvents, webhookBase, value);
  }

  /**
   * Handles one request; never throws. Anything the client sent that is wrong is a 4xx naming it; a
   * 5xx only ever means the service or its stores failed.
   */
  public ApiResponse handle(ApiRequest request) {
    try {
      return route(request);
    } catch (RuntimeException e) {
      return errors.toResponse(e, request.method() + " " + routeName(request.path()));
    }
  }

  private ApiResponse route(ApiRequest request) {
    Optional<String> override = RequestMethods.overrideHeader(request::header);
    if (override.isPresent()) {
      throw new ApiRequestRejectedException(
          400,
          "MethodOverrideRefused",
          RequestMethods.overrideRefused(override.get()),
          override.get());
    }
    String path =
        request.path().endsWith("/") && request.path().length() > 1
            ? request.path().substring(0, request.path().length() - 1)
            : request.path();
    if (path.equals("/openapi.yaml")) {
      return request.method().equals("GET")
          ? new ApiResponse(200, Map.of("Content-Type", "application/yaml"), openApi())
          : ApiErrors.methodNotAllowed(request.method(), "GET");
    }
    if (request.caller() == null) {
      return ApiErrors.problem(
          401, "Unauthenticated", "sign the request (IAM) or pass the operator token");
    }
    if (path.equals("/connections")) {
      return switch (request.method()) {
        case "GET" -> list(request);
        case "POST" -> create(request);
        default -> ApiErrors.methodNotAllowed(request.method(), "GET", "POST");
      };
    }
    Matcher action = ACTION.matcher(path);
    if (action.matches()) {
      return action(request, connectionId(action.group(1)), action.group(2));
    }
    Matcher one = ONE.matcher(path);
    if (one.matches()) {
      String id = connectionId(one.group(1));
      return switch (request.method()) {
        case "GET" -> ok(200, service.get(request.caller(), id));
        case "PATCH" -> update(request, id);
        case "DELETE" -> {
          service.delete(request.caller(), id);
          yield new ApiResponse(204, Map.of(), "");
        }
        default -> ApiErrors.methodNotAllowed(request.method(), "GET", "PATCH", "DELETE");
      };
    }
    return ApiErrors.problem(404, "NotFound", "no such resource; see GET /openapi.yaml");
  }

  private ApiResponse action(ApiRequest request, String id, String action) {
    if (action.equals("audit")) {
      if (!request.method().equals("GET")) {
        return ApiErrors.methodNotAllowed(request.method(), "GET");
      }
      int limit = intParam(request, "limit", 50);
      return json(200, ConnectionViews.audit(service.auditTrail(request.caller(), id, limit)));
    }
    if (!request.method().equals("POST")) {
      return ApiErrors.methodNotAllowed(request.method(), "POST");
    }
    return switch (action) {
      case "enable" -> ok(200, service.enable(request.caller(), id));
      case "disable" -> ok(200, service.disable(request.caller(), id));
      case "rotate-secrets" -> ok(200, service.rotateSecrets(request.caller(), id));
      default -> json(200, ConnectionViews.testReport(service.test(request.caller(), id)));
    };
  }

  /** The id from the path, checked before any store sees it. */
  private static String connectionId(String id) {
    if (!ConnectionIds.valid(id)) {
      throw new ApiRequestRejectedException(
          400, "InvalidPathParameter", "connectionId " + ConnectionIds.EXPECTED, "connectionId");
    }
    return id;
  }

  /** The route a path matched, for logs: ids left out, whatever the client sent. */
  private static String routeName(String path) {
    if (path.equals("/connections") || path.equals("/openapi.yaml")) {
      return path;
    }
    Matcher action = ACTION.matcher(path);
    if (action.matches()) {
      return "/connections/{id}/" + action.group(2);
    }
    return ONE.matcher(path).matches() ? "/connections/{id}" : "(no route)";
  }

  private ApiResponse list(ApiRequest request) {
    int limit = intParam(request, "limit", 50);
    ConnectionStore.ConnectionPage page =
        service.list(request.caller(), limit, request.query().get("cursor"));
    return json(
        200,
        ConnectionViews.page(
            page.connections(), page.nextCursor(), parkedEvents, webhookBase.get(), accessLinks));
  }

  private ApiResponse create(ApiRequest request) {
    ConnectionRequest body = body(request);
    Connection created = service.create(request.caller(), body);
    ApiResponse response = ok(201, created);
    return new ApiResponse(
        201,
        Map.of(
            "Content-Type",
            "application/json",
            "ETag",
            etag(created),
            "Location",
            "/connections/" + created.id()),
        response.body());
  }

  private ApiResponse update(ApiRequest request, String id) {
    String ifMatch = request.header("If-Match");
    if (ifMatch == null) {
      return ApiErrors.problem(
          428,
          "PreconditionRequired",
          "send If-Match with the ETag of the connection you read (GET /connections/" + id + ")");
    }
    long version;
    try {
      version = Long.parseLong(ifMatch.replace("W/", "").replace("\"", "").trim());
    } catch (NumberFormatException e) {
      return ApiErrors.problem(
          400, "InvalidIfMatch", "If-Match must be the ETag a GET returned, e.g. \"3\"");
    }
    return ok(200, service.update(request.caller(), id, version, body(request)));
  }

  private static ConnectionRequest body(ApiRequest request) {
    String type = request.header("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiRequestRejectedException(
          415, "UnsupportedMediaType", "send the body as application/json");
    }
    if (request.body().length > MAX_BODY_BYTES) {
      throw new ApiRequestRejectedException(
          413, "PayloadTooLarge", "a connection body is at most " + MAX_BODY_BYTES + " bytes");
    }
    return ConnectionRequestReader.read(request.body());
  }

  private static int intParam(ApiRequest request, String name, int fallback) {
    String value = request.query().get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 1 && parsed <= 100) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ApiRequestRejectedException(
        400, "InvalidParameter", name + " must be an integer from 1 to 100", name);
  }

  private ApiResponse ok(int status, Connection connection) {
    return new ApiResponse(
        status,
        Map.of("Content-Type", "application/json", "ETag", etag(connection)),
        ConnectionViews.connection(
                connection,
                parkedEvents.applyAsLong(connection.id()),
                webhookBase.get(),
                accessLinks)
            .toString());
  }

  static ApiResponse json(int status, JsonNode body) {
    return new ApiResponse(status, Map.of("Content-Type", "application/json"), body.toString());
  }

  private static String etag(Connection connection) {
    return "\"" + connection.version() + "\"";
  }

  private static String openApi() {
    try (InputStream in = SettingsApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode object() {
    return ConnectionViews.JSON.createObjectNode();
  }
}
