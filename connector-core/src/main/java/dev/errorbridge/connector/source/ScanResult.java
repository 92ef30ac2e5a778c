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
 */
public record ScanResult(
    boolean complete, int pages, int requests, int failures, int pending, Instant latestSeen) {}
