package dev.errorbridge.connector.source.runflow;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.publish.Deadline;
import dev.errorbridge.connector.source.FailureSource;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.RecheckResult;
import dev.errorbridge.connector.source.RunflowOptions;
import dev.errorbridge.connector.source.ScanListener;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.ScanResult;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceDeadlineExceededException;
import dev.errorbridge.connector.source.SourceException;
import dev.errorbridge.connector.source.SourceRequestRejectedException;
import dev.errorbridge.connector.source.http.JsonFields;
import dev.errorbridge.connector.source.http.JsonResponse;
import dev.errorbridge.connector.source.http.Query;
import dev.errorbridge.connector.source.http.ScanSession;
import dev.errorbridge.connector.source.http.SourceHttpClient;
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
 * </ul>
 */
public final class RunflowFailureSource implements FailureSource {
  static final String RUNS = "GET /v1/runs";
  static final String RUN = "GET /v1/runs/{id}";
  static final String NODE_RUNS = "GET /v1/runs/{id}/node-runs";

  static final String LIST_FIELDS =
      "id,status_code,failure_code,failure_message,flow_id,flow_version_id,model_id,"
          + "comfyui_workflow_id,target_version,source_code,created_at,started_at,completed_at,"
          + "duration_ms,has_node_runs";

  /** Spellings seen only in callbacks; Runflow's list filter may reject them. */
  private static final Set<String> UNVERIFIED_STATUSES = Set.of("cancelled", "partial_succeeded");

  /** Node runs of one run read at most (pages of 500). */
  private static final int MAX_NODE_RUN_PAGES = 4;

  private static final Logger LOG = LoggerFactory.getLogger(RunflowFailureSource.class);

  private final SourceHttpClient http;
  private final RunflowOptions options;
  private final RunflowRuns runs;

  public RunflowFailureSource(SourceConnection connection, HttpClient httpClient, Clock clock) {
    if (connection.platform() != Platform.RUNFLOW) {
      throw new IllegalArgumentException("not a Runflow connection: " + connection.platform());
    }
    this.options = connection.options(RunflowOptions.class);
    Map<String, String> headers =
        options.organizationId() == null
            ? Map.of()
            : Map.of("X-Organization-Id", options.organizationId());
    this.http =
        new SourceHttpClient(
            httpClient, clock, connection, "Authorization", "Bearer ", headers, null);
    this.runs = new RunflowRuns(connection, clock);
  }

  @Override
  public Platform platform() {
    return Platform.RUNFLOW;
  }

  @Override
  public SourceConnection connection() {
    return http.connection();
  }

  @Override
  public ScanResult scan(ScanRequest request, ScanListener listener) {
    ScanSession session = new ScanSession(request, listener, http);
    try {
      for (String status : statuses(request.outcomes())) {
        try {
          scanStatus(session, status);
        } catch (SourceRequestRejectedException e) {
          if (!UNVERIFIED_STATUSES.contains(status) || e.httpStatus() != 400) {
            throw e;
          }
          LOG.debug("runflow does not know status={}, skipped", status);
        }
      }
      return session.finish(true);
    } catch (SourceDeadlineExceededException e) {
      LOG.debug(
          "runflow scan stopped connection={}: {}", connection().connectionId(), e.getMessage());
      return session.finish(false);
    } catch (SourceException e) {
      session.flush();
      throw e;
    }
  }

  @Override
  public RecheckResult recheck(PendingRun run, Set<Outcome> outcomes, Deadline deadline) {
    Optional<JsonResponse> detail = http.find(RUN, runUrl(run.executionId()), deadline);
    if (detail.isEmpty()) {
      return new RecheckResult.NotFound();
    }
    JsonFields body = detail.get().body();
    String status = body.requiredText("status_code");
    if (RunflowRuns.isRunning(status)) {
      return new RecheckResult.StillRunning(status);
    }
    Outcome outcome = RunflowRuns.outcomeOf(status);
    if (outcome == null || !outcomes.contains(outcome)) {
      return new RecheckResult.SucceededOrIgnored(status);
    }
    return new RecheckResult.Terminal(
        runs.failure(detail.get().origin(), body, outcome, nodes(body, deadline)));
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
    do {
      URI url =
          http.url(
              "/v1/runs",
              Query.of()
                  .add("q", q)
                  .add("sort_by", "created_at:asc")
                  .add("limit", options.pageSize())
                  .add("fields", LIST_FIELDS)
                  .add("pq", cursor));
      JsonFields body = http.get(RUNS, url, request.deadline()).body();
      List<JsonFields> rows = body.requiredArray("items");
      session.pageRead();
      for (JsonFields row : rows) {
        handle(session, row, status);
      }
      session.flush();
      String next = body.has("next_pq") ? body.text("next_pq") : body.text("next");
      if (next != null && next.equals(cursor)) {
        throw body.invalid(body.has("next_pq") ? "next_pq" : "next", "repeats the cursor sent");
      }
      cursor = rows.isEmpty() ? null : next;
    } while (cursor != null);
  }

  private void handle(ScanSession session, JsonFields row, String queried) {
    String id = row.requiredText("id");
    Instant created = row.instant("created_at");
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
          Optional<JsonResponse> detail = http.find(RUN, runUrl(id), deadline);
          return detail.isPresent()
              ? runs.failure(
                  detail.get().origin(),
                  detail.get().body(),
                  outcome,
                  nodes(detail.get().body(), deadline))
              : runs.failure(http.origin(RUNS), row, outcome, List.of());
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
