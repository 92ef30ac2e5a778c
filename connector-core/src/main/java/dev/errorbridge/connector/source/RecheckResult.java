package dev.errorbridge.connector.source;

import dev.errorbridge.connector.FailedExecution;
import java.util.Objects;

/** What a {@link FailureSource#recheck recheck} found. */
public sealed interface RecheckResult {

  /** The run ended with an outcome the connection streams: publish it and forget the run. */
  record Terminal(FailedExecution failure) implements RecheckResult {
    public Terminal {
      Objects.requireNonNull(failure, "failure");
    }
  }

  /** The run has not ended yet ({@code status} as the platform said): check it again later. */
  record StillRunning(String status) implements RecheckResult {}

  /**
   * The run ended in success, or with an outcome the connection does not stream ({@code status} as
   * the platform said): forget it.
   */
  record SucceededOrIgnored(String status) implements RecheckResult {}

  /** The platform no longer knows the run (deleted, or past its retention): forget it. */
  record NotFound() implements RecheckResult {}
}
