package dev.errorbridge.connector.inbound;

/**
 * A request body is not the strict JSON {@link StrictJson} reads. A client's mistake, answered with
 * 400; it carries no stack trace because it is never logged as a fault.
 */
public class JsonBodyInvalidException extends RuntimeException {
  private final String field;
  private final String problem;

  /**
   * @param field where: a member's dotted path (e.g. {@code source.platform}) or {@code body}
   * @param problem what is wrong and the fix; never quotes a value from the body
   */
  public JsonBodyInvalidException(String field, String problem) {
    super(field + " " + problem, null, false, false);
    this.field = field;
    this.problem = problem;
  }

  /** Where: a member's dotted path, or {@code body}. */
  public String field() {
    return field;
  }

  /** What is wrong and the fix, without the field. */
  public String problem() {
    return problem;
  }
}
