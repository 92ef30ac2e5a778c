package dev.errorbridge.connector.source.http;

import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.Delivery;
import dev.errorbridge.connector.FailedExecution.Execution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.FailedExecution.RunError;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.FailedExecutionInvalidException;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.source.SourceConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Builds the {@link FailedExecution}s of one connection: its tenant, connection and platform, a
 * {@code POLL} delivery detected now on the injected clock, and run times made consistent (a
 * platform's skewed clocks must not make a valid failure invalid).
 */
public final class FailureFactory {
  private final SourceConnection connection;
  private final Clock clock;

  public FailureFactory(SourceConnection connection, Clock clock) {
    this.connection = connection;
    this.clock = clock;
  }

  /**
   * The run. When the platform says it finished before it started, the start is dropped (the finish
   * is the event's time); a negative duration is dropped too, and one beyond {@link
   * Execution#MAX_DURATION_MS} (JSON's safe integer range) gives way to the times'.
   */
  public Execution execution(
      String id,
      String status,
      Outcome outcome,
      String trigger,
      Instant startedAt,
      Instant finishedAt,
      Long durationMs,
      String consoleUrl) {
    Instant start =
        startedAt != null && finishedAt != null && finishedAt.isBefore(startedAt)
            ? null
            : startedAt;
    Long duration =
        durationMs != null && (durationMs < 0 || durationMs > Execution.MAX_DURATION_MS)
            ? null
            : durationMs;
    return new Execution(id, status, outcome, trigger, start, finishedAt, duration, consoleUrl);
  }

  /**
   * The failure, as of now.
   *
   * @throws dev.errorbridge.connector.source.SourceResponseInvalidException when the platform's
   *     data still breaks the model's rules
   */
  public FailedExecution failure(
      Origin origin,
      Workflow workflow,
      Execution execution,
      RunError error,
      List<FailedStep> failedSteps,
      String rawPayload) {
    try {
      return new FailedExecution(
          connection.platform(),
          connection.tenantId(),
          connection.connectionId(),
          workflow,
          execution,
          error,
          failedSteps,
          new Delivery(DeliveryPath.POLL, clock.instant()),
          rawPayload);
    } catch (FailedExecutionInvalidException e) {
      throw origin.invalid(null, "describes an invalid run: " + String.join("; ", e.problems()));
    }
  }

  /** A run error, or {@code null} when there is neither a message nor a code. */
  public static RunError runError(String message, String code) {
    return message == null && code == null ? null : new RunError(message, code);
  }

  /**
   * The console link from the connection's template, or {@code fallback} when it has none.
   * Placeholders: {@code {executionId}} and {@code {workflowId}}, percent-encoded.
   */
  public String consoleUrl(String workflowId, String executionId, String fallback) {
    String template = connection.consoleUrlTemplate();
    if (template == null) {
      return fallback;
    }
    return template
        .replace("{executionId}", Query.encode(executionId))
        .replace("{workflowId}", workflowId == null ? "" : Query.encode(workflowId));
  }

  /**
   * A duration in seconds (Dify's {@code elapsed_time}) as whole milliseconds, or {@code null} when
   * there is none or it is no duration (negative, or beyond {@link Execution#MAX_DURATION_MS}).
   */
  public static Long millis(Double seconds) {
    if (seconds == null || !(seconds >= 0) || seconds * 1000 > Execution.MAX_DURATION_MS) {
      return null;
    }
    return Math.round(seconds * 1000);
  }

  /** An HTTP status when {@code value} is one, else {@code null}. */
  public static Integer httpStatus(Long value) {
    return value != null && value >= 100 && value <= 599 ? value.intValue() : null;
  }
}
