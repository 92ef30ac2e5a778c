package dev.errorbridge.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.inbound.JsonBodyInvalidException;
import dev.errorbridge.connector.inbound.StrictJson;
import dev.errorbridge.server.ops.AlertInbox;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;

/**
 * The demo bus's alert inbox: {@code POST /alerts/inbox} is the rules' HTTP target (local-aws posts
 * each matched event there, with the inbox key it was given at start, so nobody else can add
 * alerts), {@code GET /alerts} lists what arrived (operator only).
 */
final class AlertRoutes {
  private static final int MAX_ENVELOPE_BYTES = 2 * 1024 * 1024;

  private final AlertInbox inbox;
  private final byte[] key;
  private final OperatorAuth auth;
  private final Clock clock;

  AlertRoutes(AlertInbox inbox, String key, OperatorAuth auth, Clock clock) {
    this.inbox = inbox;
    this.key = key.getBytes(StandardCharsets.UTF_8);
    this.auth = auth;
    this.clock = clock;
  }

  void receive(Context ctx) throws IOException {
    String presented = ctx.queryParam("key");
    if (presented == null
        || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), key)) {
      Problems.write(ctx, 403, "Forbidden", "only the demo bus posts alerts");
      return;
    }
    Optional<byte[]> body = BoundedBody.read(ctx, MAX_ENVELOPE_BYTES);
    if (body.isEmpty()) {
      Problems.write(ctx, 413, "PayloadTooLarge", "an event envelope is at most 2 MiB");
      return;
    }
    JsonNode envelope;
    try {
      envelope = StrictJson.standard().readObject(body.get());
    } catch (JsonBodyInvalidException e) {
      Problems.write(ctx, 400, "InvalidEnvelope", "the body must be an EventBridge event");
      return;
    }
    String rule = Optional.ofNullable(ctx.queryParam("rule")).orElse("unknown");
    inbox.receive(envelope, rule, clock.instant());
    ctx.status(204);
  }

  void list(Context ctx) {
    if (!auth.require(ctx)) {
      return;
    }
    ObjectNode body = Problems.JSON.createObjectNode();
    ArrayNode alerts = body.putArray("alerts");
    for (AlertInbox.Alert alert : inbox.alerts()) {
      ObjectNode item = alerts.addObject();
      item.put("eventId", alert.eventId());
      item.put("awsEventId", alert.awsEventId());
      item.put("receivedAt", alert.receivedAt().toString());
      item.put("detailType", alert.detailType());
      item.put("source", alert.source());
      item.put("summary", alert.line());
      alert.rules().forEach(item.putArray("rules")::add);
      item.set("detail", alert.detail());
    }
    ctx.contentType("application/json").result(body.toString());
  }
}
