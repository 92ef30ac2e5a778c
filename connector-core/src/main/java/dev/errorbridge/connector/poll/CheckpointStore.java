package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.store.StoreUnavailableException;
import java.util.Optional;

/**
 * Pollers' checkpoints, one per connection, saved with optimistic concurrency so that two pollers
 * of one connection (an overlapping schedule, a retried Lambda) never silently overwrite each
 * other.
 *
 * <pre>{@code
 * Checkpoint current = store.load(id).orElse(Checkpoint.start(id, firstWatermark));
 * Checkpoint next = ...;                                   // after the scan
 * current = store.save(next, current.version());           // or CheckpointConflictException
 * }</pre>
 */
public interface CheckpointStore {

  /** The connection's checkpoint, or empty before the first save. */
  Optional<Checkpoint> load(String connectionId);

  /**
   * Stores {@code checkpoint} if the stored one is still at {@code expectedVersion} (0: there is
   * none yet). The version carried by {@code checkpoint} is ignored.
   *
   * @return the checkpoint as stored, at version {@code expectedVersion + 1}
   * @throws CheckpointConflictException if the stored version is another
   * @throws StoreUnavailableException if DynamoDB could not answer
   */
  Checkpoint save(Checkpoint checkpoint, long expectedVersion);
}
