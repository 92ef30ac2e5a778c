package dev.errorbridge.connector;

import java.util.List;

/**
 * Something built from settings or input has problems: the message names the subject and lists
 * every problem with the field or setting it concerns and its fix (never a secret or a payload
 * value). The subclasses say which subject, so that callers can branch on it.
 */
public class InvalidSettingsException extends IllegalArgumentException {
  private final transient List<String> problems;

  /**
   * @param subject what is invalid, as the message starts, e.g. {@code Invalid poll configuration}
   * @param problems each problem, naming its field or setting
   */
  public InvalidSettingsException(String subject, List<String> problems) {
    super(subject + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * For a client's mistake answered on the spot (e.g. 400) and never logged as a fault: no stack
   * trace is kept.
   */
  protected InvalidSettingsException(String subject, List<String> problems, boolean stackless) {
    super(subject + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
    if (stackless) {
      setStackTrace(new StackTraceElement[0]);
    }
  }

  /** Each problem, naming its field or setting. */
  public List<String> problems() {
    return problems;
  }
}
