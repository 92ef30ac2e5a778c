package dev.errorbridge.connector.publish;

import java.util.List;

/**
 * A publisher setting or destination is invalid; the message lists every problem and how to fix it.
 */
public class PublisherConfigInvalidException extends IllegalArgumentException {
  private final List<String> problems;

  public PublisherConfigInvalidException(List<String> problems) {
    super("Invalid publisher configuration: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
