package dev.errorbridge.connector.retry;

/** Counts as the drain goes and reports progress after every settled event. */
final class DrainTally {
  private final int due;
  private final ProgressListener progress;
  private int delivered;
  private int rescheduled;
  private int maybeDelivered;
  private int deadLettered;
  private int skipped;
  private int discarded;
  private int leftForLater;

  DrainTally(int due, ProgressListener progress) {
    this.due = due;
    this.progress = progress;
    progress.progress(0, due);
  }

  void delivered(int n) {
    delivered += n;
    advanced();
  }

  void rescheduled(int n) {
    rescheduled += n;
    advanced();
  }

  /** Among the rescheduled, one whose last call got no answer. */
  void maybeDelivered() {
    maybeDelivered++;
  }

  void deadLettered(int n) {
    deadLettered += n;
    advanced();
  }

  void skipped(int n) {
    skipped += n;
    advanced();
  }

  void discarded(int n) {
    discarded += n;
    advanced();
  }

  void leftForLater(int n) {
    leftForLater += n;
    advanced();
  }

  int counted() {
    return delivered + rescheduled + deadLettered + skipped + discarded + leftForLater;
  }

  private void advanced() {
    progress.progress(counted(), due);
  }

  DrainReport report() {
    return new DrainReport(
        due,
        delivered,
        rescheduled,
        maybeDelivered,
        deadLettered,
        skipped,
        discarded,
        leftForLater);
  }
}
