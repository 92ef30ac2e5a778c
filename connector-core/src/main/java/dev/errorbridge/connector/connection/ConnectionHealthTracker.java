package dev.errorbridge.connector.connection;

import dev.errorbridge.connector.audit.AuditAction;
import dev.errorbridge.connector.audit.AuditLog;
import dev.errorbridge.connector.audit.AuditRecord;
import dev.errorbridge.connector.publish.PublishReport;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a connection's health as the engine works: counts deliveries, suspends the connection after
 * {@code suspendAfter} non-retryable destination failures in a row (access denied, a missing bus:
 * retrying them only burns the customer's quota and fills the dead-letter store), and records
 * errors the customer must fix outside Errorbridge (a disabled KMS key, a revoked platform key).
 *
 * <p>Health is written apart from the settings version. Delivery counters and the failure streak
 * are added atomically; state changes are read-modify-written, and two workers changing the state
 * at once for the same connection write the same state.
 */
public final class ConnectionHealthTracker {
  /** Non-retryable destination failures in a row before a connection is suspended. */
  public static final int DEFAULT_SUSPEND_AFTER = 5;

  /** The actor of what Errorbridge does by itself, in the audit trail. */
  public static final String SERVICE_ACTOR = "errorbridge";

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHealthTracker.class);

  private final ConnectionStore store;
  private final Clock clock;
  private final int suspendAfter;
  private final AuditLog audit;

  /**
   * @param audit where an automatic suspension is recorded ({@link AuditAction#SUSPEND}, by {@value
   *     #SERVICE_ACTOR}), or {@code null} to record none (tests and benchmarks of delivery alone)
   */
  public ConnectionHealthTracker(
      ConnectionStore store, Clock clock, int suspendAfter, AuditLog audit) {
    if (suspendAfter < 1) {
      throw new IllegalArgumentException("suspendAfter must be at least 1, was " + suspendAfter);
    }
    this.store = store;
    this.clock = clock;
    this.suspendAfter = suspendAfter;
    this.audit = audit;
  }

  /** A tracker that records no audit trail. */
  public ConnectionHealthTracker(ConnectionStore store, Clock clock, int suspendAfter) {
    this(store, clock, suspendAfter, null);
  }

  /**
   * Records a batch's outcome: events delivered and parked. A delivery ends a failure streak. The
   * counters are added in the store atomically, so concurrent deliveries (webhooks answered while
   * earlier ones are still being recorded, a poll at the same time) never lose an increment; only a
   * recovery from {@link HealthState#ERROR} also rewrites the state.
   */
  public ConnectionHealth delivered(Connection connection, long delivered, long deadLettered) {
    ConnectionHealth h = connection.health();
    Instant now = clock.instant();
    // An ERROR about reading the platform is not proven fixed by a delivery; polling clears it.
    boolean recovered = h.state() == HealthState.ERROR && delivered > 0 && !h.reasonFromPolling();
    ConnectionHealth next =
        new ConnectionHealth(
            recovered ? HealthState.ACTIVE : h.state(),
            recovered ? null : h.reason(),
            recovered ? now : h.since(),
            delivered > 0 ? 0 : h.consecutiveFailures(),
            delivered > 0 ? now : h.lastDeliveryAt(),
            h.delivered() + delivered,
            h.deadLettered() + deadLettered,
            recovered ? null : h.fix());
    if (delivered == 0 && deadLettered == 0) {
      return h;
    }
    store.addDeliveries(connection.id(), delivered, deadLettered, now);
    if (recovered) {
      store.saveHealth(connection.id(), next);
    }
    return next;
  }

  /**
   * Moves health after deliveries whose counters the outbox added already (in the write that
   * settled them): a delivery out of {@link HealthState#ERROR} is a recovery, the only state change
   * here (not out of an ERROR about reading the platform: a complete poll cycle clears that).
   */
  public ConnectionHealth deliveriesCounted(Connection connection, long delivered) {
    ConnectionHealth h = connection.health();
    if (h.state() != HealthState.ERROR || delivered == 0 || h.reasonFromPolling()) {
      return h;
    }
    Instant now = clock.instant();
    ConnectionHealth next =
        new ConnectionHealth(
            HealthState.ACTIVE, null, now, 0, now, h.delivered() + delivered, h.deadLettered());
    store.saveHealth(connection.id(), next);
    return next;
  }

  /**
   * Records a non-retryable destination failure; the {@code suspendAfter}-th in a row suspends the
   * connection.
   *
   * @param reason what failed and how to fix it (no secrets)
   */
  public ConnectionHealth destinationFailed(Connection connection, String reason) {
    ConnectionHealth h = connection.health();
    // Counted in the store, not from this snapshot: failures recorded at the same time, or from an
    // older copy of the connection, must all count towards the streak.
    int failures = store.addFailure(connection.id());
    Instant now = clock.instant();
    boolean suspend = failures >= suspendAfter && h.state() == HealthState.ACTIVE;
    ConnectionHealth next =
        new ConnectionHealth(
            suspend ? HealthState.SUSPENDED : h.state(),
            suspend
                ? withReenableStep("suspended after " + failures + " failures in a row: " + reason)
                : h.reason(),
            suspend ? now : h.since(),
            failures,
            h.lastDeliveryAt(),
            h.delivered(),
            h.deadLettered(),
            suspend ? null : h.fix());
    if (suspend) {
      store.saveHealth(connection.id(), next);
      suspended(connection, next);
    }
    return next;
  }

  /**
   * Moves health after a publish: counts its destination failure towards suspension, or records its
   * deliveries (which ends a failure streak).
   */
  public ConnectionHealth published(Connection connection, PublishReport report) {
    return report.destinationError() != null
        ? destinationFailed(connection, report.destinationError())
        : deliveriesCounted(connection, report.delivered().size());
  }

  /**
   * Suspends the connection at once: the customer's account refuses Errorbridge outright (e.g. the
   * role does not trust it), so repeating the attempt cannot help.
   */
  public ConnectionHealth suspend(Connection connection, String reason) {
    ConnectionHealth h = connection.health();
    if (h.state() == HealthState.SUSPENDED) {
      return h;
    }
    ConnectionHealth next =
        new ConnectionHealth(
            HealthState.SUSPENDED,
            withReenableStep(reason),
            clock.instant(),
            h.consecutiveFailures() + 1,
            h.lastDeliveryAt(),
            h.delivered(),
            h.deadLettered());
    save(connection, next);
    suspended(connection, next);
    return next;
  }

  /** Records an automatic suspension in the connection's audit trail, its reason as the note. */
  private void suspended(Connection connection, ConnectionHealth health) {
    if (audit == null) {
      return;
    }
    String reason = health.reason();
    String note =
        reason.length() <= AuditRecord.MAX_NOTE_LENGTH
            ? reason
            : reason.substring(0, AuditRecord.MAX_NOTE_LENGTH - 1) + "…";
    try {
      audit.append(
          new AuditRecord(
              connection.tenantId(),
              connection.id(),
              SERVICE_ACTOR,
              AuditAction.SUSPEND,
              List.of(),
              health.since(),
              note));
    } catch (RuntimeException e) {
      // The suspension stands (it is saved); a trail that could not be written must not undo it.
      LOG.warn("connection {} suspended, but its audit record was not written", connection.id(), e);
    }
  }

  /**
   * Puts an enabled connection in {@link HealthState#ERROR}: it cannot work until the customer
   * fixes something outside Errorbridge.
   */
  public ConnectionHealth error(Connection connection, String reason) {
    return error(connection, reason, null);
  }

  /**
   * Puts an enabled connection in {@link HealthState#ERROR} with {@code reason} and, apart, the
   * {@code fix} (or {@code null} when the reason says it).
   */
  public ConnectionHealth error(Connection connection, String reason, String fix) {
    ConnectionHealth h = connection.health();
    if (h.state() == HealthState.ERROR
        && reason.equals(h.reason())
        && Objects.equals(fix, h.fix())) {
      return h;
    }
    ConnectionHealth next =
        new ConnectionHealth(
            HealthState.ERROR,
            reason,
            h.state() == HealthState.ERROR ? h.since() : clock.instant(),
            h.consecutiveFailures(),
            h.lastDeliveryAt(),
            h.delivered(),
            h.deadLettered(),
            fix);
    return save(connection, next);
  }

  /**
   * A suspended connection stays off until someone enables it again, so its reason must say so;
   * most reasons from credentials and destinations already end with that step, and saying it twice
   * reads as a glitch.
   */
  static String withReenableStep(String reason) {
    if (reason.contains("enable the connection again")) {
      return reason;
    }
    String stripped = reason.strip();
    while (stripped.endsWith(".")) {
      stripped = stripped.substring(0, stripped.length() - 1);
    }
    return stripped + ". Fix it, then enable the connection again";
  }

  private ConnectionHealth save(Connection connection, ConnectionHealth next) {
    if (!next.equals(connection.health())) {
      store.saveHealth(connection.id(), next);
    }
    return next;
  }
}
