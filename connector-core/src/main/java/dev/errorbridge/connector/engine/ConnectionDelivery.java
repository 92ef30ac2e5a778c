package dev.errorbridge.connector.engine;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailurePublisher;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestinations;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.credentials.CredentialsFailureAction;
import dev.errorbridge.connector.publish.Deadline;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.publish.PublishReport;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way failures reach a customer's bus, whether polled or pushed: honour the toggle, apply
 * the connection's filters, publish (or park) through the {@link FailurePublisher}, and keep the
 * connection's health current.
 */
public final class ConnectionDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionDelivery.class);

  private final ConnectionDestinations destinations;
  private final FailurePublisher publisher;
  private final ConnectionHealthTracker health;

  public ConnectionDelivery(
      ConnectionDestinations destinations,
      FailurePublisher publisher,
      ConnectionHealthTracker health) {
    this.destinations = destinations;
    this.publisher = publisher;
    this.health = health;
  }

  /**
   * Delivers {@code failures} for {@code connection} within {@code deadline}.
   *
   * @param connection the connection as just read from the store (its toggle is checked here)
   */
  public DeliveryResult deliver(
      Connection connection, List<FailedExecution> failures, Deadline deadline) {
    if (!connection.enabled()) {
      return new DeliveryResult.Skipped(HealthState.PAUSED);
    }
    if (connection.health().state() == HealthState.SUSPENDED) {
      return new DeliveryResult.Skipped(HealthState.SUSPENDED);
    }
    List<FailedExecution> streamed =
        failures.stream()
            .filter(f -> connection.source().streams(f.workflow().id(), f.execution().outcome()))
            .toList();
    int filteredOut = failures.size() - streamed.size();
    if (streamed.isEmpty()) {
      return new DeliveryResult.Published(filteredOut, 0, new PublishReport(List.of(), 0, 0, null));
    }
    Destination destination;
    try {
      destination = destinations.resolve(connection);
      // Resolve now, not inside the SDK call: a credentials problem must leave the failures
      // unpublished and unparked (the next cycle retries), not dead-letter every one of them.
      destination.credentials().resolveCredentials();
    } catch (RuntimeException e) {
      return credentialsFailed(connection, e);
    }
    PublishReport report = publisher.publish(destination, connection.mapping(), streamed, deadline);
    if (report.destinationError() != null) {
      health.destinationFailed(connection, report.destinationError());
    } else {
      health.delivered(connection, report.delivered().size(), report.parked().size());
    }
    return new DeliveryResult.Published(filteredOut, 0, report);
  }

  private DeliveryResult credentialsFailed(Connection connection, RuntimeException e) {
    CredentialsFailureAction action = CredentialsFailureAction.of(e);
    String reason = e.getMessage();
    switch (action) {
      case SUSPEND -> health.suspend(connection, reason);
      case ERROR -> health.error(connection, reason);
      case RETRY -> {
        // transient: the next cycle tries again; health unchanged
      }
    }
    LOG.warn(
        "connection {} cannot resolve its credentials ({}): {}", connection.id(), action, reason);
    return new DeliveryResult.Unavailable(reason);
  }
}
