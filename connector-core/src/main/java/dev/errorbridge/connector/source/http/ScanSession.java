package dev.errorbridge.connector.source.http;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.ScanListener;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.ScanResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One scan in progress: buffers a page's findings for the listener, counts pages, requests and
 * findings, and remembers the ids of the last two pages so that a row that slid from one offset
 * page to the next while new runs were inserted is reported once, without keeping every id of a
 * long scan in memory.
 */
public final class ScanSession {
  private final ScanRequest request;
  private final ScanListener listener;
  private final SourceHttpClient http;
  private final int requestsAtStart;
  private final List<FailedExecution> failures = new ArrayList<>();
  private final List<PendingRun> pending = new ArrayList<>();
  private Set<String> previousPage = new HashSet<>();
  private Set<String> currentPage = new HashSet<>();
  private int pages;
  private int failuresFound;
  private int pendingFound;
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

  public void pending(PendingRun run) {
    pending.add(run);
  }

  /** Hands the buffered findings to the listener. */
  public void flush() {
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
        latestSeen);
  }
}
