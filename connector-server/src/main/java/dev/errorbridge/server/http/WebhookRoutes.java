package dev.errorbridge.server.http;

import dev.errorbridge.connector.webhook.spi.WebhookHeaders;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /webhooks/{connectionId}}: reads the raw body byte-exact within the body limit
 * (signatures cover the exact bytes), hands the request to the {@link WebhookEndpoint} and writes
 * its answer. Needs no operator token: webhooks authenticate with their own signatures.
 */
final class WebhookRoutes {
  private final WebhookEndpoint endpoint;
  private final int maxBodyBytes;
  private final Clock clock;

  WebhookRoutes(WebhookEndpoint endpoint, int maxBodyBytes, Clock clock) {
    this.endpoint = endpoint;
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
  }

  void handle(Context ctx) throws IOException {
    var receivedAt = clock.instant();
    Optional<byte[]> body = BoundedBody.read(ctx, maxBodyBytes);
    if (body.isEmpty()) {
      // Close rather than drain the rest of an oversized body.
      ctx.header("Connection", "close");
      Problems.write(
          ctx, 413, "PayloadTooLarge", "body must be at most " + maxBodyBytes + " bytes");
      return;
    }
    WebhookRequest request =
        new WebhookRequest(
            ctx.pathParam("connectionId"),
            WebhookHeaders.of(headers(ctx)),
            ctx.queryParamMap(),
            body.get(),
            receivedAt);
    WebhookResponse response = endpoint.handle(request);
    response.headers().forEach(ctx::header);
    ctx.status(response.status()).contentType(WebhookResponse.CONTENT_TYPE).result(response.body());
  }

  private static Map<String, List<String>> headers(Context ctx) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(ctx.req().getHeaderNames())) {
      headers.put(name, new ArrayList<>(Collections.list(ctx.req().getHeaders(name))));
    }
    return headers;
  }
}
