package dev.errorbridge.connector.poll;

/** Receives a backfill's progress on the backfilling thread, e.g. to draw a progress bar. */
@FunctionalInterface
public interface BackfillListener {

  BackfillListener NONE = progress -> {};

  void onProgress(BackfillProgress progress);
}
