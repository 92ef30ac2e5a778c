package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.errorbridge.connector.inbound.RequestMethods;
import dev.errorbridge.connector.webhook.spi.WebhookHeaders;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an API Gateway HTTP API (payload 2.0) or Function URL event into the transport-free {@link
 * WebhookRequest}, and a {@link WebhookResponse} back into the response. The body stays byte-exact
 * for signature checks (see {@link HttpEvents#body} for the one caveat of text bodies).
 */
final class WebhookEvents {
  private static final Pattern WEBHOOK_PATH = Pattern.compile("/webhooks/([^/]+)/?");

  private WebhookEvents() {}

  /** The request, or the answer to give at once (wrong path or method, malformed base64). */
  sealed interface Parsed permits Parsed.Request, Parsed.Answer {
    /** A webhook request for the intake. */
    record Request(WebhookRequest request) implements Parsed {}

    /** Refused before the intake sees it. */
    record Answer(APIGatewayV2HTTPResponse response) implements Parsed {}
  }

  /**
   * Reads {@code POST /webhooks/{connectionId}}. The connection id is the path segment as sent (ids
   * are URL-safe; anything else is unknown to the intake and gets its 404). {@code receivedAt} is
   * when API Gateway or the Function URL received the request ({@code requestContext.timeEpoch}),
   * else now.
   */
  static Parsed parse(APIGatewayV2HTTPEvent event, Clock clock) {
    Matcher path = WEBHOOK_PATH.matcher(HttpEvents.path(event));
    if (!path.matches()) {
      return new Parsed.Answer(
          response(
              new WebhookReceipt.Rejected(404, List.of("no such webhook endpoint")).response()));
    }
    Map<String, List<String>> headers = HttpEvents.headers(event);
    Optional<String> override = RequestMethods.overrideHeader(name -> first(headers, name));
    if (override.isPresent()) {
      return new Parsed.Answer(
          response(
              new WebhookReceipt.Rejected(
                      400, List.of(RequestMethods.overrideRefused(override.get())))
                  .response()));
    }
    String method = HttpEvents.method(event);
    if (!method.equals("POST")) {
      // Exactly POST: method names are case-sensitive, so "post" is refused too.
      WebhookResponse refused =
          new WebhookReceipt.Rejected(
                  405, List.of(RequestMethods.notAllowed(method, List.of("POST"))))
              .response();
      Map<String, String> headers405 = new LinkedHashMap<>(refused.headers());
      headers405.put("Allow", "POST");
      return new Parsed.Answer(response(new WebhookResponse(405, headers405, refused.body())));
    }
    byte[] body;
    try {
      body = HttpEvents.body(event);
    } catch (IllegalArgumentException e) {
      return new Parsed.Answer(
          response(new WebhookReceipt.Rejected(400, List.of("body: not valid base64")).response()));
    }
    return new Parsed.Request(
        new WebhookRequest(
            path.group(1),
            WebhookHeaders.of(headers),
            HttpEvents.query(event),
            body,
            receivedAt(event, clock)));
  }

  /** A header's first value, its name matched case-insensitively; {@code null} if absent. */
  private static String first(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
        return header.getValue().get(0);
      }
    }
    return null;
  }

  static APIGatewayV2HTTPResponse response(WebhookResponse response) {
    return HttpEvents.response(response.status(), response.headers(), response.body());
  }

  private static Instant receivedAt(APIGatewayV2HTTPEvent event, Clock clock) {
    APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
    return context != null && context.getTimeEpoch() > 0
        ? Instant.ofEpochMilli(context.getTimeEpoch())
        : clock.instant();
  }
}
