package dev.errorbridge.connector.settings;

import dev.errorbridge.connector.credentials.CredentialsFailureAction;
import java.util.List;

/**
 * What testing a connection found, step by step.
 *
 * @param connectionId the connection tested
 * @param ok whether every step passed
 * @param steps the steps in the order they ran; a failed step skips the ones after it
 * @param credentialsFailure what the credentials step's failure means for the connection, or {@code
 *     null} when the credentials resolved
 */
public record ConnectionTestReport(
    String connectionId,
    boolean ok,
    List<Step> steps,
    CredentialsFailureAction credentialsFailure) {
  public ConnectionTestReport {
    steps = List.copyOf(steps);
  }

  /** How a step went. */
  public enum Status {
    PASSED,
    FAILED,
    SKIPPED
  }

  /**
   * One step.
   *
   * @param name {@code credentials}, {@code describeEventBus} or {@code putTestEvent}
   * @param status how it went
   * @param detail what happened (an AWS error code and message, or the test event's id)
   * @param fix what to do when it failed, or {@code null}
   */
  public record Step(String name, Status status, String detail, String fix) {}
}
