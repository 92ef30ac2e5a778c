package dev.errorbridge.connector.mapping;

import java.util.List;

/**
 * {@link MappingOptions.Builder#build()} was given settings it cannot use. The message lists every
 * invalid setting at once, naming the field and how to fix it.
 */
public class MappingOptionsInvalidException extends IllegalArgumentException {
  private final List<String> problems;

  public MappingOptionsInvalidException(List<String> problems) {
    super("Invalid mapping options: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, naming its field. */
  public List<String> problems() {
    return problems;
  }
}
