package dev.errorbridge.connector.retry;

/**
 * Counts as a run over a known number of items goes (a drain's due events, a replay's letters) and
 * tells its {@link ProgressListener} after every step: 0 of the total at the start, then {@link
 * #counted()} of it.
 */
abstract class ProgressTally {
  private final int total;
  private final ProgressListener progress;

  ProgressTally(int total, ProgressListener progress) {
    this.total = total;
    this.progress = progress;
    progress.progress(0, total);
  }

  /** How many of the items are accounted for so far. */
  abstract int counted();

  /** The number of items the run started with: the due events, the replayable letters. */
  final int expected() {
    return total;
  }

  /** Reports progress after a step. */
  final void advanced() {
    progress.progress(counted(), total);
  }
}
