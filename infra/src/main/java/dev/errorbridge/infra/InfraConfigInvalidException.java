package dev.errorbridge.infra;

import java.util.List;

/** The deployment's CDK context is unusable; the message lists every problem and its fix. */
public class InfraConfigInvalidException extends IllegalArgumentException {

  private final List<String> problems;

  /**
   * Creates the exception.
   *
   * @param problems what is wrong, one sentence each
   */
  public InfraConfigInvalidException(List<String> problems) {
    super("Errorbridge infra configuration is invalid:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in the order the keys were read. */
  public List<String> problems() {
    return problems;
  }
}
