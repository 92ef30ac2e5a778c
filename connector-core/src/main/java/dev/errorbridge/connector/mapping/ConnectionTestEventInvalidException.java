package dev.errorbridge.connector.mapping;

import java.util.List;

/**
 * A connection-test event was asked for without what it must carry. The message lists every missing
 * field.
 */
public class ConnectionTestEventInvalidException extends IllegalArgumentException {
  private final List<String> problems;

  public ConnectionTestEventInvalidException(List<String> problems) {
    super("Invalid connection test: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, naming its field. */
  public List<String> problems() {
    return problems;
  }
}
