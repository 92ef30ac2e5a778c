package dev.errorbridge.connector.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The instant by which a publish must settle every event (deliver or park it), e.g. a Lambda's end
 * minus a safety margin. Retries stop before it; what is still failing then is parked.
 *
 * @param instant the deadline
 */
public record Deadline(Instant instant) {

  /** The deadline {@code budget} from now on {@code clock}. */
  public static Deadline after(Duration budget, Clock clock) {
    return new Deadline(clock.instant().plus(budget));
  }

  /** What is left at {@code clock}'s now; zero or negative once passed. */
  public Duration remaining(Clock clock) {
    return Duration.between(clock.instant(), instant);
  }

  /** Whether the deadline has passed on {@code clock}. */
  public boolean passed(Clock clock) {
    return !clock.instant().isBefore(instant);
  }
}
