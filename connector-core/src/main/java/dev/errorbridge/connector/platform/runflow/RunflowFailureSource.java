package dev.errorbridge.connector.platform.runflow;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceRequestRejectedException;
import dev.errorbridge.connector.source.SourceResponseTooLargeException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Runflow organization's failed runs ({@code Authorization: Bearer <key>}, {@code
 * X-Organization-Id} when configured).
 *
 * <ul>
 *   <li>{@code GET /v1/runs?q=status_code:<s> AND created_at>=<after> AND created_at<<before>
 *       &sort_by=created_at:asc} with {@code limit} up to 500, a {@code fields=} projection, and
 *       the cursor ({@code pq}) until there is none. One pass per status: {@code failed}; {@code
 *       canceled} and {@code cancelled} for STOPPED; {@code partial_succeeded} for PARTIAL. A 400
 *       on a spelling Runflow may not know ({@code cancelled}, {@code partial_succeeded}) skips
 *       that pass.
 *   <li>The window is on {@code created_at}, set at dispatch: the lookback must cover queueing and
 *       the longest run. The list is filtered by status, so scans report no pending runs.
 *   <li>{@code GET /v1/runs/{id}} for the detail of each failure not published already, and {@code
 *       GET /v1/runs/{id}/node-runs} for the node errors when the detail does not embed {@code
 *       node_runs}.
 *   <li>Unverified, so both are read: the cursor's name ({@code next_pq} on the concepts page,
 *       {@code next} in the OpenAPI) and the error envelope ({@code {code,message}} or {@code
 *       {error:{code,message}}}).
 *   <li>A page larger than the body limit is asked for again with a smaller {@code limit} (500,
 *       250, 125, 25, 5, 1, kept for later scans and grown back as pages read well); a single run
 *       still too large is listed with {@code fields=id,status_code,created_at}, and its detail
 *       (or, too large as well, that row) makes the failure. The cursor cannot skip a row, so a run
 *       too large even so ends the scan with a {@link
 *       dev.errorbridge.connector.source.SourceResponseTooLargeException}.
 * </ul>
 *
 * <h2>What each field's absence means</h2>
 *
 * A row that fails is reported on the connection ({@link
 * dev.errorbridge.connector.source.RowFailure}) and read again by every scan whose window still
 * holds it; the rest of the window is read. Only a page that cannot be read at all ends the scan.
 *
 * <table>
 *   <caption>Runflow fields</caption>
 *   <tr><th>Field</th><th>Absent (or JSON null)</th><th>Of the wrong type</th></tr>
 *   <tr><td>list: the body, {@code items}</td><td>fail the page</td><td>fail the page</td></tr>
 *   <tr><td>list: {@code next_pq} / {@code next}</td><td>the last page</td><td>fail the page (and
 *       a cursor that repeats)</td></tr>
 *   <tr><td>{@code items[i]}</td><td>-</td><td>not an object: fail the row</td></tr>
 *   <tr><td>{@code items[i].id}</td><td>fail the row</td><td>fail the row</td></tr>
 *   <tr><td>{@code items[i].created_at}</td><td>Runflow filtered on it: the row belongs to this
 *       window</td><td>fail the row</td></tr>
 *   <tr><td>{@code items[i].status_code}</td><td>the status the list was asked for</td><td>fail
 *       the row</td></tr>
 *   <tr><td>{@code flow_id}, {@code model_id}, {@code comfyui_workflow_id}</td><td>none of them:
 *       the workflow {@code unknown}</td><td>fail the row</td></tr>
 *   <tr><td>{@code started_at}</td><td><b>placed by {@code created_at}</b></td><td>fail the
 *       row</td></tr>
 *   <tr><td>{@code completed_at}, {@code duration_ms}, {@code failure_message}, {@code
 *       failure_code}, {@code source_code}</td><td>left out of the event</td><td>fail the
 *       row</td></tr>
 *   <tr><td>run detail: the body</td><td>404, 410 or larger than the body limit: built from the
 *       list row</td><td>not a JSON object: fail the row</td></tr>
 *   <tr><td>run detail: {@code id}</td><td>fail the row</td><td>another run's id: fail the
 *       row</td></tr>
 *   <tr><td>run detail: {@code status_code}</td><td>fail the row</td><td>another outcome than
 *       the list's (running, succeeded...): fail the row</td></tr>
 *   <tr><td>{@code node_runs[i]}, node-runs {@code items[i]}</td><td>no failed step</td><td>not
 *       an object: fail the row</td></tr>
 *   <tr><td>a node's {@code node_id}</td><td>its {@code id}; neither: fail the row</td><td>fail
 *       the row</td></tr>
 * </table>
 */
public final class RunflowFailureSource extends PolledFailureSource {
  static final String RUNS = "GET /v1/runs";
  static final String RUN = "GET /v1/runs/{id}";
  static final String NODE_RUNS = "GET /v1/runs/{id}/node-runs";

  static final String LIST_FIELDS =
      "id,status_code,failure_code,failure_message,flow_id,flow_version_id,model_id,"
          + "comfyui_workflow_id,target_version,source_code,created_at,started_at,completed_at,"
          + "duration_ms,has_node_runs";

  /** The projection a run too large to list with {@link #LIST_FIELDS} is listed with. */
  static final String MINIMAL_FIELDS = "id,status_code,created_at";

  /** Spellings seen only in callbacks; Runflow's list filter may reject them. */
  private static final Set<String> UNVERIFIED_STATUSES = Set.of("cancelled", "partial_succeeded");

  /** Node runs of one run read at most (pages of 500). */
  private static final int MAX_NODE_RUN_PAGES = 4;

  private static final Logger LOG = LoggerFactory.getLogger(RunflowFailureSource.class);

  private final RunflowOptions options;
  private final RunflowRuns runs;
  private final PageSize pageSize;

  public RunflowFailureSource(SourceConnection connection, HttpClient httpClient, Clock clock) {
    super(
        Platform.RUNFLOW,
        connection,
        c ->
            new SourceHttpClient(
                httpClient,
                clock,
                c,
                "Authorization",
                "Bearer ",
                headers(c.options(RunflowOptions.class)),
                null));
    this.options = connection.options(RunflowOptions.class);
    this.runs = new RunflowRuns(connection, clock);
    this.pageSize = new PageSize(options.pageSize(), connection.connectionId(), RUNS);
  }

  private static Map<String, String> headers(RunflowOptions options) {
    return options.organizationId() == null
        ? Map.of()
        : Map.of("X-Organization-Id", options.organizationId());
  }

  @Override
  protected boolean scanWindow(ScanSession session) {
    for (String status : statuses(session.request().outcomes())) {
      try {
        scanStatus(session, status);
      } catch (SourceRequestRejectedException e) {
        if (!UNVERIFIED_STATUSES.contains(status) || e.httpStatus() != 400) {
          throw e;
        }
        LOG.debug("runflow does not know status={}, skipped", status);
      }
    }
    return true;
  }

  @Override
  protected Optional<JsonResponse> findRun(PendingRun run, Deadline deadline) {
    return http.find(RUN, runUrl(run.executionId()), deadline);
  }

  @Override
  protected RunState stateOf(PendingRun run, JsonResponse detail, Deadline deadline) {
    JsonFields body = RunflowRuns.detailOf(detail, run.executionId(), null);
    String status = body.requiredText("status_code");
    if (RunflowRuns.isRunning(status)) {
      return RunState.running(status);
    }
    Outcome outcome = RunflowRuns.outcomeOf(status);
    return new RunState(
        status,
        false,
        outcome,
        () -> runs.failure(detail.origin(), body, outcome, nodes(body, deadline)));
  }

  static List<String> statuses(Set<Outcome> outcomes) {
    List<String> statuses = new ArrayList<>(List.of("failed"));
    if (outcomes.contains(Outcome.STOPPED)) {
      statuses.addAll(List.of("canceled", "cancelled"));
    }
    if (outcomes.contains(Outcome.PARTIAL)) {
      statuses.add("partial_succeeded");
    }
    return statuses;
  }

  private void scanStatus(ScanSession session, String status) {
    ScanRequest request = session.request();
    String q =
        "status_code:"
            + status
            + " AND created_at>="
            + request.after()
            + " AND created_at<"
            + request.before();
    String cursor = null;
    String fields = LIST_FIELDS;
    int rowsRead = 0;
    while (true) {
      String pq = cursor;
      String projection = fields;
      JsonFields body =
          pageSize.read(
              rowsRead,
              limit ->
                  http.get(RUNS, runsUrl(q, limit, projection, pq), request.deadline()).body());
      if (body == null) {
        if (projection.equals(LIST_FIELDS)) {
          // One run's listed fields (its failure message) pass the limit: list it by id alone,
          // and let its detail (or, too large as well, its id) make the failure.
          LOG.warn(
              "runflow run too large to list connection={}: listing it with fields={}",
              connection().connectionId(),
              MINIMAL_FIELDS);
          fields = MINIMAL_FIELDS;
          continue;
        }
        throw new SourceResponseTooLargeException(
            Platform.RUNFLOW,
            connection().connectionId(),
            RUNS,
            SourceHttpClient.MAX_BODY_BYTES,
            "a page of one run with only the fields " + MINIMAL_FIELDS);
      }
      fields = LIST_FIELDS;
      int listed =
          session.page(body, "items", row -> row.text("id"), row -> handle(session, row, status));
      rowsRead += listed;
      String next = body.has("next_pq") ? body.text("next_pq") : body.text("next");
      if (next != null && next.equals(cursor)) {
        throw body.invalid(body.has("next_pq") ? "next_pq" : "next", "repeats the cursor sent");
      }
      cursor = listed == 0 ? null : next;
      if (cursor == null) {
        return;
      }
    }
  }

  private URI runsUrl(String q, int limit, String fields, String cursor) {
    return http.url(
        "/v1/runs",
        Query.of()
            .add("q", q)
            .add("sort_by", "created_at:asc")
            .add("limit", limit)
            .add("fields", fields)
            .add("pq", cursor));
  }

  private void handle(ScanSession session, JsonFields row, String queried) {
    String id = row.requiredText("id");
    Instant created = row.instant("created_at");
    // Runflow filtered on created_at: a row without it belongs to this window.
    if (created != null && !session.request().inWindow(created)) {
      return;
    }
    session.seen(created);
    String status = row.text("status_code");
    Outcome outcome = RunflowRuns.outcomeOf(status != null ? status : queried);
    if (outcome == null
        || !session.request().outcomes().contains(outcome)
        || !session.request().wantsWorkflow(RunflowRuns.targetId(row))
        || !session.firstSighting(id)) {
      return;
    }
    session.candidate(
        id,
        () -> {
          Deadline deadline = session.request().deadline();
          Optional<JsonResponse> detail = http.detail(RUN, runUrl(id), deadline, id);
          if (detail.isEmpty()) {
            return runs.failure(http.origin(RUNS), row, outcome, List.of(), queried);
          }
          JsonFields run = RunflowRuns.detailOf(detail.get(), id, outcome);
          return runs.failure(detail.get().origin(), run, outcome, nodes(run, deadline));
        });
  }

  /** The run's node runs: embedded in the detail, else read when the run says it has some. */
  private List<JsonFields> nodes(JsonFields run, Deadline deadline) {
    if (run.has("node_runs")) {
      return run.array("node_runs");
    }
    if (!options.nodeRuns() || Boolean.FALSE.equals(run.bool("has_node_runs"))) {
      return List.of();
    }
    String id = run.requiredText("id");
    List<JsonFields> nodes = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < MAX_NODE_RUN_PAGES; page++) {
      URI url =
          http.url(
              "/v1/runs/" + Query.encode(id) + "/node-runs",
              Query.of()
                  .add("limit", RunflowOptions.MAX_PAGE_SIZE)
                  .add("sort_by", "created_at:asc")
                  .add("pq", cursor));
      Optional<JsonResponse> response = http.find(NODE_RUNS, url, deadline);
      if (response.isEmpty()) {
        break;
      }
      JsonFields body = response.get().body();
      List<JsonFields> items = body.requiredArray("items");
      nodes.addAll(items);
      String next = body.has("next_pq") ? body.text("next_pq") : body.text("next");
      if (items.isEmpty() || next == null || next.equals(cursor)) {
        break;
      }
      cursor = next;
    }
    return nodes;
  }

  private URI runUrl(String id) {
    return http.url("/v1/runs/" + Query.encode(id), Query.of());
  }
}
