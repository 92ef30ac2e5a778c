package dev.errorbridge.connector;

import java.util.List;

/**
 * A source built a {@link FailedExecution} that is missing something the event contract requires.
 * The message lists every problem with the field it concerns; it never carries payload values.
 */
public class FailedExecutionInvalidException extends IllegalArgumentException {
  private final List<String> problems;

  public FailedExecutionInvalidException(List<String> problems) {
    super("Invalid failed execution: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, naming its field. */
  public List<String> problems() {
    return problems;
  }
}
