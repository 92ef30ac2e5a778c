package dev.errorbridge.connector.retry;

/**
 * Told how far a drain or a replay has got, e.g. to draw a progress bar in the CLI. Called on the
 * working thread; it should return quickly and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores progress. */
  ProgressListener NONE = (done, total) -> {};

  /**
   * @param done events settled so far (delivered, queued, failed or skipped)
   * @param total events this run is working through
   */
  void progress(int done, int total);
}
