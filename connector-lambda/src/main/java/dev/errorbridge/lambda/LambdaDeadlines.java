package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.errorbridge.connector.time.Deadline;
import java.time.Clock;
import java.time.Duration;

/**
 * Deadlines inside an invocation: the time Lambda has left, less a margin to settle, write the
 * answer and log before Lambda stops the function.
 */
final class LambdaDeadlines {
  /** Kept back from the remaining time: a publish in flight gets its answer and is recorded. */
  static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

  /** Used when there is no context (a test, a local run). */
  static final Duration WITHOUT_CONTEXT = Duration.ofSeconds(50);

  private LambdaDeadlines() {}

  /** The deadline for this invocation's work; never in the past, at least one second. */
  static Deadline of(Context context, Clock clock) {
    Duration remaining =
        context == null
            ? WITHOUT_CONTEXT
            : Duration.ofMillis(context.getRemainingTimeInMillis()).minus(SAFETY_MARGIN);
    return Deadline.after(
        remaining.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : remaining, clock);
  }
}
