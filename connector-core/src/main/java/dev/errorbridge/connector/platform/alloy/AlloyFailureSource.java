package dev.errorbridge.connector.platform.alloy;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceRequestRejectedException;
import dev.errorbridge.connector.source.http.JsonFields;
import dev.errorbridge.connector.source.http.JsonResponse;
import dev.errorbridge.connector.source.http.PageSize;
import dev.errorbridge.connector.source.http.PolledFailureSource;
import dev.errorbridge.connector.source.http.ScanSession;
import dev.errorbridge.connector.time.Deadline;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an Alloy Embedded account's failed executions ({@code Authorization: Bearer <key>}, plus
 * {@code x-api-version} on the 2025-09 generation).
 *
 * <ul>
 *   <li>{@code GET /logs} filtered to {@code message equals executionError}, oldest first ({@code
 *       sortBy=createdAt&sortOrder=asc}), {@code skip}/{@code limit} pages until {@code
 *       pagination.totalItems} or an empty page. Oldest first makes offset pages stable: new errors
 *       land after the window and end the scan. The notification is written when the run ends, so
 *       the lookback can be small.
 *   <li>Unverified, so coded defensively: the {@code createdAt} filter's value format (ISO 8601 is
 *       sent; every row is also checked against the window here, and the early stop is only taken
 *       while rows really come oldest first), the maximum page size (a 400 halves it), whether
 *       {@code /logs} needs {@code x-api-version} (sent), whether the 2024-03/2023-12 generations
 *       serve {@code /logs} at all, and whether {@code workflowId} there means the parent or the
 *       child workflow (so the workflow filter is applied here, to both ids).
 *   <li>{@code GET /logs/{executionId}} for the failing blocks of each failure not published
 *       already. Execution ids are used as Alloy gives them: 24-hex ObjectIds on {@code /logs},
 *       21-character ids elsewhere.
 *   <li>The list holds only errors, so scans report no pending runs.
 *   <li>A page larger than the body limit is asked for again with a smaller {@code limit} (down to
 *       1, kept for later scans and grown back as pages read well; {@code skip} counts rows, so
 *       nothing is skipped or read twice); a notification too large even alone is skipped and
 *       reported.
 * </ul>
 *
 * <h2>What each field's absence means</h2>
 *
 * A row that fails is reported on the connection ({@link
 * dev.errorbridge.connector.source.RowFailure}) and read again by every scan whose window still
 * holds it; the rest of the window is read. Only a page that cannot be read at all ends the scan.
 *
 * <table>
 *   <caption>Alloy fields</caption>
 *   <tr><th>Field</th><th>Absent (or JSON null)</th><th>Of the wrong type</th></tr>
 *   <tr><td>{@code GET /logs}: the body, {@code notifications}</td><td>fail the page</td><td>fail
 *       the page</td></tr>
 *   <tr><td>{@code pagination.totalItems}</td><td>read until an empty page</td><td>fail the
 *       page</td></tr>
 *   <tr><td>{@code notifications[i]}</td><td>-</td><td>not an object: fail the row</td></tr>
 *   <tr><td>{@code message}</td><td>not an {@code executionError}: passed over</td><td>fail the
 *       row</td></tr>
 *   <tr><td>{@code data}, and in it {@code executionId}</td><td>{@code data.executionUuid}
 *       instead; neither (or no {@code data}): fail the row</td><td>fail the row</td></tr>
 *   <tr><td>{@code createdAt}</td><td><b>placed by {@code completedAt}</b>, else {@code
 *       startedAt}, else where first seen (in the window being read)</td><td>fail the
 *       row</td></tr>
 *   <tr><td>{@code workflowId}</td><td>{@code forgeWorkflowId}, else the detail's; none: fail the
 *       row</td><td>fail the row</td></tr>
 *   <tr><td>{@code workflowVersion}, {@code forgeWorkflow.name}, {@code startedAt}, {@code
 *       completedAt}</td><td>left out of the event</td><td>fail the row</td></tr>
 *   <tr><td>{@code GET /logs/{id}}: the body, {@code data}</td><td>404, 410 or larger than the
 *       body limit: built from the notification</td><td>not a JSON object: fail the row</td></tr>
 *   <tr><td>detail {@code data._id} / {@code executionUuid}</td><td>not checked (neither is
 *       documented)</td><td>naming another execution: fail the row</td></tr>
 *   <tr><td>detail {@code data.finished}</td><td>finished</td><td>{@code false} for a listed
 *       error: fail the row</td></tr>
 *   <tr><td>detail {@code runData}, {@code metadata}</td><td>no failed steps</td><td>fail the
 *       row</td></tr>
 * </table>
 */
public final class AlloyFailureSource extends PolledFailureSource {
  /** The page size a 400 will not push below. */
  static final int MIN_PAGE_SIZE = 10;

  private static final Logger LOGGER = LoggerFactory.getLogger(AlloyFailureSource.class);

  private final AlloyLogs logs;
  private final PageSize pageSize;

  public AlloyFailureSource(SourceConnection connection, HttpClient httpClient, Clock clock) {
    this(AlloyLogs.of(connection, httpClient, clock));
  }

  private AlloyFailureSource(AlloyLogs logs) {
    super(Platform.ALLOY, logs.connection(), c -> logs.http());
    this.logs = logs;
    this.pageSize =
        new PageSize(logs.options().pageSize(), logs.connection().connectionId(), AlloyLogs.LOGS);
  }

  @Override
  protected boolean scanWindow(ScanSession session) {
    scanLogs(session);
    return true;
  }

  @Override
  protected Optional<JsonResponse> findRun(PendingRun run, Deadline deadline) {
    return logs.recheck(run.executionId(), deadline);
  }

  @Override
  protected RunState stateOf(PendingRun run, JsonResponse detail, Deadline deadline) {
    JsonFields data = AlloyLogs.detailOf(detail, run.executionId(), false);
    if (Boolean.FALSE.equals(data.bool("finished"))) {
      return RunState.running("running");
    }
    boolean failed = !AlloyRuns.failedSteps(data).isEmpty();
    return new RunState(
        failed ? "failed" : "finished",
        false,
        failed ? Outcome.FAILED : null,
        () -> logs.runs().failure(detail.origin(), run.executionId(), null, data));
  }

  private void scanLogs(ScanSession session) {
    ScanRequest request = session.request();
    int skip = 0;
    LogOrder order = new LogOrder();
    while (true) {
      int rowsRead = skip;
      JsonFields body;
      try {
        body =
            pageSize.read(
                rowsRead,
                limit ->
                    logs.page(
                        AlloyLogQuery.page(logs.options(), request, rowsRead, limit),
                        request.deadline()));
      } catch (SourceRequestRejectedException e) {
        if (e.httpStatus() != 400 || !pageSize.lowerMaximum(MIN_PAGE_SIZE)) {
          throw e;
        }
        // Alloy documents no maximum page size
        LOGGER.warn(
            "alloy rejected a page size, retrying smaller connection={} limit={}",
            connection().connectionId(),
            pageSize.current());
        continue;
      }
      if (body == null) {
        session.rowTooLarge(AlloyLogs.LOGS, skip + 1);
        skip += 1;
        continue;
      }
      order.pastWindow = false;
      int listed =
          session.page(
              body,
              "notifications",
              AlloyFailureSource::executionIdOrNull,
              row -> row(session, row, order));
      skip += listed;
      JsonFields pagination = body.object("pagination");
      Long total = pagination == null ? null : pagination.longValue("totalItems");
      // A row past the window ends the scan only while rows have really come oldest first: the
      // whole page is read before deciding, since one row cannot show the order.
      if ((order.pastWindow && order.ascending)
          || listed == 0
          || (total != null && skip >= total)) {
        return;
      }
    }
  }

  /** Whether the notifications have come oldest first so far, and one lay past the window. */
  private static final class LogOrder {
    private Instant previous;
    private boolean ascending = true;
    private boolean pastWindow;
  }

  private void row(ScanSession session, JsonFields note, LogOrder order) {
    Instant listed = AlloyLogs.listedAt(note);
    if (listed == null) {
      // No time at all: placed where it was first seen, in the window being read.
      handle(session, note);
      return;
    }
    order.ascending &= order.previous == null || !listed.isBefore(order.previous);
    order.previous = listed;
    if (!listed.isBefore(session.request().before())) {
      order.pastWindow = true;
    } else if (!listed.isBefore(session.request().after())) {
      session.seen(listed);
      handle(session, note);
    }
  }

  /** The execution id a notification names, for reporting it; {@code null} when none. */
  private static String executionIdOrNull(JsonFields note) {
    JsonFields data = note.object("data");
    if (data == null) {
      return null;
    }
    String id = data.text("executionId");
    return id != null ? id : data.text("executionUuid");
  }

  private void handle(ScanSession session, JsonFields note) {
    if (!AlloyLogs.isError(note)) {
      return; // the filter was not applied, or Alloy added a message type
    }
    String executionId = AlloyLogs.executionId(note);
    if (!session.request().wantsWorkflow(note.text("workflowId"))
        && !session.request().wantsWorkflow(note.text("forgeWorkflowId"))) {
      return;
    }
    if (!session.firstSighting(executionId)) {
      return;
    }
    session.candidate(
        executionId, () -> logs.failure(note, executionId, session.request().deadline()));
  }
}
