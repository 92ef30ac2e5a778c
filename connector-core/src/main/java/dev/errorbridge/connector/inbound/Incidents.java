package dev.errorbridge.connector.inbound;

import java.util.UUID;
import org.slf4j.Logger;

/**
 * A server fault, logged once: one ERROR line with the stack trace and a fresh incident id, which
 * the 500 answer carries so that the operator can find the line. Only faults of the server come
 * here; a client's mistake is answered with a 4xx and logged at most as one line without a stack.
 */
public final class Incidents {
  private Incidents() {}

  /**
   * Logs {@code fault} with a new incident id.
   *
   * @param log the logger of the component that failed
   * @param what what failed, e.g. {@code "POST /connections"} (never a secret or a body)
   * @return the incident id
   */
  public static String record(Logger log, String what, Throwable fault) {
    String incident = UUID.randomUUID().toString();
    log.error("{} failed, incident {}", what, incident, fault);
    return incident;
  }

  /** The message of a 500 answer for {@code incident}. */
  public static String message(String incident) {
    return "the server failed; the operator can find incident "
        + incident
        + " in the server log. Retry later; if it persists, report the incident id";
  }
}
