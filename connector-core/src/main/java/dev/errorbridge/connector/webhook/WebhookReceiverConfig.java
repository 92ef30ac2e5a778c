package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.SettingProblems;
import dev.errorbridge.connector.webhook.spi.WebhookConfigInvalidException;
import java.time.Clock;

/**
 * The receiver's own limits, the same for every connection. Immutable; {@link #builder()} reports
 * every invalid setting at once.
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

  public static Builder builder() {
    return new Builder();
  }

  public static WebhookReceiverConfig defaults() {
    return builder().build();
  }

  /** Builds a {@link WebhookReceiverConfig}. */
  public static final class Builder {
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder maxBodyBytes(int value) {
      this.maxBodyBytes = value;
      return this;
    }

    public Builder maxNestingDepth(int value) {
      this.maxNestingDepth = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /**
     * @throws WebhookConfigInvalidException listing every invalid setting
     */
    public WebhookReceiverConfig build() {
      return new WebhookReceiverConfig(maxBodyBytes, maxNestingDepth, clock);
    }
  }
}
