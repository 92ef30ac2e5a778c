package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.webhook.spi.WebhookConfigInvalidException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The receiver's own limits, the same for every connection. Immutable; {@link #builder()} reports
 * every invalid setting at once.
 */
public final class WebhookReceiverConfig {
  /** Failure reports are small; a megabyte leaves room for a large raw payload. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /** Lambda's synchronous invocation payload limit; a larger body could not arrive anyway. */
  public static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

  /** Deep enough for any real failure report, shallow enough for every recursive reader. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

  public static final int MAX_NESTING_DEPTH = 500;

  private final int maxBodyBytes;
  private final int maxNestingDepth;
  private final Clock clock;

  private WebhookReceiverConfig(Builder b) {
    this.maxBodyBytes = b.maxBodyBytes;
    this.maxNestingDepth = b.maxNestingDepth;
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static WebhookReceiverConfig defaults() {
    return builder().build();
  }

  /** The largest body accepted; larger ones are answered 413. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** How deeply a body's JSON may nest; deeper ones are answered 400. */
  public int maxNestingDepth() {
    return maxNestingDepth;
  }

  /** The clock signed timestamps and replay records are checked against. */
  public Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "WebhookReceiverConfig[maxBodyBytes="
        + maxBodyBytes
        + ", maxNestingDepth="
        + maxNestingDepth
        + ", clock="
        + clock
        + "]";
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
      List<String> problems = new ArrayList<>();
      if (maxBodyBytes < 1024 || maxBodyBytes > MAX_BODY_BYTES) {
        problems.add("maxBodyBytes must be between 1024 and " + MAX_BODY_BYTES + " (6 MiB)");
      }
      if (maxNestingDepth < 2 || maxNestingDepth > MAX_NESTING_DEPTH) {
        problems.add("maxNestingDepth must be between 2 and " + MAX_NESTING_DEPTH);
      }
      if (clock == null) {
        problems.add("clock must not be null");
      }
      if (!problems.isEmpty()) {
        throw new WebhookConfigInvalidException(problems);
      }
      return new WebhookReceiverConfig(this);
    }
  }
}
