package dev.errorbridge.connector.source;

import java.util.List;

/**
 * A source connection's settings are invalid; the message lists every problem and how to fix it,
 * never the API key.
 */
public class SourceConnectionInvalidException extends IllegalArgumentException {
  private final List<String> problems;

  public SourceConnectionInvalidException(List<String> problems) {
    super("Invalid source connection: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, naming its setting. */
  public List<String> problems() {
    return problems;
  }
}
