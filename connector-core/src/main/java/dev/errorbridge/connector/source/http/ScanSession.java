package dev.errorbridge.connector.source.http;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.RowFailure;
import dev.errorbridge.connector.source.ScanListener;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.ScanResult;
import dev.errorbridge.connector.source.SourceResponseInvalidException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One scan in progress: buffers a page's findings for the listener, counts pages, requests and
 * findings, skips the page's failures the listener knows to be published already (before their
 * details are read), and remembers the ids of the last two pages so that a row that slid from one
 * offset page to the next while new runs were inserted is reported once, without keeping every id
 * of a long scan in memory.
 *
 * <p>A row fails alone: a malformed row ({@link #row}) or run detail (a candidate's read) is
 * reported to the listener as a {@link RowFailure}, and the scan goes on; a row that cannot be a
 * failure at all is counted as skipped ({@link #skipped}).
 */
public final class ScanSession {
  private final ScanRequest request;
  private final ScanListener listener;
  private final SourceHttpClient http;
  private final int requestsAtStart;
  private final List<FailedExecution> failures = new ArrayList<>();
  private final List<PendingRun> pending = new ArrayList<>();
  private final Map<String, Supplier<FailedExecution>> candidates = new LinkedHashMap<>();
  private Set<String> previousPage = new HashSet<>();
  private Set<String> currentPage = new HashSet<>();
  private int pages;
  private int failuresFound;
  private int pendingFound;
  private int rowsSkipped;
  private int rowsFailed;
  private Instant latestSeen;

  public ScanSession(ScanRequest request, ScanListener listener, SourceHttpClient http) {
    this.request = request;
    this.listener = listener;
    this.http = http;
    this.requestsAtStart = http.requests();
  }

  public ScanRequest request() {
    return request;
  }

  /** Counts a list page read; call it before handling the page's rows. */
  public void pageRead() {
    pages++;
    previousPage = currentPage;
    currentPage = new HashSet<>();
  }

  /**
   * Whether {@code executionId} is new to this and the previous page; a repeat (a row shifted
   * across a page boundary) is to be skipped.
   */
  public boolean firstSighting(String executionId) {
    return !previousPage.contains(executionId) && currentPage.add(executionId);
  }

  /** Notes a list timestamp inside the window. */
  public void seen(Instant timestamp) {
    if (timestamp != null
        && request.inWindow(timestamp)
        && (latestSeen == null || timestamp.isAfter(latestSeen))) {
      latestSeen = timestamp;
    }
  }

  public void failure(FailedExecution failure) {
    failures.add(failure);
  }

  /**
   * Handles one list row with {@code handle}; when the row is malformed (a {@link
   * SourceResponseInvalidException}), it fails alone: reported to the listener with the run id
   * {@code executionId} gives (if the row has a readable one), and the scan goes on.
   */
  public void row(Supplier<String> executionId, Runnable handle) {
    try {
      handle.run();
    } catch (SourceResponseInvalidException e) {
      rowFailed(RowFailure.of(idOrNull(executionId), e));
    }
  }

  /**
   * The rows of the page {@code body}'s array {@code field} (which must be there): an element that
   * is not an object fails alone.
   */
  public List<JsonFields> rows(JsonFields body, String field) {
    return body.rows(field, e -> rowFailed(RowFailure.of(null, e)));
  }

  /**
   * Handles one list page: counts it, hands each row of its array {@code field} to {@code handle}
   * (a malformed row fails alone, reported with the id {@code executionId} reads from it), then
   * reads the page's candidates and hands its findings over ({@link #flush}).
   *
   * @return how many elements the array listed, readable or not (for the offset of the next page)
   */
  public int page(
      JsonFields body,
      String field,
      Function<JsonFields, String> executionId,
      Consumer<JsonFields> handle) {
    pageRead();
    int listed = body.count(field);
    for (JsonFields row : rows(body, field)) {
      row(() -> executionId.apply(row), () -> handle.accept(row));
    }
    flush();
    return listed;
  }

  /**
   * Reports the row at {@code position} (from 1) of the listing {@code endpoint}, too large to read
   * even in a page of its own: the listing goes on after it.
   */
  public void rowTooLarge(String endpoint, long position) {
    rowFailed(
        RowFailure.tooLarge(
            http.connection().platform(),
            http.connection().connectionId(),
            endpoint,
            position,
            SourceHttpClient.MAX_BODY_BYTES));
  }

  /** Reports a row that could not be read, e.g. one too large to read even alone. */
  public void rowFailed(RowFailure failure) {
    rowsFailed++;
    listener.onRowFailed(failure);
  }

  /**
   * Counts a row that cannot be a failure (e.g. a Dify log row whose run retention removed) and
   * tells the listener why.
   */
  public void skipped(String why) {
    rowsSkipped++;
    listener.onRowSkipped(why);
  }

  private static String idOrNull(Supplier<String> executionId) {
    try {
      return executionId.get();
    } catch (RuntimeException e) {
      return null; // the id itself is what is malformed; the failure's message says so
    }
  }

  /**
   * A failure of this page whose detail is still to be read: {@code read} (the detail request) runs
   * at the next {@link #flush}, after the listener was asked once for the page's candidates, and
   * only if {@code executionId} is not among those it knows to be published already.
   */
  public void candidate(String executionId, Supplier<FailedExecution> read) {
    candidates.putIfAbsent(executionId, read);
  }

  public void pending(PendingRun run) {
    pending.add(run);
  }

  /**
   * Reads the details of the page's candidates not published already, then hands the buffered
   * findings to the listener. A detail that contradicts its row or cannot be read fails that row
   * alone; a detail request that throws anything else drops the candidates not read yet, and the
   * failures read before it stay buffered for the next flush.
   */
  public void flush() {
    if (!candidates.isEmpty()) {
      Set<String> known = listener.alreadyPublished(List.copyOf(candidates.keySet()));
      List<Map.Entry<String, Supplier<FailedExecution>>> reads = new ArrayList<>();
      candidates.forEach(
          (id, read) -> {
            if (!known.contains(id)) {
              reads.add(Map.entry(id, read));
            }
          });
      candidates.clear();
      for (Map.Entry<String, Supplier<FailedExecution>> read : reads) {
        try {
          failures.add(read.getValue().get());
        } catch (SourceResponseInvalidException e) {
          rowFailed(RowFailure.of(read.getKey(), e));
        }
      }
    }
    if (!failures.isEmpty()) {
      List<FailedExecution> page = List.copyOf(failures);
      failures.clear();
      failuresFound += page.size();
      listener.onFailures(page);
    }
    if (!pending.isEmpty()) {
      List<PendingRun> page = List.copyOf(pending);
      pending.clear();
      pendingFound += page.size();
      listener.onPending(page);
    }
  }

  /** Flushes and sums the scan up. */
  public ScanResult finish(boolean complete) {
    flush();
    return new ScanResult(
        complete,
        pages,
        http.requests() - requestsAtStart,
        failuresFound,
        pendingFound,
        latestSeen,
        rowsSkipped,
        rowsFailed);
  }
}
