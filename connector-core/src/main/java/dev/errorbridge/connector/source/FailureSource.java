package dev.errorbridge.connector.source;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.time.Deadline;
import java.util.Set;

/**
 * Reads one platform connection's failed executions, for the poll engine. One instance per
 * connection; it keeps per-connection state (Trigify's request budget), so the engine should reuse
 * it across cycles. Not thread-safe: one scan or recheck at a time.
 *
 * <p>Every method throws only the {@link SourceException} subclasses, each telling the engine what
 * to do: {@link SourceAuthException} (connection to ERROR), {@link SourceRateLimitedException}
 * (back off for its wait), {@link SourceUnavailableException} (retry next cycle), {@link
 * SourceResponseInvalidException} and {@link SourceRequestRejectedException} (operator must look),
 * {@link SourceDeadlineExceededException} (recheck only: try again next cycle).
 */
public interface FailureSource {

  /** The platform this source reads. */
  Platform platform();

  /** The connection it reads, with its secret masked in every printed form. */
  SourceConnection connection();

  /**
   * Reads the failures whose platform timestamp lies in {@code [request.after(), request.before())}
   * and hands them to {@code listener} a page at a time, so the engine can publish while the scan
   * goes on and memory stays bounded. Failures may repeat (inclusive bounds, pages shifting under
   * concurrent inserts, the engine's lookback): the engine deduplicates on the execution id.
   *
   * <p>When the request's deadline comes before the window is read, the scan stops cleanly between
   * requests and returns {@link ScanResult#complete()} {@code false}: whatever it delivered stays
   * delivered, and the engine must not advance its watermark.
   *
   * @throws SourceException when the platform refuses or fails the scan (see the class comment)
   */
  ScanResult scan(ScanRequest request, ScanListener listener);

  /**
   * Looks again at a run a scan reported as {@link PendingRun pending}, to learn whether it has
   * ended, and how.
   *
   * @param run the pending run, as the scan reported it
   * @param outcomes the outcomes the connection streams ({@link Outcome#FAILED} always); a run that
   *     ended with another outcome is {@link RecheckResult.SucceededOrIgnored}
   * @param deadline bounds the recheck's requests
   * @throws SourceDeadlineExceededException when the deadline comes first: keep the run pending
   * @throws SourceException for the other failure modes (see the class comment)
   */
  RecheckResult recheck(PendingRun run, Set<Outcome> outcomes, Deadline deadline);
}
