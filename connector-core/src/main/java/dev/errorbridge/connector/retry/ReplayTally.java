package dev.errorbridge.connector.retry;

import java.util.ArrayList;
import java.util.List;

/** Counts as a replay goes and reports progress after every letter. */
final class ReplayTally {
  private final int replayable;
  private final ProgressListener progress;
  private final List<ReplayProblem> failed = new ArrayList<>();
  private int delivered;
  private int queued;
  private int notAttempted;

  ReplayTally(int replayable, ProgressListener progress) {
    this.replayable = replayable;
    this.progress = progress;
    progress.progress(0, replayable);
  }

  void delivered() {
    delivered++;
    advanced();
  }

  void queued() {
    queued++;
    advanced();
  }

  void failed(ReplayProblem problem) {
    failed.add(problem);
    advanced();
  }

  void notAttempted(int n) {
    notAttempted += n;
    if (n > 0) {
      advanced();
    }
  }

  private void advanced() {
    progress.progress(delivered + queued + failed.size() + notAttempted, replayable);
  }

  ReplayReport report(String connectionId, int total, List<ReplayProblem> notReplayable) {
    return new ReplayReport(
        connectionId,
        false,
        total,
        replayable,
        delivered,
        queued,
        failed,
        notReplayable,
        notAttempted);
  }
}
