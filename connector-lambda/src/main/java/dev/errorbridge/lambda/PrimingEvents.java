package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/** Synthetic events the priming steps send through a handler's own adapter code. */
final class PrimingEvents {
  private PrimingEvents() {}

  /** {@code GET /openapi.yaml}: answered from a resource, with no caller and no I/O. */
  static APIGatewayV2HTTPEvent settingsRequest() {
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("$default")
        .withRawPath("/openapi.yaml")
        .withRawQueryString("")
        .withHeaders(Map.of("accept", "application/yaml"))
        .withIsBase64Encoded(false)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withStage("$default")
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod("GET")
                        .withPath("/openapi.yaml")
                        .build())
                .build())
        .build();
  }

  /**
   * {@code POST /webhooks/priming} with an empty JSON body: the intake's guards refuse it (400)
   * before the connection lookup, so no store, key or secret is touched.
   */
  static APIGatewayV2HTTPEvent emptyWebhook() {
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("$default")
        .withRawPath("/webhooks/priming")
        .withRawQueryString("")
        .withHeaders(Map.of("content-type", "application/json", "runflow-signature", "0"))
        .withBody("")
        .withIsBase64Encoded(false)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withStage("$default")
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod("POST")
                        .withPath("/webhooks/priming")
                        .build())
                .build())
        .build();
  }
}
