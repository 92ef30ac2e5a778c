package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.webhook.spi.WebhookReceipt.Rejected;
import java.time.Duration;
import java.util.List;

/**
 * The receiver's rejections. Authentication and lookup failures have one fixed wording each, so a
 * caller learns neither which check failed nor whether a connection exists.
 */
final class Rejections {
  static final Rejected NOT_FOUND = new Rejected(404, List.of("no such webhook endpoint"));

  static final Rejected UNAUTHORIZED =
      new Rejected(401, List.of("the request could not be authenticated"));

  static final Rejected UNSUPPORTED_MEDIA_TYPE =
      new Rejected(
          415,
          List.of(
              "Content-Type must be application/json or application/*+json, with charset utf-8 if"
                  + " any"));

  static final Rejected EMPTY_BODY = new Rejected(400, List.of("body must not be empty"));

  /** How soon to retry after a failing dependency (connection store, replay store). */
  static final Duration UNAVAILABLE_RETRY = Duration.ofSeconds(5);

  static final Rejected UNAVAILABLE =
      new Rejected(
          503, List.of("the webhook receiver is temporarily unavailable"), UNAVAILABLE_RETRY);

  private Rejections() {}

  static Rejected tooLarge(int maxBodyBytes) {
    return new Rejected(413, List.of("body must be at most " + maxBodyBytes + " bytes"));
  }

  static Rejected tooManyRequests(Duration retryAfter) {
    return new Rejected(
        429, List.of("too many requests for this webhook endpoint; retry later"), retryAfter);
  }

  static Rejected invalidPayload(List<String> problems) {
    return new Rejected(400, problems);
  }
}
