package dev.errorbridge.connector.poll;

/**
 * Thrown by the engine's own scan listener to stop a scan between pages: a page could not be
 * settled, so reading on would only publish failures the checkpoint cannot move past. It never
 * leaves the engine.
 */
final class CycleStoppedException extends RuntimeException {
  private final PollStatus status;

  CycleStoppedException(PollStatus status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  PollStatus status() {
    return status;
  }
}
