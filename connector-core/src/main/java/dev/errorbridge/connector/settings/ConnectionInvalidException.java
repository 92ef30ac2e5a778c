package dev.errorbridge.connector.settings;

import dev.errorbridge.connector.inbound.FieldProblem;
import java.util.List;
import java.util.stream.Collectors;

/** A connection request has problems; all of them are listed, each with its field and fix. */
public class ConnectionInvalidException extends RuntimeException {
  private final transient List<FieldProblem> problems;

  public ConnectionInvalidException(List<FieldProblem> problems) {
    super(
        "the connection has "
            + problems.size()
            + " problem(s): "
            + problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
