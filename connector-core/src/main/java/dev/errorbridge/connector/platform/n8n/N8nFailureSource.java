package dev.errorbridge.connector.platform.n8n;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceResponseInvalidException;
import dev.errorbridge.connector.source.http.JsonFields;
import dev.errorbridge.connector.source.http.JsonResponse;
import dev.errorbridge.connector.source.http.Origin;
import dev.errorbridge.connector.source.http.PolledFailureSource;
import dev.errorbridge.connector.source.http.Query;
import dev.errorbridge.connector.source.http.ScanSession;
import dev.errorbridge.connector.source.http.SourceHttpClient;
import dev.errorbridge.connector.time.Deadline;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an n8n instance's failed executions through its public API v1 ({@code X-N8N-API-KEY}). The
 * facts relied on, each checked against a real n8n 1.123.81 by the tests, are cited from n8n's
 * published OpenAPI document, "n8n Public API" {@code info.version} 1.1.1 (bundled in the npm
 * package as {@code dist/public-api/v1/openapi.yml}, served by every instance at {@code
 * /api/v1/docs}; sources in <a
 * href="https://github.com/n8n-io/n8n/tree/master/packages/cli/src/public-api/v1">n8n-io/n8n
 * packages/cli/src/public-api/v1</a>): see {@code docs/platforms/n8n.md} for the citations and what
 * changes between versions.
 *
 * <ul>
 *   <li>{@code GET /api/v1/executions?status=error&limit=<pageSize>} (1 to 250; {@code limit=0}
 *       would list everything), newest first (id descending), following {@code nextCursor} until it
 *       is {@code null} or a page reaches executions started before the window. {@code
 *       status=error} also returns {@code crashed} executions; both are FAILED. {@code
 *       status=canceled} is read for STOPPED when the connection opts in.
 *   <li>The list is read <em>without</em> {@code includeData}: the run data holds every node's
 *       output, and the lookback re-lists the same executions every cycle, so a page with data
 *       would download all of it again each minute. Instead {@code GET
 *       /api/v1/executions/{id}?includeData=true} is read once per failure not published already;
 *       it names the failing node and its error ({@code data.resultData.error}, {@code
 *       lastNodeExecuted}, {@code runData[<node>][i].error}) and the workflow ({@code
 *       workflowData.name}). A detail gone (404) or larger than the body limit is built from the
 *       list row, named by {@code GET /api/v1/workflows/{id}} ({@link N8nWorkflowNames}).
 *   <li>The window is on {@code startedAt} (else {@code stoppedAt}); n8n has no time filter, so
 *       rows outside the window are passed over. The list leaves running executions out until they
 *       end, then shows them at their old place: the connection's lookback must cover the longest
 *       run, and runs still going are also listed ({@code status=running}, and {@code
 *       status=waiting}) and reported pending, then re-read by id until they end.
 *   <li><b>Waiting executions are never listed</b> (n8n-io/n8n#14748, open since 1.86.1, still so
 *       in 1.123.81: neither {@code status=waiting} nor an unfiltered list returns them, while
 *       {@code GET /executions/{id}} does). One that later fails is listed as {@code error} at its
 *       old place, so it is polled only if it fails within the lookback; the Error Trigger push
 *       path reports it whenever it fails. {@code status=waiting} is still asked, so a fixed n8n is
 *       tracked without a change here.
 *   <li>Ids are strings of digits; they are passed through as strings. Manual (editor) runs are
 *       left out unless {@link N8nOptions#manualRuns()}: n8n never hands them to an error workflow.
 *   <li>Errors as for every platform ({@link SourceHttpClient}): 401/403 (n8n answers {@code
 *       {"message":"unauthorized"}}) stop the connection, 429 (a proxy or n8n Cloud; n8n 1.123.81
 *       itself has no limit) backs off for its {@code Retry-After}, 5xx and timeouts retry next
 *       cycle, a body that is not the documented JSON fails the page or the row.
 * </ul>
 *
 * <h2>What each field's absence means</h2>
 *
 * <table>
 *   <caption>n8n fields</caption>
 *   <tr><th>Field</th><th>Absent (or JSON null)</th><th>Of the wrong type</th></tr>
 *   <tr><td>list: the body, {@code data}</td><td>fail the page</td><td>fail the page</td></tr>
 *   <tr><td>list: {@code nextCursor}</td><td>the last page</td><td>fail the page (and a cursor
 *       that repeats)</td></tr>
 *   <tr><td>{@code data[i]}</td><td>-</td><td>not an object: fail the row</td></tr>
 *   <tr><td>{@code id}, {@code workflowId}</td><td>fail the row</td><td>fail the row</td></tr>
 *   <tr><td>{@code status}</td><td>the status the list was asked for</td><td>fail the row</td></tr>
 *   <tr><td>{@code startedAt}</td><td>{@code stoppedAt}; neither: placed in the window being
 *       read</td><td>fail the row</td></tr>
 *   <tr><td>detail: {@code id}, {@code status}</td><td>fail the row</td><td>another execution, or
 *       an outcome other than the list's: fail the row</td></tr>
 *   <tr><td>detail: {@code data}, {@code workflowData}</td><td>no error, no failed step; the name
 *       from {@code GET /workflows/{id}}</td><td>fail the row</td></tr>
 * </table>
 */
public final class N8nFailureSource extends PolledFailureSource {
  static final String EXECUTIONS = "GET /api/v1/executions";
  static final String EXECUTION = "GET /api/v1/executions/{id}";

  /** Where the public API lives under an instance's address. */
  static final String API_PATH = "/api/v1";

  /** The statuses of executions not ended that the list can be asked for (n8n 1.123.81). */
  static final List<String> PENDING_STATUSES = List.of("running", "waiting");

  private final N8nOptions options;
  private final String apiPath;
  private final N8nExecutions executions;
  private final N8nWorkflowNames workflows;
  private final Clock clock;

  public N8nFailureSource(SourceConnection connection, HttpClient httpClient, Clock clock) {
    super(
        N8nPlugin.N8N,
        connection,
        c -> new SourceHttpClient(httpClient, clock, c, "X-N8N-API-KEY", "", Map.of(), null));
    this.options = connection.options(N8nOptions.class);
    String base = connection.baseUrl().toString();
    boolean apiBase = base.endsWith(API_PATH);
    this.apiPath = apiBase ? "" : API_PATH;
    String instance = apiBase ? base.substring(0, base.length() - API_PATH.length()) : base;
    this.executions = new N8nExecutions(connection, instance, clock);
    this.workflows = new N8nWorkflowNames(http, apiPath, clock);
    this.clock = clock;
  }

  @Override
  protected boolean scanWindow(ScanSession session) {
    for (String status : statuses(session.request().outcomes())) {
      scanStatus(session, status, false);
    }
    for (String status : PENDING_STATUSES) {
      scanStatus(session, status, true);
    }
    return true;
  }

  @Override
  protected Optional<JsonResponse> findRun(PendingRun run, Deadline deadline) {
    return http.find(EXECUTION, executionUrl(run.executionId()), deadline);
  }

  @Override
  protected RunState stateOf(PendingRun run, JsonResponse detail, Deadline deadline) {
    JsonFields execution = N8nExecutions.detailOf(detail, run.executionId(), null);
    String status = execution.requiredText("status");
    if (N8nExecutions.isRunning(status)) {
      return RunState.running(status);
    }
    // An editor run the connection leaves out ends like a success: nothing to report.
    Outcome outcome = leftOut(execution) ? null : N8nExecutions.outcomeOf(status);
    return new RunState(
        status, false, outcome, () -> named(detail.origin(), execution, outcome, deadline));
  }

  /** The list's status filters for {@code outcomes}: {@code error}, and {@code canceled}. */
  static List<String> statuses(Set<Outcome> outcomes) {
    List<String> statuses = new ArrayList<>(List.of("error"));
    if (outcomes.contains(Outcome.STOPPED)) {
      statuses.add("canceled");
    }
    return statuses;
  }

  private void scanStatus(ScanSession session, String status, boolean pending) {
    ScanRequest request = session.request();
    String cursor = null;
    while (true) {
      JsonFields body = http.get(EXECUTIONS, listUrl(status, cursor), request.deadline()).body();
      session.pageRead();
      int listed = body.count("data");
      Instant last = null;
      for (JsonFields row : session.rows(body, "data")) {
        session.row(() -> row.text("id"), () -> handle(session, row, status, pending));
        last = listedAtOrNull(row);
      }
      session.flush();
      String next = body.text("nextCursor");
      if (next != null && next.equals(cursor)) {
        throw body.invalid("nextCursor", "repeats the cursor sent");
      }
      // Newest first: a page ending before the window has nothing older to offer.
      boolean older = last != null && last.isBefore(request.after());
      if (listed == 0 || next == null || older) {
        return;
      }
      cursor = next;
    }
  }

  private URI listUrl(String status, String cursor) {
    return http.url(
        apiPath + "/executions",
        Query.of().add("status", status).add("limit", options.pageSize()).add("cursor", cursor));
  }

  private URI executionUrl(String id) {
    return http.url(
        apiPath + "/executions/" + Query.encode(id), Query.of().add("includeData", "true"));
  }

  private void handle(ScanSession session, JsonFields row, String queried, boolean pending) {
    String id = row.requiredText("id");
    Instant listed = listedAt(row);
    // n8n cannot filter by time: a row without any time is placed where it was first seen.
    if (listed != null && !session.request().inWindow(listed)) {
      return;
    }
    session.seen(listed);
    String workflowId = row.requiredText("workflowId");
    String status = row.text("status") != null ? row.text("status") : queried;
    if (!session.firstSighting(id)
        || !session.request().wantsWorkflow(workflowId)
        || leftOut(row)) {
      return;
    }
    if (pending) {
      if (N8nExecutions.isRunning(status)) {
        session.pending(
            new PendingRun(
                id, workflowId, null, status, row.instant("startedAt"), clock.instant()));
      }
      return; // ended since the error pass read its page: the next scan lists it there
    }
    Outcome outcome = N8nExecutions.outcomeOf(status);
    if (outcome == null || !session.request().outcomes().contains(outcome)) {
      return;
    }
    Deadline deadline = session.request().deadline();
    session.candidate(id, () -> read(row, id, workflowId, outcome, deadline));
  }

  private FailedExecution read(
      JsonFields row, String id, String workflowId, Outcome outcome, Deadline deadline) {
    Optional<JsonResponse> detail = http.detail(EXECUTION, executionUrl(id), deadline, id);
    if (detail.isEmpty()) {
      return executions.failure(
          http.origin(EXECUTIONS), row, outcome, workflows.name(workflowId, deadline));
    }
    JsonFields execution = N8nExecutions.detailOf(detail.get(), id, outcome);
    return named(detail.get().origin(), execution, outcome, deadline);
  }

  /** The failure, named by its {@code workflowData}, else by the workflow's current name. */
  private FailedExecution named(
      Origin origin, JsonFields execution, Outcome outcome, Deadline deadline) {
    JsonFields workflowData = execution.object("workflowData");
    String name =
        workflowData != null && workflowData.text("name") != null
            ? null
            : workflows.name(execution.requiredText("workflowId"), deadline);
    return executions.failure(origin, execution, outcome, name);
  }

  /** Editor runs, unless the connection asks for them. */
  private boolean leftOut(JsonFields execution) {
    return !options.manualRuns() && "manual".equals(execution.text("mode"));
  }

  private static Instant listedAt(JsonFields row) {
    Instant started = row.instant("startedAt");
    return started != null ? started : row.instant("stoppedAt");
  }

  /** {@link #listedAt}, or {@code null} for a row whose times cannot be read (it failed alone). */
  private static Instant listedAtOrNull(JsonFields row) {
    try {
      return listedAt(row);
    } catch (SourceResponseInvalidException e) {
      return null;
    }
  }
}
