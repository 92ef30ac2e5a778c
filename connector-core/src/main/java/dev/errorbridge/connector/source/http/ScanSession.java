package dev.errorbridge.connector.source.http;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.ScanListener;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.ScanResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One scan in progress: buffers a page's findings for the listener, counts pages, requests and
 * findings, skips the page's failures the listener knows to be published already (before their
 * details are read), and remembers the ids of the last two pages so that a row that slid from one
 * offset page to the next while new runs were inserted is reported once, without keeping every id
 * of a long scan in memory.
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
   * findings to the listener. A detail request that throws drops the candidates not read yet; the
   * failures read before it stay buffered for the next flush.
   */
  public void flush() {
    if (!candidates.isEmpty()) {
      Set<String> known = listener.alreadyPublished(List.copyOf(candidates.keySet()));
      List<Supplier<FailedExecution>> reads = new ArrayList<>();
      candidates.forEach(
          (id, read) -> {
            if (!known.contains(id)) {
              reads.add(read);
            }
          });
      candidates.clear();
      for (Supplier<FailedExecution> read : reads) {
        failures.add(read.get());
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
        latestSeen);
  }
}
