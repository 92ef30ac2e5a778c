package dev.errorbridge.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.errorbridge.connector.inbound.FieldProblem;
import dev.errorbridge.connector.inbound.JsonBodyInvalidException;
import dev.errorbridge.connector.inbound.StrictJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The input of a handler that is not behind HTTP (a schedule's tick, an SQS batch, an operator's
 * invoke): one JSON object, read strictly ({@link StrictJson}). Nothing (an invoke without a
 * payload) and JSON {@code null} read as {@code {}}. Anything else is refused with a summary naming
 * each problem ({@link #refusal}), which the handler answers instead of throwing: a malformed input
 * is the invoker's mistake, and an invocation error would only make the invoker retry it.
 */
final class InvocationInput {
  private InvocationInput() {}

  /** The input's object, or why there is none. */
  sealed interface Read permits Read.Request, Read.Refused {
    /** A JSON object ({@code {}} for nothing). */
    record Request(JsonNode object) implements Read {}

    /** Not a JSON object. */
    record Refused(List<FieldProblem> problems) implements Read {
      public Refused {
        problems = List.copyOf(problems);
      }
    }
  }

  /**
   * Reads {@code input}; never throws for anything it contains.
   *
   * @param expected what the input should be, for the problem, e.g. {@code "the schedule's event,
   *     or {}"}
   */
  static Read object(byte[] input, String expected) {
    if (input.length == 0) {
      return new Read.Request(JsonNodeFactory.instance.objectNode());
    }
    JsonNode json;
    try {
      json = StrictJson.standard().read(input);
    } catch (JsonBodyInvalidException e) {
      // The whole input, or the member it names.
      return new Read.Refused(
          List.of(new FieldProblem(e.field().equals("body") ? "input" : e.field(), e.problem())));
    }
    if (json.isNull()) {
      return new Read.Request(JsonNodeFactory.instance.objectNode());
    }
    if (!json.isObject()) {
      return new Read.Refused(
          List.of(
              new FieldProblem(
                  "input",
                  "must be a JSON object ("
                      + expected
                      + ") or nothing, not "
                      + LambdaJson.describe(json))));
    }
    return new Read.Request(json);
  }

  /** {@code {"error": "<field>: <message>; …", "problems": [{"field", "message"}, …]}}. */
  static Map<String, Object> refusal(List<FieldProblem> problems) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put(
        "error", problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
    summary.put(
        "problems",
        problems.stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
    return summary;
  }
}
