package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.engine.DeliveryResult;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.RowFailure;
import dev.errorbridge.connector.source.ScanListener;
import dev.errorbridge.connector.time.Deadline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each page a scan finds to the {@link FailureDelivery}, tallies what became of it, and stops
 * the scan (with a {@link CycleStoppedException}) at the first page that cannot be settled.
 *
 * <p>After a page that published or parked something, the connection is read again before it is
 * used next (the next page, or health at the end of the cycle): delivery updates health counters
 * from the connection it is given, and the owner may have switched it off meanwhile (the next page
 * is then not settled, and the scan stops). A one-page scan reads it no more than that.
 *
 * <p>Before a page's details are read, it tells the source which of the page's failures were
 * published already (asking the dedup store through {@link FailureDelivery#published}), so that the
 * lookback's overlap costs no detail requests; those count as duplicates and as settled. When the
 * dedup store cannot answer, it answers none and the page is delivered (and deduplicated) as
 * before.
 *
 * <p>Rows the source could not read fail alone: each is logged at WARN (once, without a stack
 * trace), counted, and the first {@value #ROW_FAILURES_KEPT} are kept for the cycle's report and
 * the connection's health.
 */
final class DeliveringListener implements ScanListener {
  /** Row failures kept for the report; the rest are counted and logged. */
  static final int ROW_FAILURES_KEPT = 3;

  private static final Logger LOG = LoggerFactory.getLogger(DeliveringListener.class);

  private final FailureDelivery delivery;
  private final ConnectionStore connections;
  private final Deadline deadline;
  private final Consumer<DeliveryCounts> onPage;
  private final Set<String> settledIds = new HashSet<>();
  private final Map<String, PendingRun> pending = new LinkedHashMap<>();
  private final List<RowFailure> rowFailures = new ArrayList<>();
  private Connection connection;
  private boolean stale;
  private DeliveryCounts counts = DeliveryCounts.NONE;

  DeliveringListener(
      Connection connection,
      FailureDelivery delivery,
      ConnectionStore connections,
      Deadline deadline,
      Consumer<DeliveryCounts> onPage) {
    this.connection = connection;
    this.delivery = delivery;
    this.connections = connections;
    this.deadline = deadline;
    this.onPage = onPage;
  }

  @Override
  public void onFailures(List<FailedExecution> failures) {
    deliver(failures);
    failures.forEach(f -> settledIds.add(f.execution().id()));
    onPage.accept(counts);
  }

  @Override
  public Set<String> alreadyPublished(List<String> executionIds) {
    Connection current = connection();
    Set<String> known;
    try {
      known = delivery.published(current, executionIds);
    } catch (RuntimeException e) {
      LOG.warn(
          "connection {}: could not ask which of {} failures were published already, reading"
              + " them all (delivery dedups them): {}",
          current.id(),
          executionIds.size(),
          e.getMessage());
      return Set.of();
    }
    if (!known.isEmpty()) {
      settledIds.addAll(known);
      counts = counts.plusSkipped(known.size());
      onPage.accept(counts);
    }
    return known;
  }

  @Override
  public void onRowFailed(RowFailure failure) {
    LOG.warn(
        "poll row failed connection={}: {}; the rest of the window is read, and the row again"
            + " while the lookback holds it",
        connection.id(),
        failure.message());
    if (rowFailures.size() < ROW_FAILURES_KEPT) {
      rowFailures.add(failure);
    }
    counts = counts.plusRows(0, 1);
  }

  @Override
  public void onRowSkipped(String why) {
    LOG.debug("poll row skipped connection={}: {}", connection.id(), why);
    counts = counts.plusRows(1, 0);
  }

  @Override
  public void onPending(List<PendingRun> runs) {
    runs.forEach(run -> pending.put(run.executionId(), run));
  }

  /**
   * Delivers {@code failures} (a page, or the failures rechecks found), tallying them.
   *
   * @throws CycleStoppedException when they cannot be settled
   */
  void deliver(List<FailedExecution> failures) {
    DeliveryResult result = delivery.deliver(connection(), failures, deadline);
    if (!(result instanceof DeliveryResult.Published published)) {
      counts = counts.plusUnsettled(failures.size());
      throw new CycleStoppedException(PollStatus.NOT_SETTLED, unsettled(result));
    }
    counts = counts.plus(failures.size(), published);
    stale |= !published.report().outcomes().isEmpty();
  }

  private Connection refreshed() {
    return connections
        .find(connection.id())
        .orElseThrow(
            () ->
                new CycleStoppedException(
                    PollStatus.NOT_SETTLED,
                    "connection " + connection.id() + " was deleted during the cycle"));
  }

  private String unsettled(DeliveryResult result) {
    String why =
        result instanceof DeliveryResult.Skipped skipped
            ? "the connection is " + skipped.state() + ", so nothing was published"
            : "its destination credentials are unavailable: "
                + ((DeliveryResult.Unavailable) result).reason();
    return "connection "
        + connection.id()
        + ": a page of failures could not be settled ("
        + why
        + "); the watermark stays and the next cycle reads the window again";
  }

  /** The connection, read again if a delivery changed it since it was last read. */
  Connection connection() {
    if (stale) {
      connection = refreshed();
      stale = false;
    }
    return connection;
  }

  DeliveryCounts counts() {
    return counts;
  }

  /** Execution ids of the failures settled so far. */
  Set<String> settledIds() {
    return settledIds;
  }

  /** The first rows that failed, in the order seen (see {@link #ROW_FAILURES_KEPT}). */
  List<RowFailure> rowFailures() {
    return List.copyOf(rowFailures);
  }

  /**
   * How many rows failed and the first ones' messages, e.g. {@code 2 rows could not be read and
   * were skipped (…; …)}; {@code null} when none did.
   */
  String rowFailuresSummary() {
    int count = counts.rowsFailed();
    if (count == 0) {
      return null;
    }
    return count
        + (count == 1 ? " row could not be read and was" : " rows could not be read and were")
        + " skipped ("
        + rowFailures.stream().map(RowFailure::message).collect(Collectors.joining("; "))
        + (count > rowFailures.size()
            ? "; " + (count - rowFailures.size()) + " more in the log"
            : "")
        + ")";
  }

  /** Runs the scan saw still in progress, by execution id, in the order seen. */
  List<PendingRun> pending() {
    return new ArrayList<>(pending.values());
  }
}
