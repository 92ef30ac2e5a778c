package dev.errorbridge.connector.inbound;

import java.util.regex.Pattern;

/**
 * The form of a connection id in a path ({@code /connections/{id}/…}, {@code /webhooks/{id}}) or a
 * request, checked before the id reaches a store: one rule for every route, so an over-long or
 * malformed id is the client's mistake (400, or the webhook intake's one 404), never a store error.
 * Generated ids are {@code cn_} and 20 hex digits; the rule is wider so that ids given by a {@code
 * ConnectionServiceBuilder} stay reachable.
 */
public final class ConnectionIds {
  /**
   * 1 to 128 letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit.
   */
  public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** What a problem about a malformed id says after the parameter's name. */
  public static final String EXPECTED =
      "must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit, as GET"
          + " /connections lists it (e.g. cn_0f3a9c1d2b4e5f607182)";

  private ConnectionIds() {}

  /** Whether {@code id} has the form of a connection id. */
  public static boolean valid(String id) {
    return id != null && PATTERN.matcher(id).matches();
  }
}
