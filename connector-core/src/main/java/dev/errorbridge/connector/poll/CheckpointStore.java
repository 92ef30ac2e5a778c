package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.store.StoreUnavailableException;
import java.util.Collection;
import java.util.Map;
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
   * The checkpoints of many connections at once, by connection id; connections that have none yet
   * are absent. Reads as consistently as {@link #load}, in as few calls as the store allows (the
   * poll scheduler reads every enabled connection's checkpoint each tick).
   *
   * @throws StoreUnavailableException if DynamoDB could not answer for all of them
   */
  Map<String, Checkpoint> loadAll(Collection<String> connectionIds);

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
