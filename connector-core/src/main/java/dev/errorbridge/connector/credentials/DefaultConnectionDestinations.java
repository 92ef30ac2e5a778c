package dev.errorbridge.connector.credentials;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestinations;
import dev.errorbridge.connector.publish.Destination;
import java.net.URI;
import software.amazon.awssdk.regions.Region;

/**
 * {@link ConnectionDestinations} over a {@link DestinationCredentialsProvider}: the connection's
 * region and bus with a credentials provider that stays the same instance until the connection's
 * settings version changes (so the publisher keeps its cached client).
 */
public final class DefaultConnectionDestinations implements ConnectionDestinations {
  private final DestinationCredentialsProvider credentials;
  private final URI endpointOverride;

  /** Real AWS endpoints. */
  public DefaultConnectionDestinations(DestinationCredentialsProvider credentials) {
    this(credentials, null);
  }

  /**
   * @param endpointOverride an EventBridge endpoint for every connection (local-aws in the
   *     standalone server's embedded mode and in tests), or {@code null} for AWS's
   */
  public DefaultConnectionDestinations(
      DestinationCredentialsProvider credentials, URI endpointOverride) {
    this.credentials = credentials;
    this.endpointOverride = endpointOverride;
  }

  @Override
  public Destination resolve(Connection connection) {
    return new Destination(
        connection.tenantId(),
        connection.id(),
        Region.of(connection.destination().region()),
        connection.destination().eventBus(),
        credentials.forConnection(connection),
        endpointOverride);
  }

  @Override
  public void invalidate(String connectionId) {
    credentials.invalidate(connectionId);
  }
}
