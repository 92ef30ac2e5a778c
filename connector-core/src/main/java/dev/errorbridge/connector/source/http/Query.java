package dev.errorbridge.connector.source.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A URL query string, percent-encoded ({@code %20} for spaces, not {@code +}, which some APIs read
 * literally inside filter expressions such as Runflow's {@code q}).
 */
public final class Query {
  private final StringBuilder text = new StringBuilder();

  private Query() {}

  /** An empty query. */
  public static Query of() {
    return new Query();
  }

  /** Appends {@code name=value}; a {@code null} value is left out. */
  public Query add(String name, Object value) {
    if (value != null) {
      if (text.length() > 0) {
        text.append('&');
      }
      text.append(encode(name)).append('=').append(encode(String.valueOf(value)));
    }
    return this;
  }

  /** The encoded query, without the leading {@code ?}; empty when nothing was added. */
  public String encoded() {
    return text.toString();
  }

  /** {@code value} percent-encoded for a query or a single path segment. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
