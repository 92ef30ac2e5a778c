package dev.errorbridge.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One failed (or stopped, or partially failed) workflow execution, as every source reports it,
 * whatever the platform. It is what the mapper turns into an EventBridge event.
 *
 * @param platform where it ran
 * @param tenantId the Errorbridge tenant that owns the connection
 * @param connectionId the connection that watches the platform
 * @param workflow the workflow that ran
 * @param execution the run itself
 * @param error the run-level error, or {@code null} when the platform reports only step errors
 * @param failedSteps the steps that failed, in the order the platform reported them (may be empty)
 * @param delivery how and when Errorbridge learned of it
 * @param rawPayload the platform's own JSON for the run, or {@code null}; dropped first when an
 *     event is too large
 */
public record FailedExecution(
    Platform platform,
    String tenantId,
    String connectionId,
    Workflow workflow,
    Execution execution,
    RunError error,
    List<FailedStep> failedSteps,
    Delivery delivery,
    String rawPayload) {

  public FailedExecution {
    failedSteps = failedSteps == null ? List.of() : List.copyOf(failedSteps);
    SettingProblems problems = new SettingProblems();
    problems.check(
        platform != null, "platform is required (alloy, dify, trigify, runflow or webhook)");
    problems.requireText(tenantId, "tenantId");
    problems.requireText(connectionId, "connectionId");
    problems.check(workflow != null, "workflow is required, with at least its id");
    problems.check(
        execution != null, "execution is required, with at least its id, status and outcome");
    problems.check(
        delivery != null, "delivery is required (POLL or WEBHOOK, and when it was detected)");
    problems.throwIfAny(FailedExecutionInvalidException::new);
  }

  /**
   * The workflow that ran.
   *
   * @param id the platform's workflow id (required)
   * @param name its display name, or {@code null}
   * @param version its version or revision as the platform names it, or {@code null}
   */
  public record Workflow(String id, String name, String version) {
    public Workflow {
      SettingProblems problems = new SettingProblems();
      problems.requireText(id, "workflow.id");
      problems.throwIfAny(FailedExecutionInvalidException::new);
    }
  }

  /**
   * The run.
   *
   * @param id the platform's execution (run) id (required)
   * @param status the status exactly as the platform said it, e.g. {@code failed} or {@code
   *     canceled}
   * @param outcome the normalised outcome (required)
   * @param trigger what started it (e.g. {@code api}, {@code schedule}, {@code webhook}), or {@code
   *     null}
   * @param startedAt when it started, or {@code null}
   * @param finishedAt when it ended, or {@code null} if the platform did not say
   * @param durationMs how long it ran, or {@code null}; derived from the two instants when both are
   *     known. At most {@link #MAX_DURATION_MS} (2<sup>53</sup> − 1, JSON's safe integer range, so
   *     that every consumer reads the number exactly): a larger value is no measurement (about
   *     285,000 years) and is left out, or derived from the instants when that fits
   * @param consoleUrl a link to the run in the platform's console, or {@code null}
   */
  public record Execution(
      String id,
      String status,
      Outcome outcome,
      String trigger,
      Instant startedAt,
      Instant finishedAt,
      Long durationMs,
      String consoleUrl) {
    /** The largest duration kept: 2<sup>53</sup> − 1 ms, the largest integer JSON holds exactly. */
    public static final long MAX_DURATION_MS = (1L << 53) - 1;

    public Execution {
      SettingProblems problems = new SettingProblems();
      problems.requireText(id, "execution.id");
      problems.requireText(status, "execution.status");
      problems.check(outcome != null, "execution.outcome is required (FAILED, STOPPED or PARTIAL)");
      problems.check(
          startedAt == null || finishedAt == null || !finishedAt.isBefore(startedAt),
          "execution.finishedAt must not be before execution.startedAt");
      problems.check(
          durationMs == null || durationMs >= 0, "execution.durationMs must not be negative");
      problems.throwIfAny(FailedExecutionInvalidException::new);
      if (durationMs != null && durationMs > MAX_DURATION_MS) {
        durationMs = null;
      }
      if (durationMs == null && startedAt != null && finishedAt != null) {
        durationMs = between(startedAt, finishedAt);
      }
    }
  }

  /**
   * Milliseconds from {@code start} to {@code end}, or {@code null} past {@link
   * Execution#MAX_DURATION_MS}.
   */
  private static Long between(Instant start, Instant end) {
    Duration duration = Duration.between(start, end);
    return duration.getSeconds() > Execution.MAX_DURATION_MS / 1000 ? null : duration.toMillis();
  }

  /**
   * The run-level error.
   *
   * @param message the error text, or {@code null}
   * @param code the platform's error code or type, or {@code null}
   */
  public record RunError(String message, String code) {}

  /**
   * A step (node, block) that failed.
   *
   * @param id the step id (required)
   * @param name its display name, or {@code null}
   * @param type its type or operation (e.g. {@code http-request}, {@code llm}), or {@code null}
   * @param errorMessage the error as text, or {@code null}
   * @param errorDetail the error as the platform's JSON object (a JSON string), or {@code null}
   * @param httpStatus the HTTP status the step got, where the platform gives one, or {@code null}
   * @param input the step's input as JSON, or {@code null}; dropped before error texts when too
   *     large
   * @param output the step's output as JSON, or {@code null}; dropped before error texts when too
   *     large
   */
  public record FailedStep(
      String id,
      String name,
      String type,
      String errorMessage,
      String errorDetail,
      Integer httpStatus,
      String input,
      String output) {
    public FailedStep {
      SettingProblems problems = new SettingProblems();
      problems.requireText(id, "failedSteps[].id");
      problems.check(
          httpStatus == null || SettingProblems.within(httpStatus, 100, 599),
          "failedSteps[].httpStatus must be an HTTP status between 100 and 599");
      problems.throwIfAny(FailedExecutionInvalidException::new);
    }
  }

  /**
   * How Errorbridge learned of the failure.
   *
   * @param path poll or webhook
   * @param detectedAt when Errorbridge saw it
   */
  public record Delivery(DeliveryPath path, Instant detectedAt) {
    public Delivery {
      SettingProblems problems = new SettingProblems();
      problems.check(path != null, "delivery.path is required (POLL or WEBHOOK)");
      problems.check(detectedAt != null, "delivery.detectedAt is required");
      problems.throwIfAny(FailedExecutionInvalidException::new);
    }
  }
}
