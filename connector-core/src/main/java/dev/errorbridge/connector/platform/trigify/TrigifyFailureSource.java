package dev.errorbridge.connector.platform.trigify;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.http.JsonFields;
import dev.errorbridge.connector.source.http.JsonResponse;
import dev.errorbridge.connector.source.http.PageSize;
import dev.errorbridge.connector.source.http.PolledFailureSource;
import dev.errorbridge.connector.source.http.Query;
import dev.errorbridge.connector.source.http.RequestRateGate;
import dev.errorbridge.connector.source.http.ScanSession;
import dev.errorbridge.connector.source.http.SourceHttpClient;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.connector.time.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Trigify account's failed executions ({@code x-api-key}).
 *
 * <ul>
 *   <li>Trigify has no account-wide feed and no status or time filter: a scan lists the workflows
 *       ({@code GET /workflows}, offset pages), then each workflow's executions ({@code GET
 *       /workflows/{id}/executions}, page pages), and fetches the detail ({@code GET
 *       /workflows/{id}/executions/{runId}}) only for {@code failed} ones not published already.
 *       The window is on {@code started_at}; {@code running} executions are reported as pending.
 *   <li>The executions' order is undocumented. A workflow's pages are read until one comes back
 *       short, or a full page lies entirely before the window <em>and</em> the pages so far went
 *       newest first (its newest row no newer than the previous page's); otherwise to the end, up
 *       to {@link TrigifyOptions#maxPagesPerWorkflow()}, past which the scan reports itself
 *       incomplete. Rows sliding across pages while runs start are reported once.
 *   <li>Every request goes through a {@link RequestRateGate} of {@link
 *       TrigifyOptions#requestsPerMinute()} per 60 s that also follows Trigify's {@code
 *       RateLimit-Remaining} and {@code RateLimit-Reset} headers, waiting through the injected
 *       {@link Sleeper}. A wait past the deadline ends the scan incomplete; a 429 is waited out
 *       (twice at most) when that fits the deadline, else thrown.
 *   <li>Unverified: the names and placement of the workflow list's {@code has_more}/{@code total}
 *       (both {@code data.*} and top-level are read, and a short page ends the list).
 *   <li>A page larger than the body limit is asked for again with fewer rows ({@code limit} or
 *       {@code page_size} 100, 50, 25, 5, 1, kept for later scans and grown back as pages read
 *       well); a row too large even alone is skipped and reported.
 * </ul>
 *
 * <h2>What each field's absence means</h2>
 *
 * A row that fails is reported on the connection ({@link
 * dev.errorbridge.connector.source.RowFailure}) and read again by every scan whose window still
 * holds it; the rest of the window is read. Only a page that cannot be read at all ends the scan.
 *
 * <table>
 *   <caption>Trigify fields</caption>
 *   <tr><th>Field</th><th>Absent (or JSON null)</th><th>Of the wrong type</th></tr>
 *   <tr><td>a list's body, {@code data}, {@code data.items} / {@code data.executions}</td><td>fail
 *       the page</td><td>fail the page</td></tr>
 *   <tr><td>{@code has_more}, {@code total}, {@code pagination.total_pages}</td><td>more pages
 *       while a page is full</td><td>fail the page</td></tr>
 *   <tr><td>{@code items[i]}, {@code executions[i]}</td><td>-</td><td>not an object: fail the
 *       row</td></tr>
 *   <tr><td>{@code items[i].id}</td><td>fail the row (the workflow is not read)</td><td>fail the
 *       row</td></tr>
 *   <tr><td>{@code items[i].name}</td><td>no workflow name</td><td>fail the row</td></tr>
 *   <tr><td>{@code executions[i].run_id}</td><td>fail the row</td><td>fail the row</td></tr>
 *   <tr><td>{@code executions[i].status}</td><td>fail the row (an unknown value: not a failure,
 *       passed over)</td><td>fail the row</td></tr>
 *   <tr><td>{@code executions[i].started_at}</td><td><b>placed by {@code completed_at}</b> (a run
 *       that failed before it started); neither: placed where first seen, in the window being
 *       read; never dropped</td><td>fail the row</td></tr>
 *   <tr><td>{@code completed_at}, {@code duration}, {@code error}</td><td>left out of the
 *       event</td><td>fail the row when the failure is built from the list row</td></tr>
 *   <tr><td>execution detail: the body, {@code data}</td><td>404, 410 or larger than the body
 *       limit: built from the list row</td><td>not a JSON object: fail the row</td></tr>
 *   <tr><td>detail {@code data.run_id}</td><td>fail the row</td><td>another run's id: fail the
 *       row</td></tr>
 *   <tr><td>detail {@code data.status}</td><td>fail the row</td><td>another status than {@code
 *       failed}: fail the row</td></tr>
 *   <tr><td>detail {@code started_at}, {@code ended_at}</td><td>the list row's, else left
 *       out</td><td>fail the row</td></tr>
 *   <tr><td>detail {@code steps[i]}, its {@code step_id}</td><td>no step; no {@code step_id}:
 *       its {@code step_name}, neither: fail the row</td><td>fail the row</td></tr>
 * </table>
 */
public final class TrigifyFailureSource extends PolledFailureSource {
  static final String WORKFLOWS = "GET /workflows";
  static final String EXECUTIONS = "GET /workflows/{id}/executions";
  static final String EXECUTION = "GET /workflows/{id}/executions/{runId}";

  private static final Duration RATE_WINDOW = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(TrigifyFailureSource.class);

  private final TrigifyOptions options;
  private final TrigifyRuns runs;
  private final TrigifyWorkflows workflows;
  private final Map<String, PageSize> executionPages = new HashMap<>();
  private final Clock clock;

  public TrigifyFailureSource(
      SourceConnection connection, HttpClient httpClient, Clock clock, Sleeper sleeper) {
    super(
        Platform.TRIGIFY,
        connection,
        c ->
            new SourceHttpClient(
                httpClient,
                clock,
                c,
                "x-api-key",
                "",
                Map.of(),
                new RequestRateGate(
                    c.options(TrigifyOptions.class).requestsPerMinute(),
                    RATE_WINDOW,
                    clock,
                    sleeper)));
    this.options = connection.options(TrigifyOptions.class);
    this.runs = new TrigifyRuns(connection, clock);
    this.workflows = new TrigifyWorkflows(http, options);
    this.clock = clock;
  }

  @Override
  protected boolean scanWindow(ScanSession session) {
    boolean complete = true;
    for (Map.Entry<String, String> workflow : workflows.list(session).entrySet()) {
      complete &= scanWorkflow(session, workflow.getKey(), workflow.getValue());
    }
    return complete;
  }

  @Override
  protected Optional<JsonResponse> findRun(PendingRun run, Deadline deadline) {
    if (run.workflowId() == null) {
      throw new IllegalArgumentException("a Trigify run is read through its workflow: workflowId");
    }
    return http.find(EXECUTION, executionUrl(run.workflowId(), run.executionId()), deadline);
  }

  @Override
  protected RunState stateOf(PendingRun run, JsonResponse detail, Deadline deadline) {
    JsonFields data = TrigifyRuns.detailOf(detail, run.executionId(), null);
    String status = data.requiredText("status");
    return new RunState(
        status,
        TrigifyRuns.isRunning(status),
        "failed".equals(status) ? Outcome.FAILED : null,
        () -> runs.failure(detail.origin(), run.workflowId(), run.workflowName(), null, data));
  }

  /**
   * Whether the workflow was read to the end of the window. Its executions are read in pages of up
   * to {@link TrigifyOptions#pageSize()}, {@link TrigifyOptions#maxPagesPerWorkflow()} of them at
   * most (counted in rows, so that smaller pages after an oversized one read as far).
   */
  private boolean scanWorkflow(ScanSession session, String workflowId, String workflowName) {
    ScanRequest request = session.request();
    PageSize pages = executionPages(workflowId);
    long maxRows = (long) options.maxPagesPerWorkflow() * options.pageSize();
    Instant previousNewest = null;
    for (int offset = 0; offset < maxRows; ) {
      int rowsRead = offset;
      JsonFields body =
          pages.read(
              rowsRead,
              limit ->
                  http.get(
                          EXECUTIONS,
                          http.url(
                              "/workflows/" + Query.encode(workflowId) + "/executions",
                              Query.of().add("page", rowsRead / limit + 1).add("page_size", limit)),
                          request.deadline())
                      .body());
      int limit = pages.current();
      if (body == null) {
        session.rowTooLarge(EXECUTIONS, offset + 1);
        offset += 1;
        continue;
      }
      JsonFields data = body.requiredObject("data");
      PageOrder order = new PageOrder(clock.instant());
      int listed =
          session.page(
              data,
              "executions",
              row -> row.text("run_id"),
              row -> row(session, workflowId, workflowName, row, order));
      JsonFields pagination = data.object("pagination");
      Long totalPages = pagination == null ? null : pagination.longValue("total_pages");
      if (listed < limit || (totalPages != null && rowsRead / limit + 1 >= totalPages)) {
        return true;
      }
      boolean newestFirst =
          previousNewest != null && order.newest != null && !order.newest.isAfter(previousNewest);
      if (order.allBefore && newestFirst) {
        return true;
      }
      previousNewest = order.newest;
      offset += limit;
    }
    LOG.warn(
        "trigify workflow not read to its end connection={} workflow={} pages={}",
        connection().connectionId(),
        workflowId,
        options.maxPagesPerWorkflow());
    return false;
  }

  /** The newest list time of a page, and whether all of its rows lie before the window. */
  private static final class PageOrder {
    private final Instant now;
    private Instant newest;
    private boolean allBefore = true;

    PageOrder(Instant now) {
      this.now = now;
    }

    /** Notes a row listed at {@code listed}, or with no time at all ({@code null}: now). */
    void note(Instant listed, ScanRequest request) {
      Instant at = listed != null ? listed : now;
      newest = newest == null || at.isAfter(newest) ? at : newest;
      allBefore &= at.isBefore(request.after());
    }
  }

  private void row(
      ScanSession session,
      String workflowId,
      String workflowName,
      JsonFields row,
      PageOrder order) {
    Instant listed = TrigifyRuns.listedAt(row);
    order.note(listed, session.request());
    // A run with no time at all is placed where it was first seen: in the window being read.
    if (listed == null || session.request().inWindow(listed)) {
      session.seen(listed);
      handle(session, workflowId, workflowName, row);
    }
  }

  private void handle(ScanSession session, String workflowId, String workflowName, JsonFields row) {
    String runId = row.requiredText("run_id");
    String status = row.requiredText("status");
    if (!session.firstSighting(runId)) {
      return;
    }
    if (TrigifyRuns.isRunning(status)) {
      session.pending(
          new PendingRun(
              runId, workflowId, workflowName, status, row.instant("started_at"), clock.instant()));
      return;
    }
    if (!"failed".equals(status)) {
      return;
    }
    session.candidate(
        runId,
        () -> {
          Optional<JsonResponse> detail =
              http.detail(
                  EXECUTION, executionUrl(workflowId, runId), session.request().deadline(), runId);
          return detail.isPresent()
              ? runs.failure(
                  detail.get().origin(),
                  workflowId,
                  workflowName,
                  row,
                  TrigifyRuns.detailOf(detail.get(), runId, "failed"))
              : runs.failure(http.origin(EXECUTIONS), workflowId, workflowName, row, null);
        });
  }

  /** The page size of one workflow's executions, kept between scans. */
  private PageSize executionPages(String workflowId) {
    return executionPages.computeIfAbsent(
        workflowId,
        id -> new PageSize(options.pageSize(), connection().connectionId(), EXECUTIONS));
  }

  private URI executionUrl(String workflowId, String runId) {
    return http.url(
        "/workflows/" + Query.encode(workflowId) + "/executions/" + Query.encode(runId),
        Query.of());
  }
}
