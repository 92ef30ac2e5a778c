package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.errorbridge.connector.inbound.Incidents;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the parts of an API Gateway HTTP API (payload 2.0) or Lambda Function URL event that every
 * handler needs, and builds the response; both services send the same event shape.
 */
final class HttpEvents {
  private HttpEvents() {}

  /**
   * The HTTP method exactly as sent (method names are case-sensitive, RFC 9110, section 9.1);
   * {@code GET} if the event names none.
   */
  static String method(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
    String method =
        context == null || context.getHttp() == null ? null : context.getHttp().getMethod();
    return method == null ? "GET" : method;
  }

  /**
   * The path as the application sees it: {@code rawPath} without the stage prefix that API Gateway
   * keeps for a named stage ({@code /prod/connections} → {@code /connections}); Function URLs and
   * the {@code $default} stage have none.
   */
  static String path(APIGatewayV2HTTPEvent event) {
    String raw =
        event.getRawPath() == null || event.getRawPath().isEmpty() ? "/" : event.getRawPath();
    APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
    String stage = context == null ? null : context.getStage();
    if (stage != null && !stage.isEmpty() && !stage.equals("$default")) {
      String prefix = "/" + stage;
      if (raw.equals(prefix)) {
        return "/";
      }
      if (raw.startsWith(prefix + "/")) {
        return raw.substring(prefix.length());
      }
    }
    return raw;
  }

  /**
   * The body's bytes: base64-decoded when the service encoded it, else the string's UTF-8 bytes.
   *
   * <p>Caveat: API Gateway and Function URLs pass a body as text (not base64) only when they take
   * it for text, and then its UTF-8 bytes are the bytes sent only if the sender sent valid UTF-8;
   * anything else was already replaced before Lambda saw it. JSON webhooks are UTF-8 by RFC 8259,
   * so signatures over them verify; a sender of other bytes must use a binary content type.
   *
   * @throws IllegalArgumentException when a body marked base64 is not valid base64
   */
  static byte[] body(APIGatewayV2HTTPEvent event) {
    String body = event.getBody();
    if (body == null) {
      return new byte[0];
    }
    return event.getIsBase64Encoded()
        ? Base64.getDecoder().decode(body)
        : body.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The headers. Both services lower-case the names and join a repeated header's values with commas
   * into one value; that value is kept whole, since splitting it would break values that contain
   * commas (e.g. a {@code t=…,v1=…} signature header). Cookies arrive apart and are restored as one
   * {@code cookie} header.
   */
  static Map<String, List<String>> headers(APIGatewayV2HTTPEvent event) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (event.getHeaders() != null) {
      event
          .getHeaders()
          .forEach(
              (name, value) -> {
                if (name != null && value != null) {
                  headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
              });
    }
    if (event.getCookies() != null && !event.getCookies().isEmpty()) {
      headers
          .computeIfAbsent("cookie", n -> new ArrayList<>())
          .add(String.join("; ", event.getCookies()));
    }
    return headers;
  }

  /**
   * The query parameters, each with every value in order, decoded from {@code rawQueryString} (the
   * joined {@code queryStringParameters} lose the order and merge values with commas).
   */
  static Map<String, List<String>> query(APIGatewayV2HTTPEvent event) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    String raw = event.getRawQueryString();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    } else if (event.getQueryStringParameters() != null) {
      event.getQueryStringParameters().forEach((name, value) -> query.put(name, List.of(value)));
    }
    return query;
  }

  /** The first value of each query parameter. */
  static Map<String, String> firstValues(Map<String, List<String>> query) {
    Map<String, String> first = new LinkedHashMap<>();
    query.forEach((name, values) -> first.put(name, values.isEmpty() ? "" : values.get(0)));
    return first;
  }

  /** A JSON (or YAML) text response; never base64. */
  static APIGatewayV2HTTPResponse response(int status, Map<String, String> headers, String body) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(new LinkedHashMap<>(headers))
        .withBody(body)
        .withIsBase64Encoded(false)
        .build();
  }

  /** The 500 answer for a fault of the handler itself, logged once as {@code incident}. */
  static APIGatewayV2HTTPResponse incident(String incident) {
    return response(
        500,
        Map.of("Content-Type", "application/json"),
        "{\"error\":\"InternalError\",\"message\":\""
            + Incidents.message(incident)
            + "\",\"incident\":\""
            + incident
            + "\"}");
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value; // a malformed escape: keep the raw text rather than fail the request
    }
  }
}
