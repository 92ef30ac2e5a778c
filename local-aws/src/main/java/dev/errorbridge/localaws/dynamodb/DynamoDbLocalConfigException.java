package dev.errorbridge.localaws.dynamodb;

import java.util.List;

/**
 * A {@link DynamoDbLocal.Builder} configuration that cannot run, listing every problem at once so
 * one fix-and-retry is enough.
 */
public final class DynamoDbLocalConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  DynamoDbLocalConfigException(List<String> problems) {
    super(
        "Invalid DynamoDB Local configuration ("
            + problems.size()
            + (problems.size() == 1 ? " problem): " : " problems): ")
            + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in the order the builder checks them. */
  public List<String> problems() {
    return problems;
  }
}
