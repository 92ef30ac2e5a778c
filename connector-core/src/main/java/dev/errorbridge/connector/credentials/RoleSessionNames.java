package dev.errorbridge.connector.credentials;

import java.util.regex.Pattern;

/**
 * The {@code RoleSessionName} Errorbridge assumes a role with: {@code errorbridge-<connectionId>},
 * so the customer's CloudTrail shows which connection acted. STS allows 2 to 64 characters of
 * {@code [\w+=,.@-]}; others become {@code -} and the name is cut at 64.
 */
final class RoleSessionNames {
  static final String PREFIX = "errorbridge-";
  static final int MAX_LENGTH = 64;
  private static final Pattern NOT_ALLOWED = Pattern.compile("[^\\w+=,.@-]");

  private RoleSessionNames() {}

  static String forConnection(String connectionId) {
    String name = PREFIX + NOT_ALLOWED.matcher(connectionId).replaceAll("-");
    return name.length() <= MAX_LENGTH ? name : name.substring(0, MAX_LENGTH);
  }
}
