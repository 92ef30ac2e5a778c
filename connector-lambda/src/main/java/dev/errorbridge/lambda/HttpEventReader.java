package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.inbound.FieldProblem;
import dev.errorbridge.connector.inbound.JsonBodyInvalidException;
import dev.errorbridge.connector.inbound.JsonFieldReader;
import dev.errorbridge.connector.inbound.StrictJson;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Reads an invocation of an HTTP handler: an API Gateway HTTP API (payload format 2.0) or Lambda
 * Function URL event, which both services send in one shape. Anything else is refused before a
 * handler looks at it, so that no input makes a handler throw and none is half-understood: input
 * that is not one JSON object, another payload format (named: a REST API or an HTTP API integration
 * on payload 1.0 sends {@code httpMethod} and {@code path}, which a payload 2.0 reader would take
 * for {@code GET /} without a caller) and members of the wrong type, each named.
 *
 * <p>A refusal is answered 400 in the proxy response shape: it is the answer to this request, which
 * no retry can change, and the handler did not fail (a 5xx would count against its error alarm and
 * tell the caller to retry); the body names the fix, and a payload format refusal is logged at
 * WARN, since only the deployment's owner can fix the integration.
 */
final class HttpEventReader {
  private static final String NOT_SUPPORTED =
      " is not supported; use an HTTP API with payload 2.0 or a Function URL";

  /** What a payload format 1.0 event (REST API, or HTTP API with payload 1.0) is told. */
  static final String PAYLOAD_1_0 = "payload format 1.0" + NOT_SUPPORTED;

  /** The one payload format the handlers read. */
  static final String PAYLOAD_2_0 = "2.0";

  // Shown back only when it looks like a version; anything else is not echoed.
  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.]{1,16}");

  private HttpEventReader() {}

  /** An event to handle, or why not. */
  sealed interface Read permits Read.Event, Read.Refused {
    /** A payload 2.0 event. */
    record Event(APIGatewayV2HTTPEvent event) implements Read {}

    /** Not an event the handlers read. */
    record Refused(Refusal refusal) implements Read {}
  }

  /**
   * Why an invocation is refused.
   *
   * @param error {@code UnsupportedPayloadFormat} or {@code InvalidEvent}
   * @param message the whole reason, with the fix
   * @param problems each problem by the event member it is about
   */
  record Refusal(String error, String message, List<FieldProblem> problems) {
    Refusal {
      problems = List.copyOf(problems);
    }

    /** The problems as {@code "field: message"} lines. */
    List<String> lines() {
      return problems.stream().map(FieldProblem::toString).toList();
    }
  }

  /** Reads the invocation's bytes; never throws for anything they contain. */
  static Read read(byte[] input) {
    JsonNode json;
    try {
      json = StrictJson.standard().read(input);
    } catch (JsonBodyInvalidException e) {
      // The whole input is the event; "body" would name the event's own member.
      return invalid(
          List.of(new FieldProblem(e.field().equals("body") ? "event" : e.field(), e.problem())));
    }
    if (!json.isObject()) {
      return invalid(
          List.of(
              new FieldProblem(
                  "event",
                  "must be a JSON object: an API Gateway HTTP API (payload 2.0) or Function URL"
                      + " event")));
    }
    Read.Refused format = formatRefusal(json);
    if (format != null) {
      return format;
    }
    JsonFieldReader fields = new JsonFieldReader();
    APIGatewayV2HTTPEvent event = LambdaJson.httpEvent(json, fields);
    return fields.hasProblems() ? invalid(fields.problems()) : new Read.Event(event);
  }

  /** Logs a refusal once: WARN for a payload format (the integration is wrong), else INFO. */
  static void log(Logger log, String handler, Refusal refusal) {
    if (refusal.error().equals("UnsupportedPayloadFormat")) {
      log.warn(
          "{} event refused: {}; set the integration's payload format version to 2.0",
          handler,
          refusal.message());
    } else {
      log.info("{} event refused: {}", handler, refusal.message());
    }
  }

  /** {@code null} when {@code version} says payload 2.0. */
  private static Read.Refused formatRefusal(JsonNode json) {
    JsonNode version = json.get("version");
    if (version != null && version.isTextual() && version.textValue().equals(PAYLOAD_2_0)) {
      return null;
    }
    boolean payload10 =
        (version != null && version.isTextual() && version.textValue().equals("1.0"))
            || ((version == null || version.isNull())
                && json.has("httpMethod")
                && json.has("resource"));
    if (payload10) {
      return unsupported(PAYLOAD_1_0);
    }
    if (version == null || version.isNull()) {
      return invalid(
          List.of(
              new FieldProblem(
                  "version",
                  "is required: \"2.0\", as API Gateway HTTP APIs (payload 2.0) and Function URLs"
                      + " send it")));
    }
    if (!version.isTextual()) {
      return invalid(
          List.of(
              new FieldProblem(
                  "version", "must be the string \"2.0\", not " + LambdaJson.describe(version))));
    }
    String shown =
        VERSION.matcher(version.textValue()).matches()
            ? "payload format " + version.textValue()
            : "this payload format";
    return unsupported(shown + NOT_SUPPORTED);
  }

  private static Read.Refused unsupported(String message) {
    return new Read.Refused(
        new Refusal(
            "UnsupportedPayloadFormat", message, List.of(new FieldProblem("version", message))));
  }

  private static Read.Refused invalid(List<FieldProblem> problems) {
    return new Read.Refused(
        new Refusal(
            "InvalidEvent",
            "not an API Gateway HTTP API (payload 2.0) or Function URL event: "
                + problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")),
            problems));
  }
}
