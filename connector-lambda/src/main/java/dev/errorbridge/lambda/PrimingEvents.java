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
}
