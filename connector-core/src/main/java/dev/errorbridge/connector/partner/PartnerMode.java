package dev.errorbridge.connector.partner;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether this deployment delivers as an EventBridge SaaS partner, and under which name prefix it
 * creates its customers' partner event sources. Off unless the operator sets a prefix: only an
 * operator that AWS registered as a partner may create partner event sources.
 *
 * <p>AWS names partner event sources {@code partner_name/event_namespace/event_name}, shown to
 * customers as {@code aws.partner/<partner_name>/<event_namespace>/<event_name>}; "partner_name is
 * determined during partner registration", the namespace by the partner, and "The event_name must
 * be unique across all AWS customers" (API_CreatePartnerEventSource). The prefix holds the partner
 * name and a namespace; each connection's source is the prefix plus {@code /<connection id>},
 * unique because connection ids are. The whole name must match the API's pattern {@code
 * aws\.partner(/[\.\-_A-Za-z0-9]+){2,}} within 256 characters.
 *
 * @param namePrefix e.g. {@code aws.partner/example.com/errorbridge}, or {@code null} when partner
 *     mode is off
 */
public record PartnerMode(String namePrefix) {
  /** The environment variable that turns partner mode on with its prefix. */
  public static final String PREFIX_VARIABLE = "ERRORBRIDGE_PARTNER_SOURCE_PREFIX";

  /** Longest prefix: a connection id (up to 128 characters) and a slash must still fit in 256. */
  static final int MAX_PREFIX_LENGTH = 127;

  private static final Pattern PREFIX =
      Pattern.compile("aws\\.partner/[.\\-_A-Za-z0-9]+(/[.\\-_A-Za-z0-9]+)+");
  private static final PartnerMode OFF = new PartnerMode(null);

  public PartnerMode {
    List<String> problems = problems(PREFIX_VARIABLE, namePrefix);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0));
    }
  }

  /** Partner mode off: PARTNER_EVENT_SOURCE connections are refused. */
  public static PartnerMode off() {
    return OFF;
  }

  /**
   * Reads the prefix from {@code value} (absent or blank: off), adding a problem naming {@code
   * name} when it is invalid.
   */
  public static PartnerMode read(String name, String value, List<String> problems) {
    if (value == null || value.isBlank()) {
      return OFF;
    }
    List<String> found = problems(name, value.trim());
    if (!found.isEmpty()) {
      problems.addAll(found);
      return OFF;
    }
    return new PartnerMode(value.trim());
  }

  public boolean enabled() {
    return namePrefix != null;
  }

  /** The partner event source name of a connection, when partner mode is on. */
  public Optional<String> sourceName(String connectionId) {
    return enabled() ? Optional.of(namePrefix + "/" + connectionId) : Optional.empty();
  }

  private static List<String> problems(String name, String prefix) {
    if (prefix == null) {
      return List.of();
    }
    if (prefix.length() > MAX_PREFIX_LENGTH || !PREFIX.matcher(prefix).matches()) {
      return List.of(
          name
              + " must be aws.partner/<partner name>/<namespace> (letters, digits and . - _"
              + " between the slashes, at most "
              + MAX_PREFIX_LENGTH
              + " characters), the partner name AWS registered you under, e.g."
              + " aws.partner/example.com/errorbridge; leave it unset to keep partner mode off");
    }
    return List.of();
  }
}
