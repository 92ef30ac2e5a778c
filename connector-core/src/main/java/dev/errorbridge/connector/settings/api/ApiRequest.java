package dev.errorbridge.connector.settings.api;

import dev.errorbridge.connector.audit.Caller;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request as any transport (API Gateway through Lambda, the standalone server) hands it
 * over.
 *
 * @param method the HTTP method exactly as sent, e.g. {@code PATCH}
 * @param path the path without query, e.g. {@code /connections/cn_1}
 * @param query the query parameters (first value of each)
 * @param headers the headers (looked up case-insensitively)
 * @param body the raw body, possibly empty
 * @param caller who the transport authenticated, or {@code null} if nobody
 */
public record ApiRequest(
    String method,
    String path,
    Map<String, String> query,
    Map<String, String> headers,
    byte[] body,
    Caller caller) {
  public ApiRequest {
    // As sent: method names are case-sensitive (RFC 9110, section 9.1), so "post" is not "POST".
    method = method == null ? "" : method;
    query = query == null ? Map.of() : Map.copyOf(query);
    TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      caseless.putAll(headers);
    }
    headers = java.util.Collections.unmodifiableMap(caseless);
    body = body == null ? new byte[0] : body;
  }

  /** A header's value, or {@code null}. */
  public String header(String name) {
    return headers.get(name);
  }
}
