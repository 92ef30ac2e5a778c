package dev.errorbridge.connector.credentials;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.DestinationAuth;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Turns a connection's {@link DestinationAuth} into the {@link AwsCredentialsProvider} its
 * EventBridge client signs with.
 *
 * <p>The same provider instance comes back for a connection until its settings version changes (or
 * it is {@link #invalidate invalidated}): the publisher keeps one SDK client per connection and
 * rebuilds it only when the provider is another instance. Nothing is decrypted or assumed when a
 * provider is made; that happens when a call is first signed, and failures then surface as a {@link
 * DestinationCredentialsException}.
 *
 * <pre>{@code
 * AwsCredentialsProvider credentials = providers.forConnection(connection);
 * Destination destination = Destination.of(connection.tenantId(), connection.id(),
 *     Region.of(connection.destination().region()), connection.destination().eventBus(), credentials);
 * }</pre>
 */
public interface DestinationCredentialsProvider {

  /**
   * The provider for a connection's destination.
   *
   * @param tenantId the tenant that owns the connection (part of its secrets' encryption context)
   * @param connectionId the connection
   * @param settingsVersion the connection's settings version; another value yields a new provider
   * @param region the bus's region, e.g. {@code eu-west-1} (where STS is called)
   * @param auth how the connection signs its calls
   * @return the same instance as the previous call for this connection, unless its settings
   *     changed; a replaced provider is closed
   */
  AwsCredentialsProvider forConnection(
      String tenantId,
      String connectionId,
      long settingsVersion,
      String region,
      DestinationAuth auth);

  /** The provider for {@code connection}'s destination, at its current settings version. */
  default AwsCredentialsProvider forConnection(Connection connection) {
    return forConnection(
        connection.tenantId(),
        connection.id(),
        connection.version(),
        connection.destination().region(),
        connection.destination().auth());
  }

  /**
   * Forgets a connection's provider (and closes it), e.g. when the connection is deleted or its
   * secrets were replaced; the next {@link #forConnection} makes a new one.
   */
  void invalidate(String connectionId);
}
