package dev.errorbridge.connector.partner;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.connection.HealthState;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PARTNER_EVENT_SOURCE connections and their sources in step for the settings service: a new
 * connection gets its source, a changed account or region gets a new one (the old one deleted), a
 * deleted connection takes its source with it, and the connection's health says where the source
 * stands with the customer's next step. Does nothing for other connections, and nothing at all when
 * partner mode is off ({@link #none()}).
 */
public final class PartnerSourceLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerSourceLifecycle.class);
  private static final PartnerSourceLifecycle NONE = new PartnerSourceLifecycle(null, null, null);

  private final PartnerEventSources sources;
  private final PartnerSourceReadiness readiness;
  private final Clock clock;

  public PartnerSourceLifecycle(
      PartnerEventSources sources, PartnerSourceReadiness readiness, Clock clock) {
    this.sources = sources;
    this.readiness = readiness;
    this.clock = clock;
  }

  /** For deployments without partner mode: PARTNER_EVENT_SOURCE connections are refused anyway. */
  public static PartnerSourceLifecycle none() {
    return NONE;
  }

  /**
   * Creates the source of a new connection.
   *
   * @throws PartnerSourceCallFailedException if EventBridge did not create it
   */
  public void created(Connection connection) {
    partner(connection)
        .ifPresent(
            p ->
                sources.create(
                    connection.destination().eventBus(),
                    p.accountId(),
                    connection.destination().region()));
  }

  /**
   * After an update: a source for a new account or region (the old one deleted), or the same source
   * created again when its auth was saved (how a customer gets back a source that expired).
   *
   * @param authSaved whether the update sent {@code destination.auth}
   * @throws PartnerSourceCallFailedException if EventBridge did not create the source
   */
  public void updated(Connection before, Connection after, boolean authSaved) {
    Optional<DestinationAuth.PartnerEventSource> was = partner(before);
    Optional<DestinationAuth.PartnerEventSource> now = partner(after);
    boolean moved =
        was.isPresent()
            && (now.isEmpty()
                || !was.get().equals(now.get())
                || !before.destination().region().equals(after.destination().region()));
    if (moved) {
      deleted(before);
    }
    if (now.isPresent() && (moved || was.isEmpty() || authSaved)) {
      readiness.forget(after);
      created(after);
    }
  }

  /** Deletes the source of a deleted connection; a failure is logged, the connection stays gone. */
  public void deleted(Connection connection) {
    partner(connection)
        .ifPresent(
            p -> {
              readiness.forget(connection);
              try {
                sources.delete(
                    connection.destination().eventBus(),
                    p.accountId(),
                    connection.destination().region());
              } catch (PartnerSourceCallFailedException e) {
                LOG.warn(
                    "connection {}: its partner event source was not deleted: {}",
                    connection.id(),
                    e.getMessage());
              }
            });
  }

  /**
   * The connection with its health brought up to date with its source: ERROR with the reason and
   * the customer's next step while the source is not ACTIVE, back to ACTIVE once it is (only from
   * an ERROR this class set). A source whose state cannot be read leaves health as it is.
   */
  public Connection withCurrentHealth(
      Connection connection, ConnectionHealthTracker health, ConnectionStore store) {
    if (partner(connection).isEmpty() || !connection.enabled()) {
      return connection;
    }
    PartnerSourceState state;
    try {
      state = readiness.state(connection);
    } catch (PartnerSourceCallFailedException e) {
      LOG.debug("connection {}: partner source state unknown: {}", connection.id(), e.getMessage());
      return connection;
    }
    ConnectionHealth h = connection.health();
    Optional<String[]> problem = PartnerSourceReadiness.problem(connection, state);
    if (problem.isPresent()) {
      if (h.state() == HealthState.SUSPENDED) {
        return connection;
      }
      return connection.withHealth(health.error(connection, problem.get()[0], problem.get()[1]));
    }
    if (h.state() == HealthState.ERROR && PartnerHealthTexts.isPartnerReason(h.reason())) {
      ConnectionHealth active = h.withState(HealthState.ACTIVE, null, clock.instant());
      store.saveHealth(connection.id(), active);
      return connection.withHealth(active);
    }
    return connection;
  }

  private Optional<DestinationAuth.PartnerEventSource> partner(Connection connection) {
    if (sources == null
        || connection == null
        || !(connection.destination().auth() instanceof DestinationAuth.PartnerEventSource p)) {
      return Optional.empty();
    }
    return Optional.of(Objects.requireNonNull(p));
  }
}
