package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.engine.DeliveryResult;
import dev.errorbridge.connector.publish.PublishOutcome;
import dev.errorbridge.connector.retry.RetryRouting;
import dev.errorbridge.connector.store.Outbox;
import dev.errorbridge.connector.webhook.spi.ResponseBodies;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 202 answers of {@link WebhookIntake}: each says what became of the event, never why in detail
 * (that is in the connection's health and dead letters, for its owner).
 */
final class IntakeResponses {
  static final String DISABLED = "connection disabled";
  static final String FILTERED = "not streamed by this connection's outcome or workflow filters";

  private IntakeResponses() {}

  /**
   * The answer for a failure {@code ConnectionDelivery} settled: filtered out; claimed before (a
   * duplicate only once it is on the bus, queued while it waits in the outbox); delivered; or
   * parked (in the retry store when {@link RetryRouting} says so, else among the dead letters).
   */
  static WebhookResponse published(String eventId, DeliveryResult.Published published) {
    if (published.filteredOut() > 0) {
      return ignored(FILTERED);
    }
    Outbox.DeliveryState before = published.known().get(eventId);
    if (before != null) {
      return switch (before) {
        case DELIVERED -> duplicate(eventId);
        case PENDING -> queued(eventId);
        case DEAD_LETTERED -> deadLettered(eventId);
      };
    }
    PublishOutcome outcome = published.report().outcomes().get(0);
    if (outcome instanceof PublishOutcome.Delivered) {
      return accepted(eventId);
    }
    if (outcome instanceof PublishOutcome.DeadLettered d
        && RetryRouting.retryLater(d.reason(), d.errorCode())) {
      return queued(eventId);
    }
    return deadLettered(eventId);
  }

  /** On the bus. */
  static WebhookResponse accepted(String eventId) {
    return settled("accepted", eventId);
  }

  /** On the bus already (by this webhook's earlier delivery, or by a poll). */
  static WebhookResponse duplicate(String eventId) {
    return settled("duplicate", eventId);
  }

  /** Parked in the retry store; the retry worker delivers it. */
  static WebhookResponse queued(String eventId) {
    return settled("queued", eventId);
  }

  /** Parked among the dead letters, for the owner to fix and replay. */
  static WebhookResponse deadLettered(String eventId) {
    return settled("dead-lettered", eventId);
  }

  /** Authentic, but nothing to stream: the same answer as the receiver's {@code Ignored}. */
  static WebhookResponse ignored(String reason) {
    return new WebhookReceipt.Ignored(reason).response();
  }

  private static WebhookResponse settled(String status, String eventId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("eventId", eventId);
    return ResponseBodies.json(202, body, Map.of());
  }
}
