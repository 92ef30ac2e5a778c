package dev.errorbridge.connector.settings.api;

import java.util.Map;

/**
 * The response a transport writes back.
 *
 * @param status the HTTP status
 * @param headers response headers (Content-Type is always set when there is a body)
 * @param body the body (JSON, or YAML for the OpenAPI document), empty for 204
 */
public record ApiResponse(int status, Map<String, String> headers, String body) {
  public ApiResponse {
    headers = Map.copyOf(headers);
  }
}
