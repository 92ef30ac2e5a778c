package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.engine.DeliveryResult;

/**
 * What became of the failures a cycle (or a backfill) found.
 *
 * @param found failures the platform reported
 * @param delivered accepted by the bus
 * @param duplicates published before (by an earlier or overlapping poll, or a webhook), including
 *     those skipped before their detail was read
 * @param parked put in the dead-letter store (sent and refused, or not buildable)
 * @param filteredOut not streamed by the connection (outcome or workflow filter)
 * @param skippedBeforeDetail of the duplicates, those known published from the list page alone, so
 *     their details were not read from the platform
 * @param rowsSkipped list rows that cannot be failures, passed over (not counted in {@code found})
 * @param rowsFailed list rows that could not be read, each failing alone and reported (not counted
 *     in {@code found}; read again while the lookback holds them)
 */
public record DeliveryCounts(
    int found,
    int delivered,
    int duplicates,
    int parked,
    int filteredOut,
    int skippedBeforeDetail,
    int rowsSkipped,
    int rowsFailed) {

  public static final DeliveryCounts NONE = new DeliveryCounts(0, 0, 0, 0, 0, 0, 0, 0);

  /** Counts of failures only: no row skipped or failed. */
  public DeliveryCounts(
      int found,
      int delivered,
      int duplicates,
      int parked,
      int filteredOut,
      int skippedBeforeDetail) {
    this(found, delivered, duplicates, parked, filteredOut, skippedBeforeDetail, 0, 0);
  }

  /** These counts plus a settled page of {@code failures} failures. */
  public DeliveryCounts plus(int failures, DeliveryResult.Published page) {
    return new DeliveryCounts(
        found + failures,
        delivered + page.report().delivered().size(),
        duplicates + page.duplicates(),
        parked + page.report().parked().size(),
        filteredOut + page.filteredOut(),
        skippedBeforeDetail,
        rowsSkipped,
        rowsFailed);
  }

  /** These counts plus {@code known} failures skipped before their details, as published before. */
  public DeliveryCounts plusSkipped(int known) {
    return new DeliveryCounts(
        found + known,
        delivered,
        duplicates + known,
        parked,
        filteredOut,
        skippedBeforeDetail + known,
        rowsSkipped,
        rowsFailed);
  }

  /** These counts plus {@code failures} found on a page that could not be settled. */
  public DeliveryCounts plusUnsettled(int failures) {
    return new DeliveryCounts(
        found + failures,
        delivered,
        duplicates,
        parked,
        filteredOut,
        skippedBeforeDetail,
        rowsSkipped,
        rowsFailed);
  }

  /** These counts plus {@code skipped} rows passed over and {@code failed} rows that failed. */
  public DeliveryCounts plusRows(int skipped, int failed) {
    return new DeliveryCounts(
        found,
        delivered,
        duplicates,
        parked,
        filteredOut,
        skippedBeforeDetail,
        rowsSkipped + skipped,
        rowsFailed + failed);
  }

  /** The sum of two tallies. */
  public DeliveryCounts plus(DeliveryCounts other) {
    return new DeliveryCounts(
        found + other.found,
        delivered + other.delivered,
        duplicates + other.duplicates,
        parked + other.parked,
        filteredOut + other.filteredOut,
        skippedBeforeDetail + other.skippedBeforeDetail,
        rowsSkipped + other.rowsSkipped,
        rowsFailed + other.rowsFailed);
  }
}
