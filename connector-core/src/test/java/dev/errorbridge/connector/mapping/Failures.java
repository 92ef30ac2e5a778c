package dev.errorbridge.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.Delivery;
import dev.errorbridge.connector.FailedExecution.Execution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.FailedExecution.RunError;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads the fixtures under {@code src/test/resources/failures/}: one failed execution per platform,
 * as a source would build it. JSON-typed members ({@code errorDetail}, {@code input}, {@code
 * output}, {@code rawPayload}) are taken verbatim when the fixture gives a string (so a fixture can
 * hold invalid JSON) and serialized when it gives a JSON value.
 */
public final class Failures {
  static final List<String> PLATFORMS = List.of("alloy", "dify", "trigify", "runflow", "webhook");

  private static final ObjectMapper JSON = new ObjectMapper();

  private Failures() {}

  public static FailedExecution load(String name) {
    String resource = "/failures/" + name + ".json";
    try (InputStream in = Failures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      return fromJson(JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FailedExecution fromJson(JsonNode n) {
    JsonNode w = n.path("workflow");
    JsonNode x = n.path("execution");
    JsonNode e = n.get("error");
    JsonNode d = n.path("delivery");
    List<FailedStep> steps = new ArrayList<>();
    for (JsonNode s : n.path("failedSteps")) {
      steps.add(
          new FailedStep(
              text(s, "id"),
              text(s, "name"),
              text(s, "type"),
              text(s, "errorMessage"),
              json(s, "errorDetail"),
              s.hasNonNull("httpStatus") ? s.get("httpStatus").intValue() : null,
              json(s, "input"),
              json(s, "output")));
    }
    return new FailedExecution(
        Platform.valueOf(text(n, "platform").toUpperCase(Locale.ROOT)),
        text(n, "tenantId"),
        text(n, "connectionId"),
        new Workflow(text(w, "id"), text(w, "name"), text(w, "version")),
        new Execution(
            text(x, "id"),
            text(x, "status"),
            Outcome.valueOf(text(x, "outcome")),
            text(x, "trigger"),
            instant(x, "startedAt"),
            instant(x, "finishedAt"),
            x.hasNonNull("durationMs") ? x.get("durationMs").longValue() : null,
            text(x, "consoleUrl")),
        e == null || e.isNull() ? null : new RunError(text(e, "message"), text(e, "code")),
        steps,
        new Delivery(
            DeliveryPath.valueOf(text(d, "path").toUpperCase(Locale.ROOT)),
            instant(d, "detectedAt")),
        json(n, "rawPayload"));
  }

  /** A copy of {@code f} with one part replaced. */
  static FailedExecution withOutcome(FailedExecution f, Outcome outcome) {
    Execution x = f.execution();
    return withExecution(
        f,
        new Execution(
            x.id(),
            x.status(),
            outcome,
            x.trigger(),
            x.startedAt(),
            x.finishedAt(),
            x.durationMs(),
            x.consoleUrl()));
  }

  /** A copy of {@code f} with one part replaced. */
  static FailedExecution withExecution(FailedExecution f, Execution execution) {
    return new FailedExecution(
        f.platform(),
        f.tenantId(),
        f.connectionId(),
        f.workflow(),
        execution,
        f.error(),
        f.failedSteps(),
        f.delivery(),
        f.rawPayload());
  }

  /** A copy of {@code f} with one part replaced. */
  static FailedExecution withDelivery(FailedExecution f, Delivery delivery) {
    return new FailedExecution(
        f.platform(),
        f.tenantId(),
        f.connectionId(),
        f.workflow(),
        f.execution(),
        f.error(),
        f.failedSteps(),
        delivery,
        f.rawPayload());
  }

  /** A copy of {@code f} with one part replaced. */
  public static FailedExecution withSteps(FailedExecution f, List<FailedStep> steps) {
    return new FailedExecution(
        f.platform(),
        f.tenantId(),
        f.connectionId(),
        f.workflow(),
        f.execution(),
        f.error(),
        steps,
        f.delivery(),
        f.rawPayload());
  }

  /** A copy of {@code f} with one part replaced. */
  public static FailedExecution withRaw(FailedExecution f, String raw) {
    return new FailedExecution(
        f.platform(),
        f.tenantId(),
        f.connectionId(),
        f.workflow(),
        f.execution(),
        f.error(),
        f.failedSteps(),
        f.delivery(),
        raw);
  }

  /** A copy of {@code f} with a run-level error of {@code message}. */
  static FailedExecution withRunError(FailedExecution f, String message) {
    return new FailedExecution(
        f.platform(),
        f.tenantId(),
        f.connectionId(),
        f.workflow(),
        f.execution(),
        new RunError(message, "E_BIG"),
        f.failedSteps(),
        f.delivery(),
        f.rawPayload());
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String json(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    return v.isTextual() ? v.textValue() : v.toString();
  }

  private static Instant instant(JsonNode n, String field) {
    String v = text(n, field);
    return v == null ? null : Instant.parse(v);
  }
}
