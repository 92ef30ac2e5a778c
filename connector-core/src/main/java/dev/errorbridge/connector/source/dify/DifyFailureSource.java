package dev.errorbridge.connector.source.dify;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.publish.Deadline;
import dev.errorbridge.connector.source.DifyOptions;
import dev.errorbridge.connector.source.FailureSource;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.RecheckResult;
import dev.errorbridge.connector.source.ScanListener;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.ScanResult;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceDeadlineExceededException;
import dev.errorbridge.connector.source.SourceException;
import dev.errorbridge.connector.source.http.JsonFields;
import dev.errorbridge.connector.source.http.JsonResponse;
import dev.errorbridge.connector.source.http.Query;
import dev.errorbridge.connector.source.http.ScanSession;
import dev.errorbridge.connector.source.http.SourceHttpClient;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * </ul>
 */
public final class DifyFailureSource implements FailureSource {
  static final String LOGS = "GET /workflows/logs";
  static final String RUN = "GET /workflows/run/{id}";

  /** Dify's page number limit. */
  private static final int MAX_PAGE = 99_999;

  private static final Logger LOG = LoggerFactory.getLogger(DifyFailureSource.class);

  private final SourceHttpClient http;
  private final DifyOptions options;
  private final DifyRuns runs;
  private final Clock clock;

  public DifyFailureSource(SourceConnection connection, HttpClient httpClient, Clock clock) {
    if (connection.platform() != Platform.DIFY) {
      throw new IllegalArgumentException("not a Dify connection: " + connection.platform());
    }
    this.http =
        new SourceHttpClient(
            httpClient, clock, connection, "Authorization", "Bearer ", Map.of(), null);
    this.options = connection.options(DifyOptions.class);
    this.runs = new DifyRuns(connection, options, clock);
    this.clock = clock;
  }

  @Override
  public Platform platform() {
    return Platform.DIFY;
  }

  @Override
  public SourceConnection connection() {
    return http.connection();
  }

  @Override
  public ScanResult scan(ScanRequest request, ScanListener listener) {
    ScanSession session = new ScanSession(request, listener, http);
    if (!request.wantsWorkflow(options.appId())) {
      return session.finish(true); // one key, one app: a filter without it matches nothing here
    }
    try {
      for (String status : statusFilters(request.outcomes())) {
        scanStatus(session, status);
      }
      return session.finish(true);
    } catch (SourceDeadlineExceededException e) {
      LOG.debug("dify scan stopped connection={}: {}", connection().connectionId(), e.getMessage());
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
    String status = body.requiredText("status");
    Outcome outcome = DifyRuns.outcomeOf(status);
    if (DifyRuns.isRunning(status)) {
      return new RecheckResult.StillRunning(status);
    }
    if (outcome == null || !outcomes.contains(outcome)) {
      return new RecheckResult.SucceededOrIgnored(status);
    }
    return new RecheckResult.Terminal(runs.fromDetail(detail.get(), status, outcome, null));
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
    for (int page = 1; page <= MAX_PAGE; page++) {
      URI url =
          http.url(
              "/workflows/logs",
              Query.of()
                  .add("status", status)
                  .add("created_at__after", after)
                  .add("created_at__before", before)
                  .add("page", page)
                  .add("limit", options.pageSize()));
      JsonFields body = http.get(LOGS, url, request.deadline()).body();
      List<JsonFields> rows = body.requiredArray("data");
      session.pageRead();
      for (JsonFields row : rows) {
        handle(session, row);
      }
      session.flush();
      Boolean hasMore = body.bool("has_more");
      if (rows.isEmpty() || !(hasMore != null ? hasMore : rows.size() >= options.pageSize())) {
        return;
      }
    }
  }

  private void handle(ScanSession session, JsonFields row) {
    JsonFields run = row.requiredObject("workflow_run");
    String id = run.requiredText("id");
    String status = run.requiredText("status");
    Instant created = row.instant("created_at");
    Instant listed = created != null ? created : run.instant("created_at");
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
          Optional<JsonResponse> detail = http.find(RUN, runUrl(id), session.request().deadline());
          return detail.isPresent()
              ? runs.fromDetail(detail.get(), status, outcome, run)
              : runs.fromLogRow(http.origin(LOGS), run, status, outcome);
        });
  }

  private URI runUrl(String id) {
    return http.url("/workflows/run/" + Query.encode(id), Query.of());
  }
}
