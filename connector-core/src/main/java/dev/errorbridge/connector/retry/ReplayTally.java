package dev.errorbridge.connector.retry;

import java.util.ArrayList;
import java.util.List;

/** Counts as a replay goes and reports progress after every letter. */
final class ReplayTally extends ProgressTally {
  private final List<ReplayProblem> failed = new ArrayList<>();
  private int delivered;
  private int queued;
  private int notAttempted;

  ReplayTally(int replayable, ProgressListener progress) {
    super(replayable, progress);
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

  @Override
  int counted() {
    return delivered + queued + failed.size() + notAttempted;
  }

  ReplayReport report(String connectionId, int total, List<ReplayProblem> notReplayable) {
    return new ReplayReport(
        connectionId,
        false,
        total,
        expected(),
        delivered,
        queued,
        failed,
        notReplayable,
        notAttempted);
  }
}
