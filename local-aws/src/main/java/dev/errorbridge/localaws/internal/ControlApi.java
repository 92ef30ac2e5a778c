package dev.errorbridge.localaws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.errorbridge.localaws.AccountCredentials;
import dev.errorbridge.localaws.LocalAwsConfigException;
import dev.errorbridge.localaws.events.DeliveredEvent;
import dev.errorbridge.localaws.events.TargetDeliveries;
import dev.errorbridge.localaws.fault.Fault;
import dev.errorbridge.localaws.fault.FaultInjector;
import dev.errorbridge.localaws.sts.AssumeRoleCall;
import dev.errorbridge.localaws.sts.AssumeRoleLog;
import dev.errorbridge.localaws.sts.StsRole;
import dev.errorbridge.localaws.sts.StsRoles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The unsigned control API under {@code /_localaws/}, for tests in other processes and for people:
 *
 * <ul>
 *   <li>{@code GET /_localaws/health}
 *   <li>{@code GET|POST|DELETE /_localaws/faults}: list, add (one fault or an array), clear
 *   <li>{@code GET|DELETE /_localaws/deliveries[?target=ARN]}: what rules delivered to targets;
 *       clear
 *   <li>{@code POST /_localaws/credentials}: register {@code {accessKeyId, secretAccessKey,
 *       accountId}}
 *   <li>{@code GET|POST /_localaws/roles}: list STS roles; register {@code {roleArn,
 *       trustedAccountIds, externalId?, maxSessionDurationSeconds?}}
 *   <li>{@code GET|DELETE /_localaws/sts-requests}: the AssumeRole requests STS answered; clear
 * </ul>
 */
public final class ControlApi implements HttpHandler {
  private final FaultInjector faults;
  private final TargetDeliveries deliveries;
  private final Consumer<AccountCredentials> registerCredentials;
  private final StsRoles roles;
  private final AssumeRoleLog assumeRoleLog;

  public ControlApi(
      FaultInjector faults,
      TargetDeliveries deliveries,
      Consumer<AccountCredentials> registerCredentials,
      StsRoles roles,
      AssumeRoleLog assumeRoleLog) {
    this.faults = faults;
    this.deliveries = deliveries;
    this.registerCredentials = registerCredentials;
    this.roles = roles;
    this.assumeRoleLog = assumeRoleLog;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    try {
      JsonNode response =
          switch (path) {
            case "/_localaws/health" -> Json.object().put("status", "ok");
            case "/_localaws/faults" -> faults(method, exchange);
            case "/_localaws/deliveries" -> deliveries(method, exchange);
            case "/_localaws/credentials" -> credentials(method, exchange);
            case "/_localaws/roles" -> roles(method, exchange);
            case "/_localaws/sts-requests" -> stsRequests(method);
            default -> throw new ControlError(404, "No control endpoint " + path);
          };
      respond(exchange, 200, response);
    } catch (ControlError e) {
      respond(exchange, e.status, Json.object().put("error", e.getMessage()));
    } catch (LocalAwsConfigException e) {
      respond(exchange, 400, Json.object().put("error", e.getMessage()));
    }
  }

  private JsonNode faults(String method, HttpExchange exchange) throws IOException {
    switch (method) {
      case "GET" -> {
        ArrayNode list = Json.array();
        faults.pending().forEach(f -> list.add(faultJson(f)));
        return Json.object().set("faults", list);
      }
      case "POST" -> {
        JsonNode body = body(exchange);
        List<Fault> parsed = new ArrayList<>();
        if (body.isArray()) {
          body.forEach(node -> parsed.add(fault(node)));
        } else {
          parsed.add(fault(body));
        }
        faults.inject(parsed.toArray(Fault[]::new));
        return Json.object().put("injected", parsed.size());
      }
      case "DELETE" -> {
        faults.clear();
        return Json.object().put("cleared", true);
      }
      default -> throw new ControlError(405, "Use GET, POST or DELETE on /_localaws/faults");
    }
  }

  private JsonNode deliveries(String method, HttpExchange exchange) {
    if ("DELETE".equals(method)) {
      deliveries.clear();
      return Json.object().put("cleared", true);
    }
    if (!"GET".equals(method)) {
      throw new ControlError(405, "Use GET or DELETE on /_localaws/deliveries");
    }
    String target = queryParameter(exchange, "target");
    List<DeliveredEvent> found = target == null ? deliveries.all() : deliveries.forTarget(target);
    ArrayNode list = Json.array();
    for (DeliveredEvent event : found) {
      ObjectNode json = list.addObject();
      json.put("targetArn", event.targetArn());
      json.put("ruleArn", event.ruleArn());
      json.put("targetId", event.targetId());
      json.put("deliveredAt", event.deliveredAt().toString());
      try {
        json.set("event", Json.MAPPER.readTree(event.envelope()));
      } catch (IOException e) {
        json.put("event", event.envelope());
      }
    }
    return Json.object().set("deliveries", list);
  }

  private JsonNode credentials(String method, HttpExchange exchange) throws IOException {
    if (!"POST".equals(method)) {
      throw new ControlError(405, "Use POST on /_localaws/credentials");
    }
    JsonNode body = body(exchange);
    AccountCredentials credentials =
        new AccountCredentials(
            body.path("accessKeyId").asText(null),
            body.path("secretAccessKey").asText(null),
            body.path("accountId").asText(null));
    registerCredentials.accept(credentials);
    return Json.object()
        .put("accessKeyId", credentials.accessKeyId())
        .put("accountId", credentials.accountId());
  }

  private JsonNode roles(String method, HttpExchange exchange) throws IOException {
    if ("GET".equals(method)) {
      ArrayNode list = Json.array();
      roles.all().forEach(role -> list.add(roleJson(role)));
      return Json.object().set("roles", list);
    }
    if (!"POST".equals(method)) {
      throw new ControlError(405, "Use GET or POST on /_localaws/roles");
    }
    JsonNode body = body(exchange);
    Set<String> trusted = new LinkedHashSet<>();
    body.path("trustedAccountIds").forEach(id -> trusted.add(id.asText()));
    StsRole role =
        new StsRole(
            body.path("roleArn").asText(null),
            trusted,
            body.path("externalId").asText(null),
            body.path("maxSessionDurationSeconds")
                .asInt(StsRole.DEFAULT_MAX_SESSION_DURATION_SECONDS));
    return roleJson(roles.register(role));
  }

  private JsonNode stsRequests(String method) {
    if ("DELETE".equals(method)) {
      assumeRoleLog.clear();
      return Json.object().put("cleared", true);
    }
    if (!"GET".equals(method)) {
      throw new ControlError(405, "Use GET or DELETE on /_localaws/sts-requests");
    }
    ArrayNode list = Json.array();
    for (AssumeRoleCall call : assumeRoleLog.all()) {
      ObjectNode json = list.addObject();
      json.put("receivedAt", call.receivedAt().toString());
      json.put("callerAccountId", call.callerAccountId());
      json.put("callerAccessKeyId", call.callerAccessKeyId());
      json.put("roleArn", call.roleArn());
      json.put("roleSessionName", call.roleSessionName());
      json.put("externalId", call.externalId());
      json.put("durationSeconds", call.durationSeconds());
      json.put("errorCode", call.errorCode());
    }
    return Json.object().set("requests", list);
  }

  private static ObjectNode roleJson(StsRole role) {
    ObjectNode json = Json.object().put("roleArn", role.roleArn());
    ArrayNode trusted = json.putArray("trustedAccountIds");
    role.trustedAccountIds().stream().sorted().forEach(trusted::add);
    json.put("externalId", role.requiredExternalId());
    json.put("maxSessionDurationSeconds", role.maxSessionDurationSeconds());
    return json;
  }

  /**
   * Reads a fault in the JSON form {@code {operation, kind, times, errorCode, entries, httpStatus,
   * latencyMs}}.
   */
  static Fault fault(JsonNode node) {
    String kind = node.path("kind").asText("");
    Fault.Kind parsedKind;
    try {
      parsedKind = Fault.Kind.valueOf(kind);
    } catch (IllegalArgumentException e) {
      throw new LocalAwsConfigException(
          "kind must be one of THROTTLE, HTTP_STATUS, DROP_CONNECTION, LATENCY, ENTRY_ERROR; got '"
              + kind
              + "'");
    }
    List<Integer> entries = new ArrayList<>();
    node.path("entries").forEach(e -> entries.add(e.asInt()));
    Duration latency =
        node.has("latencyMs") ? Duration.ofMillis(node.get("latencyMs").asLong()) : null;
    return new Fault(
        node.path("operation").asText(null),
        parsedKind,
        node.path("times").asInt(1),
        node.path("errorCode").asText(null),
        entries,
        node.path("httpStatus").asInt(0),
        latency);
  }

  private static ObjectNode faultJson(Fault fault) {
    ObjectNode json =
        Json.object().put("operation", fault.operation()).put("kind", fault.kind().name());
    json.put("times", fault.times());
    if (fault.errorCode() != null) {
      json.put("errorCode", fault.errorCode());
    }
    if (!fault.entries().isEmpty()) {
      ArrayNode entries = json.putArray("entries");
      fault.entries().forEach(entries::add);
    }
    if (fault.httpStatus() != 0) {
      json.put("httpStatus", fault.httpStatus());
    }
    if (fault.latency() != null) {
      json.put("latencyMs", fault.latency().toMillis());
    }
    return json;
  }

  private static JsonNode body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(1024 * 1024);
      try {
        return Json.MAPPER.readTree(bytes);
      } catch (IOException e) {
        throw new ControlError(400, "The body must be JSON: " + e.getMessage());
      }
    }
  }

  private static String queryParameter(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static final class ControlError extends RuntimeException {
    final int status;

    ControlError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
