package dev.errorbridge.connector.retry;

/** Counts as the drain goes and reports progress after every settled event. */
final class DrainTally extends ProgressTally {
  private int delivered;
  private int rescheduled;
  private int maybeDelivered;
  private int deadLettered;
  private int skipped;
  private int discarded;
  private int leftForLater;

  DrainTally(int due, ProgressListener progress) {
    super(due, progress);
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

  @Override
  int counted() {
    return delivered + rescheduled + deadLettered + skipped + discarded + leftForLater;
  }

  DrainReport report() {
    return new DrainReport(
        expected(),
        delivered,
        rescheduled,
        maybeDelivered,
        deadLettered,
        skipped,
        discarded,
        leftForLater);
  }
}
