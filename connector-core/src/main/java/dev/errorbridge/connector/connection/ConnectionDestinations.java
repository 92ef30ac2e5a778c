package dev.errorbridge.connector.connection;

import dev.errorbridge.connector.publish.Destination;

/**
 * Turns a connection's destination settings into a publishable {@link Destination}: region, bus and
 * a credentials provider for its auth mode. Implementations hand out the same provider for a
 * connection until its settings version changes, because the publisher caches one SDK client per
 * connection and keys it by the provider's identity.
 */
public interface ConnectionDestinations {

  /** The destination of this connection; resolving credentials is deferred to their first use. */
  Destination resolve(Connection connection);

  /**
   * Forgets what was cached for the connection (its secrets or auth changed, or it was deleted).
   */
  void invalidate(String connectionId);
}
