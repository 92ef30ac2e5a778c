package dev.errorbridge.connector.inbound;

/**
 * One thing wrong with a request: the field (a dotted path such as {@code destination.region}) and
 * what to do about it.
 */
public record FieldProblem(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
