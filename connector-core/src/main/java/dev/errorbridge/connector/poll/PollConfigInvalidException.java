package dev.errorbridge.connector.poll;

import java.util.List;

/** A poll engine setting is invalid; the message lists every problem and how to fix it. */
public class PollConfigInvalidException extends IllegalArgumentException {
  private final List<String> problems;

  public PollConfigInvalidException(List<String> problems) {
    super("Invalid poll configuration: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, naming its setting. */
  public List<String> problems() {
    return problems;
  }
}
