package dev.errorbridge.connector;

/**
 * How an execution ended, normalised across platforms. Each outcome has its own EventBridge {@code
 * DetailType}, so a customer's rule can route failures and cancellations differently.
 */
public enum Outcome {
  /** The run failed. Always streamed. */
  FAILED("Workflow Execution Failed"),
  /** The run was stopped or cancelled before it finished. Streamed when the connection opts in. */
  STOPPED("Workflow Execution Stopped"),
  /** The run finished but some steps failed. Streamed when the connection opts in. */
  PARTIAL("Workflow Execution Partially Failed");

  private final String detailType;

  Outcome(String detailType) {
    this.detailType = detailType;
  }

  /** The EventBridge {@code DetailType}, in AWS's Title Case. */
  public String detailType() {
    return detailType;
  }
}
