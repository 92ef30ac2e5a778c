package dev.errorbridge.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A replica's name when {@code ERRORBRIDGE_REPLICA_ID} is not set: {@code <hostname>-<pid>}, unique
 * among processes on one host and across hosts (containers get their own host names), and stable
 * for the life of the process, which is all that leases and logs need.
 */
final class ReplicaIds {
  /** What a replica id may be: it appears in JSON logs, Prometheus labels and lease items. */
  static final String PATTERN = "[A-Za-z0-9_.:@-]{1,128}";

  private ReplicaIds() {}

  static String defaultId(Environment environment) {
    String host = environment.get("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "errorbridge";
      }
    }
    String cleaned = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.:@-]", "-");
    if (cleaned.length() > 100) {
      cleaned = cleaned.substring(0, 100);
    }
    return cleaned + "-" + ProcessHandle.current().pid();
  }
}
