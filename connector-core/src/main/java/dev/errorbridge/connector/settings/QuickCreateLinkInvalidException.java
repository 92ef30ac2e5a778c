package dev.errorbridge.connector.settings;

import java.util.List;

/** A quick-create link could not be made or read; names every invalid value. */
public class QuickCreateLinkInvalidException extends IllegalArgumentException {
  private final List<String> problems;

  public QuickCreateLinkInvalidException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
