package dev.errorbridge.connector.partner;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestinations;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.publish.Destination;

/**
 * {@link ConnectionDestinations} that knows PARTNER_EVENT_SOURCE connections: their destination is
 * a {@code PutPartnerEvents} one, signed with the operator's own credentials (the {@code
 * delegate}'s provider for a mode without customer credentials is the runtime's), and it resolves
 * only while the source is ACTIVE. Otherwise {@link #resolve} throws {@link
 * PartnerSourceNotReadyException}, where every caller already stops for unusable credentials before
 * claiming anything: events are held, not sent to be dropped. Other connections go to the {@code
 * delegate} unchanged.
 */
public final class PartnerConnectionDestinations implements ConnectionDestinations {
  private final ConnectionDestinations delegate;
  private final PartnerSourceReadiness readiness;

  public PartnerConnectionDestinations(
      ConnectionDestinations delegate, PartnerSourceReadiness readiness) {
    this.delegate = delegate;
    this.readiness = readiness;
  }

  /**
   * @throws PartnerSourceNotReadyException if the connection's partner event source is not ACTIVE
   */
  @Override
  public Destination resolve(Connection connection) {
    Destination destination = delegate.resolve(connection);
    if (!(connection.destination().auth() instanceof DestinationAuth.PartnerEventSource)) {
      return destination;
    }
    readiness.requireReady(connection);
    return new Destination(
        destination.tenantId(),
        destination.connectionId(),
        destination.region(),
        connection.destination().eventBus(),
        destination.credentials(),
        destination.endpointOverride(),
        Destination.Api.PUT_PARTNER_EVENTS);
  }

  @Override
  public void invalidate(String connectionId) {
    delegate.invalidate(connectionId);
  }
}
