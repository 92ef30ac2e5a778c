package dev.errorbridge.connector.webhook.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How many requests one connection's endpoint takes per period; more are answered 429 with {@code
 * Retry-After}, before any signature is computed.
 *
 * @param permitsPerPeriod requests allowed per period, at least 1
 * @param period the period, from 1 ms to 1 hour
 */
public record WebhookRateLimit(int permitsPerPeriod, Duration period) {
  // Declared before DEFAULT, whose construction checks against them.
  static final Duration MIN_PERIOD = Duration.ofMillis(1);
  static final Duration MAX_PERIOD = Duration.ofHours(1);

  /**
   * A failure stream is bursty (one workflow failing for every end user at once) but far below
   * this; a flood beyond it is a misconfigured or hostile sender.
   */
  public static final WebhookRateLimit DEFAULT = new WebhookRateLimit(50, Duration.ofSeconds(1));

  public WebhookRateLimit {
    List<String> problems = problems(permitsPerPeriod, period);
    if (!problems.isEmpty()) {
      throw new WebhookConfigInvalidException(problems);
    }
  }

  static List<String> problems(int permitsPerPeriod, Duration period) {
    List<String> problems = new ArrayList<>();
    if (permitsPerPeriod < 1) {
      problems.add("rateLimit.permitsPerPeriod must be at least 1");
    }
    if (period == null || period.compareTo(MIN_PERIOD) < 0 || period.compareTo(MAX_PERIOD) > 0) {
      problems.add("rateLimit.period must be between PT0.001S and PT1H, e.g. PT1S");
    }
    return problems;
  }
}
