package dev.errorbridge.server.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on standard error ({@code [#####-----] 50% 5/10 label}), redrawn in place
 * with a carriage return, so standard output keeps only the summary.
 */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private boolean drawn;

  ProgressBar(PrintWriter err) {
    this.err = err;
  }

  /** Draws the bar; {@code total} 0 or less means unknown (then only the count is shown). */
  void update(long done, long total, String label) {
    StringBuilder line = new StringBuilder("\r[");
    if (total > 0) {
      int filled = (int) Math.min(WIDTH, done * WIDTH / total);
      line.append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ");
      line.append(String.format("%3d%%  %d/%d", Math.min(100, done * 100 / total), done, total));
    } else {
      line.append("#".repeat((int) (done % (WIDTH + 1)))).append("] ").append(done);
    }
    if (label != null && !label.isEmpty()) {
      line.append("  ").append(label);
    }
    err.print(line);
    err.flush();
    drawn = true;
  }

  /** Ends the bar's line. */
  void finish() {
    if (drawn) {
      err.println();
      drawn = false;
    }
  }
}
