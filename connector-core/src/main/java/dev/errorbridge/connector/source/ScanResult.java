package dev.errorbridge.connector.source;

import java.time.Instant;

/**
 * How a scan went.
 *
 * @param complete whether the whole window was read; {@code false} when the deadline stopped it
 *     (the engine must then keep its watermark)
 * @param pages list pages read
 * @param requests HTTP requests made, detail requests included
 * @param failures failures handed to the listener
 * @param pending pending runs handed to the listener
 * @param latestSeen the latest list timestamp seen inside the window, or {@code null} when none:
 *     Alloy's notification {@code createdAt}, Dify's log row {@code created_at}, Trigify's {@code
 *     started_at}, Runflow's {@code created_at}
 * @param rowsSkipped rows that cannot be failures and were passed over (a Dify log row whose run
 *     retention removed)
 * @param rowsFailed rows that could not be read and failed alone ({@link RowFailure}), each
 *     reported to the listener
 */
public record ScanResult(
    boolean complete,
    int pages,
    int requests,
    int failures,
    int pending,
    Instant latestSeen,
    int rowsSkipped,
    int rowsFailed) {

  /** A scan that skipped no row and failed none. */
  public ScanResult(
      boolean complete, int pages, int requests, int failures, int pending, Instant latestSeen) {
    this(complete, pages, requests, failures, pending, latestSeen, 0, 0);
  }
}
