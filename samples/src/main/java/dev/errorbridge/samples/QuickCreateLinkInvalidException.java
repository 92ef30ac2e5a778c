package dev.errorbridge.samples;

import java.util.List;

/** A quick-create link was asked for with values CloudFormation would not accept; lists each. */
public final class QuickCreateLinkInvalidException extends RuntimeException {
  private final List<String> problems;

  public QuickCreateLinkInvalidException(List<String> problems) {
    super("Invalid quick-create link: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, each naming the value and the fix. */
  public List<String> problems() {
    return problems;
  }
}
