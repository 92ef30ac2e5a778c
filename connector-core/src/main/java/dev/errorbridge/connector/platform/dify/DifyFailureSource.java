package dev.errorbridge.connector.platform.dify;

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
import dev.errorbridge.connector.source.http.ScanSession;
import dev.errorbridge.connector.source.http.SourceHttpClient;
import dev.errorbridge.connector.time.Deadline;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one Dify app's failed runs through the service API ({@code Authorization: Bearer <app
 * key>}).
 *
 * <ul>
 *   <li>{@code GET /workflows/logs}, newest first with offset pages, bounded by {@code
 *       created_at__after} (the window's start) and a {@code created_at__before} frozen for the
 *       whole scan, so runs started while it pages cannot shift its pages. The window is on the log
 *       row's {@code created_at}, written when the run <em>starts</em> in current Dify: the
 *       connection's lookback must cover the longest run.
 *   <li>Dify filters on {@code failed}, {@code stopped} and {@code succeeded} only. Without
 *       PARTIAL, one filtered pass per outcome ({@code failed}, and {@code stopped} when opted in).
 *       With PARTIAL, one unfiltered pass classifies every row ({@code partial-succeeded} cannot be
 *       filtered) and also reports {@code running} and {@code paused} runs as pending.
 *   <li>{@code GET /workflows/run/{id}} for each failure not published already: the raw payload,
 *       run error and times (epoch seconds, or RFC 822 strings in older releases; {@code inputs} as
 *       a JSON string or object, passed through untouched). A run the detail no longer knows is
 *       built from its log row.
 *   <li>Dify's service API has no node-level errors for finished runs, so failures carry the
 *       run-level error and no failed steps.
 *   <li>A list page larger than the body limit (runs that each carry a large error) is asked for
 *       again with fewer rows ({@code limit} 100, 50, 25, 5, 1, kept for later scans and grown back
 *       as pages read well); a row too large even alone is skipped and reported.
 * </ul>
 *
 * <h2>What each field's absence means</h2>
 *
 * A row that fails is reported on the connection ({@link
 * dev.errorbridge.connector.source.RowFailure}) and read again by every scan whose window still
 * holds it; the rest of the window is read. Only a page that cannot be read at all ends the scan.
 *
 * <table>
 *   <caption>Dify fields</caption>
 *   <tr><th>Field</th><th>Absent (or JSON null)</th><th>Of the wrong type</th></tr>
 *   <tr><td>logs: the body</td><td colspan="2">not a JSON object: fail the page</td></tr>
 *   <tr><td>logs: {@code data}</td><td>fail the page</td><td>not an array: fail the page</td></tr>
 *   <tr><td>logs: {@code has_more}</td><td>more pages while a page is full</td><td>fail the
 *       page</td></tr>
 *   <tr><td>{@code data[i]}</td><td>-</td><td>not an object: fail the row</td></tr>
 *   <tr><td>{@code data[i].created_at}</td><td>the run's {@code created_at}; neither: placed
 *       where first seen, in the window being read</td><td>fail the row</td></tr>
 *   <tr><td>{@code data[i].workflow_run}</td><td><b>skip the row</b>, counted: a log row that
 *       outlived its run (retention) is no failure</td><td>fail the row</td></tr>
 *   <tr><td>{@code workflow_run.id}</td><td>fail the row</td><td>fail the row</td></tr>
 *   <tr><td>{@code workflow_run.status}</td><td>fail the row (an unknown value: not a failure,
 *       passed over)</td><td>fail the row</td></tr>
 *   <tr><td>{@code workflow_run.error}, {@code version}, {@code triggered_from}, {@code
 *       finished_at}, {@code elapsed_time}</td><td>left out of the event</td><td>fail the row
 *       when the failure is built from the log row</td></tr>
 *   <tr><td>run detail: the body</td><td>404, 410 or larger than the body limit: built from the
 *       log row</td><td>not a JSON object: fail the row</td></tr>
 *   <tr><td>run detail: {@code id}</td><td>fail the row</td><td>another run's id: fail the
 *       row</td></tr>
 *   <tr><td>run detail: {@code status}</td><td>fail the row</td><td>another status than the log
 *       lists (running, succeeded...): fail the row</td></tr>
 *   <tr><td>run detail: {@code error}, {@code created_at}, {@code finished_at}, {@code
 *       elapsed_time}</td><td>the log row's, else left out</td><td>fail the row ({@code
 *       elapsed_time} past 2<sup>53</sup> − 1 ms: the times' duration instead)</td></tr>
 * </table>
 */
public final class DifyFailureSource extends PolledFailureSource {
  static final String LOGS = "GET /workflows/logs";
  static final String RUN = "GET /workflows/run/{id}";

  private final DifyOptions options;
  private final DifyRuns runs;
  private final PageSize pageSize;
  private final Clock clock;

  public DifyFailureSource(SourceConnection connection, HttpClient httpClient, Clock clock) {
    super(
        Platform.DIFY,
        connection,
        c ->
            new SourceHttpClient(httpClient, clock, c, "Authorization", "Bearer ", Map.of(), null));
    this.options = connection.options(DifyOptions.class);
    this.runs = new DifyRuns(connection, options, clock);
    this.pageSize = new PageSize(options.pageSize(), connection.connectionId(), LOGS);
    this.clock = clock;
  }

  @Override
  protected boolean scanWindow(ScanSession session) {
    if (!session.request().wantsWorkflow(options.appId())) {
      return true; // one key, one app: a filter without it matches nothing here
    }
    for (String status : statusFilters(session.request().outcomes())) {
      scanStatus(session, status);
    }
    return true;
  }

  @Override
  protected Optional<JsonResponse> findRun(PendingRun run, Deadline deadline) {
    return http.find(RUN, runUrl(run.executionId()), deadline);
  }

  @Override
  protected RunState stateOf(PendingRun run, JsonResponse detail, Deadline deadline) {
    JsonFields body = detail.body();
    DifyRuns.requireRun(body, run.executionId());
    String status = body.requiredText("status");
    Outcome outcome = DifyRuns.outcomeOf(status);
    return new RunState(
        status,
        DifyRuns.isRunning(status),
        outcome,
        () -> runs.fromDetail(detail, run.executionId(), status, outcome, null));
  }

  /** {@code null} stands for "no status filter". */
  static List<String> statusFilters(Set<Outcome> outcomes) {
    List<String> filters = new ArrayList<>();
    if (outcomes.contains(Outcome.PARTIAL)) {
      filters.add(null);
    } else {
      filters.add("failed");
      if (outcomes.contains(Outcome.STOPPED)) {
        filters.add("stopped");
      }
    }
    return filters;
  }

  private void scanStatus(ScanSession session, String status) {
    ScanRequest request = session.request();
    // Dify compares naive UTC datetimes and answers in whole seconds: both bounds are sent
    // floored; rows at the upper second that fall outside [after, before) are dropped below.
    String after = request.after().truncatedTo(ChronoUnit.SECONDS).toString();
    String before = request.before().truncatedTo(ChronoUnit.SECONDS).toString();
    int offset = 0;
    while (true) {
      int rowsRead = offset;
      JsonFields body =
          pageSize.read(
              rowsRead,
              limit ->
                  http.get(
                          LOGS,
                          logsUrl(status, after, before, rowsRead / limit + 1, limit),
                          request.deadline())
                      .body());
      int limit = pageSize.current();
      if (body == null) { // one row too large even alone: skip it, say so
        session.rowTooLarge(LOGS, offset + 1);
        offset += 1;
        continue;
      }
      int listed =
          session.page(body, "data", DifyFailureSource::runId, row -> handle(session, row));
      Boolean hasMore = body.bool("has_more");
      if (listed == 0 || !(hasMore != null ? hasMore : listed >= limit)) {
        return;
      }
      offset += limit;
    }
  }

  private URI logsUrl(String status, String after, String before, int page, int limit) {
    return http.url(
        "/workflows/logs",
        Query.of()
            .add("status", status)
            .add("created_at__after", after)
            .add("created_at__before", before)
            .add("page", page)
            .add("limit", limit));
  }

  /** The run id of a log row, for reporting it; {@code null} when it has none. */
  private static String runId(JsonFields row) {
    JsonFields run = row.object("workflow_run");
    return run == null ? null : run.text("id");
  }

  private void handle(ScanSession session, JsonFields row) {
    Instant created = row.instant("created_at");
    JsonFields run = row.object("workflow_run");
    if (run == null) {
      if (created == null || session.request().inWindow(created)) {
        session.skipped("a Dify log row without its run (retention removed it): not a failure");
      }
      return;
    }
    String id = run.requiredText("id");
    String status = run.requiredText("status");
    Instant listed = created != null ? created : run.instant("created_at");
    // A row without any time is placed where it was first seen: in this window.
    if (listed != null && !session.request().inWindow(listed)) {
      return;
    }
    session.seen(listed);
    if (!session.firstSighting(id)) {
      return;
    }
    if (DifyRuns.isRunning(status)) {
      session.pending(
          new PendingRun(
              id,
              options.appId(),
              options.appName(),
              status,
              run.instant("created_at"),
              clock.instant()));
      return;
    }
    Outcome outcome = DifyRuns.outcomeOf(status);
    if (outcome == null || !session.request().outcomes().contains(outcome)) {
      return;
    }
    session.candidate(
        id,
        () -> {
          Optional<JsonResponse> detail =
              http.detail(RUN, runUrl(id), session.request().deadline(), id);
          return detail.isPresent()
              ? runs.fromDetail(detail.get(), id, status, outcome, run)
              : runs.fromLogRow(http.origin(LOGS), run, status, outcome);
        });
  }

  private URI runUrl(String id) {
    return http.url("/workflows/run/" + Query.encode(id), Query.of());
  }
}
