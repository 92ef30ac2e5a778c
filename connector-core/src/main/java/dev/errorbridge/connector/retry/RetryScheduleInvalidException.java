package dev.errorbridge.connector.retry;

import java.util.List;

/** A {@link RetrySchedule} setting is invalid; the message lists every problem and its fix. */
public class RetryScheduleInvalidException extends IllegalArgumentException {
  private final List<String> problems;

  public RetryScheduleInvalidException(List<String> problems) {
    super("Invalid retry schedule: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, naming its setting. */
  public List<String> problems() {
    return problems;
  }
}
