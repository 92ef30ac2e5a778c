package dev.errorbridge.connector.poll;

/**
 * A checkpoint was saved on a version that is no longer current: another poller of the same
 * connection saved first (or the connection was deleted). Reload it, redo the scan's bookkeeping on
 * top of it and save again, or give up this cycle.
 */
public class CheckpointConflictException extends RuntimeException {
  private final String connectionId;
  private final long expectedVersion;
  private final long actualVersion;

  public CheckpointConflictException(
      String connectionId, long expectedVersion, long actualVersion) {
    super(
        "the checkpoint of connection "
            + connectionId
            + (actualVersion == 0
                ? " does not exist (the connection was deleted?)"
                : " is at version " + actualVersion)
            + ", not "
            + expectedVersion
            + ": another poller saved it first; reload it and retry, or skip this cycle");
    this.connectionId = connectionId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  /** The connection whose checkpoint conflicted. */
  public String connectionId() {
    return connectionId;
  }

  /** The version the save was based on. */
  public long expectedVersion() {
    return expectedVersion;
  }

  /** The version stored, 0 if there is no checkpoint. */
  public long actualVersion() {
    return actualVersion;
  }
}
