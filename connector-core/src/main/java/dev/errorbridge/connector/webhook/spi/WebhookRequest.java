package dev.errorbridge.connector.webhook.spi;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code POST /webhooks/{connectionId}} as any transport (a Lambda behind API Gateway, the
 * standalone server) received it, before anything is checked.
 *
 * <p>The body is kept byte-exact: signatures are computed over the raw bytes, so a transport must
 * neither decode nor re-encode it. {@link #toString()} shows no header or query values and no body,
 * since they may carry tokens.
 *
 * @param connectionId the {@code {connectionId}} path segment, as received
 * @param headers the request headers (case-insensitive)
 * @param queryParameters the decoded query parameters, each with its values in order
 * @param body the raw body; {@link #body()} returns a copy
 * @param receivedAt when the transport received the request; becomes the failure's {@code
 *     detectedAt}
 */
public record WebhookRequest(
    String connectionId,
    WebhookHeaders headers,
    Map<String, List<String>> queryParameters,
    byte[] body,
    Instant receivedAt) {

  public WebhookRequest {
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    headers = headers == null ? WebhookHeaders.empty() : headers;
    queryParameters = copy(queryParameters);
    body = body == null ? new byte[0] : body.clone();
  }

  /** A copy of the raw body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body's length in bytes. */
  public int bodyLength() {
    return body.length;
  }

  /** The first value of query parameter {@code name}. */
  public Optional<String> queryParameter(String name) {
    List<String> values = queryParameters.getOrDefault(name, List.of());
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every value of query parameter {@code name}; empty when absent. */
  public List<String> queryParameters(String name) {
    return queryParameters.getOrDefault(name, List.of());
  }

  /**
   * The body itself, not a copy, for the receiver and the platforms' verifiers, which read it
   * several times (guards, signatures, parsing) and must never change it: this spares a copy of up
   * to the body limit per read.
   */
  public byte[] rawBody() {
    return body;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WebhookRequest r
        && connectionId.equals(r.connectionId)
        && headers.equals(r.headers)
        && queryParameters.equals(r.queryParameters)
        && Arrays.equals(body, r.body)
        && receivedAt.equals(r.receivedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(connectionId, headers, queryParameters, Arrays.hashCode(body), receivedAt);
  }

  @Override
  public String toString() {
    return "WebhookRequest[connectionId="
        + connectionId
        + ", headers="
        + headers
        + ", queryParameters="
        + queryParameters.keySet()
        + ", body="
        + body.length
        + " bytes, receivedAt="
        + receivedAt
        + "]";
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> parameters) {
    if (parameters == null || parameters.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    parameters.forEach(
        (name, values) -> {
          if (name != null && values != null) {
            copy.put(name, values.stream().filter(Objects::nonNull).toList());
          }
        });
    return Collections.unmodifiableMap(copy);
  }
}
