package dev.errorbridge.connector.retry;

/**
 * How a {@link DeadLetterReplayer#replay replay} runs.
 *
 * @param limit the most dead letters to replay, oldest first, 1 to {@value #MAX_LIMIT}
 * @param dryRun when {@code true}, only report what would be replayed: nothing is sent, removed or
 *     audited
 */
public record ReplayOptions(int limit, boolean dryRun) {
  /** A replay is interactive; larger backlogs are replayed in several runs. */
  public static final int MAX_LIMIT = 1000;

  public static final int DEFAULT_LIMIT = 100;

  public ReplayOptions {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit + "; replay in batches");
    }
  }

  /** Replays up to {@value #DEFAULT_LIMIT} dead letters for real. */
  public static ReplayOptions defaults() {
    return new ReplayOptions(DEFAULT_LIMIT, false);
  }
}
