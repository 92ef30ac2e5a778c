package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.SettingProblems;
import dev.errorbridge.connector.webhook.spi.WebhookConfigInvalidException;
import java.time.Clock;

/**
 * The receiver's own limits, the same for every connection. Immutable; built by code only, so a
 * record whose constructor reports every invalid setting at once ({@link #defaults(Clock)} for the
 * usual limits).
 */
public record WebhookReceiverConfig(int maxBodyBytes, int maxNestingDepth, Clock clock) {
  /** Failure reports are small; a megabyte leaves room for a large raw payload. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /** Lambda's synchronous invocation payload limit; a larger body could not arrive anyway. */
  public static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

  /** Deep enough for any real failure report, shallow enough for every recursive reader. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

  public static final int MAX_NESTING_DEPTH = 500;

  /**
   * @param maxBodyBytes the largest body accepted; larger ones are answered 413
   * @param maxNestingDepth how deeply a body's JSON may nest; deeper ones are answered 400
   * @param clock the clock signed timestamps and replay records are checked against
   * @throws WebhookConfigInvalidException listing every invalid setting
   */
  public WebhookReceiverConfig {
    SettingProblems problems = new SettingProblems();
    problems.check(
        SettingProblems.within(maxBodyBytes, 1024, MAX_BODY_BYTES),
        "maxBodyBytes must be between 1024 and " + MAX_BODY_BYTES + " (6 MiB)");
    problems.check(
        SettingProblems.within(maxNestingDepth, 2, MAX_NESTING_DEPTH),
        "maxNestingDepth must be between 2 and " + MAX_NESTING_DEPTH);
    problems.check(clock != null, "clock must not be null");
    problems.throwIfAny(WebhookConfigInvalidException::new);
  }

  /** The default limits, checked against {@code clock}. */
  public static WebhookReceiverConfig defaults(Clock clock) {
    return new WebhookReceiverConfig(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_NESTING_DEPTH, clock);
  }

  /** The default limits on the UTC system clock. */
  public static WebhookReceiverConfig defaults() {
    return defaults(Clock.systemUTC());
  }
}
