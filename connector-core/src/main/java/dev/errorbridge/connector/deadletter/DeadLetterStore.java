package dev.errorbridge.connector.deadletter;

import java.util.List;

/**
 * Where undelivered events are parked so that nothing is lost and a replay can resend them. A
 * poller may advance its checkpoint only once every event of a scan is delivered or {@link #park
 * parked}.
 */
public interface DeadLetterStore {

  /**
   * Parks an event durably; when this returns, the event is safe.
   *
   * @throws DeadLetterStoreException when it could not be stored (the caller must not treat it as
   *     parked)
   */
  void park(DeadLetter deadLetter);

  /** The parked events of a connection, oldest first, at most {@code limit}. */
  List<DeadLetter> list(String tenantId, String connectionId, int limit);

  /**
   * Removes a parked event, e.g. after a successful replay; removing one that is not there is a
   * no-op.
   */
  void remove(String tenantId, String connectionId, String eventId);

  /**
   * How many dead letters the connection holds for the tenant: a durable figure for metrics and the
   * settings page, unlike counters that start again with the process.
   */
  long count(String tenantId, String connectionId);
}
