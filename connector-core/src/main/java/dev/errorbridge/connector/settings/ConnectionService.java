package dev.errorbridge.connector.settings;

import dev.errorbridge.connector.audit.AuditAction;
import dev.errorbridge.connector.audit.AuditLog;
import dev.errorbridge.connector.audit.AuditRecord;
import dev.errorbridge.connector.audit.Caller;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionConflictException;
import dev.errorbridge.connector.connection.ConnectionDestinations;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.connection.ConnectionNotFoundException;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.partner.PartnerSourceLifecycle;
import dev.errorbridge.connector.secrets.SecretCipher;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The settings operations, free of any transport: the HTTP API, the Lambda handler and the CLI all
 * call this. Every change is validated first (all problems at once), written with optimistic
 * concurrency, audited (field names, never values) and, when credentials changed, announced so
 * caches of decrypted secrets and SDK clients are dropped.
 */
public final class ConnectionService {
  private static final int TOGGLE_ATTEMPTS = 3;
  private static final String CONNECTIONS_LISTING = "connections";

  private final ConnectionStore store;
  private final SecretCipher cipher;
  private final ConnectionValidator validator;
  private final ConnectionAssembler assembler;
  private final ConnectionTester tester;
  private final ConnectionDestinations destinations;
  private final ConnectionHealthTracker health;
  private final AuditLog audit;
  private final Supplier<String> connectionIds;
  private final Consumer<String> onCredentialsChanged;
  private final Clock clock;
  private final PageCursors cursors;
  private final PartnerSourceLifecycle partnerSources;

  ConnectionService(ConnectionServiceBuilder b) {
    this.store = b.store;
    this.cipher = b.cipher;
    this.validator = new ConnectionValidator(b.baseUrlPolicy, b.destinationPolicy);
    this.assembler = new ConnectionAssembler(b.externalIds, b.destinationPolicy.partner());
    this.tester = b.tester;
    this.destinations = b.destinations;
    this.health =
        new ConnectionHealthTracker(
            b.store, b.clock, ConnectionHealthTracker.DEFAULT_SUSPEND_AFTER, b.audit);
    this.audit = b.audit;
    this.connectionIds = b.connectionIds;
    this.onCredentialsChanged = b.onCredentialsChanged;
    this.clock = b.clock;
    this.cursors = new PageCursors(b.pageCursorKey);
    this.partnerSources = b.partnerSources;
  }

  public static ConnectionServiceBuilder builder() {
    return new ConnectionServiceBuilder();
  }

  /**
   * Creates a connection (disabled unless the request says {@code enabled: true}).
   *
   * @throws ConnectionInvalidException listing every problem
   */
  public Connection create(Caller caller, ConnectionRequest request) {
    validator.validate(request, null);
    String id = connectionIds.get();
    SecretSealer sealer = new SecretSealer(cipher, caller.tenantId(), id);
    ConnectionAssembler.Assembled assembled =
        assembler.create(id, caller.tenantId(), request, sealer, clock.instant());
    Connection created = store.create(assembled.connection());
    try {
      // After the store, so a refused create leaves no source behind; undone if AWS refuses.
      partnerSources.created(created);
    } catch (RuntimeException e) {
      store.delete(created.id());
      throw e;
    }
    record(caller, created, AuditAction.CREATE, assembled.changedFields(), null);
    return partnerSources.withCurrentHealth(created, health, store);
  }

  /**
   * The caller's connection.
   *
   * @throws ConnectionNotFoundException if it does not exist or belongs to another tenant
   */
  public Connection get(Caller caller, String connectionId) {
    return partnerSources.withCurrentHealth(find(caller, connectionId), health, store);
  }

  private Connection find(Caller caller, String connectionId) {
    return store
        .find(connectionId)
        .filter(c -> c.tenantId().equals(caller.tenantId()))
        .orElseThrow(
            () ->
                new ConnectionNotFoundException(
                    "connection " + connectionId + " not found; list yours with GET /connections"));
  }

  /**
   * The caller's connections, a page at a time.
   *
   * @param cursor the {@code nextCursor} of the previous page this caller listed, or {@code null}
   * @throws dev.errorbridge.connector.store.PageCursorInvalidException if {@code cursor} is not one
   *     this service handed to the caller's tenant (checked before the store sees it)
   */
  public ConnectionStore.ConnectionPage list(Caller caller, int limit, String cursor) {
    String storeCursor = cursors.open(caller.tenantId(), CONNECTIONS_LISTING, cursor);
    ConnectionStore.ConnectionPage page = store.listByTenant(caller.tenantId(), limit, storeCursor);
    return new ConnectionStore.ConnectionPage(
        page.connections(),
        cursors.seal(caller.tenantId(), CONNECTIONS_LISTING, page.nextCursor()));
  }

  /**
   * Changes the fields the request names, if the connection is still at {@code expectedVersion}.
   *
   * @throws ConnectionConflictException if it changed since the caller read it
   */
  public Connection update(
      Caller caller, String connectionId, long expectedVersion, ConnectionRequest request) {
    Connection existing = find(caller, connectionId);
    validator.validate(request, existing);
    if (existing.version() != expectedVersion) {
      throw new ConnectionConflictException(
          "connection "
              + connectionId
              + " is at version "
              + existing.version()
              + ", not "
              + expectedVersion
              + ": read it again, reapply your change and retry");
    }
    SecretSealer sealer = new SecretSealer(cipher, existing.tenantId(), connectionId);
    ConnectionAssembler.Assembled assembled =
        assembler.update(existing, request, sealer, clock.instant());
    Connection updated = store.update(assembled.connection(), expectedVersion);
    if (updated.enabled() != existing.enabled()) {
      store.saveHealth(connectionId, updated.health());
    }
    if (assembled.credentialsChanged() || request.webhook() != null || request.source() != null) {
      forget(updated);
    }
    partnerSources.updated(
        existing, updated, request.destination() != null && request.destination().auth() != null);
    record(caller, updated, AuditAction.UPDATE, assembled.changedFields(), null);
    return partnerSources.withCurrentHealth(updated, health, store);
  }

  /** Switches streaming on; also resumes a suspended connection. Idempotent. */
  public Connection enable(Caller caller, String connectionId) {
    return partnerSources.withCurrentHealth(toggle(caller, connectionId, true), health, store);
  }

  /** Switches streaming off: nothing is read or published until it is enabled again. Idempotent. */
  public Connection disable(Caller caller, String connectionId) {
    return toggle(caller, connectionId, false);
  }

  private Connection toggle(Caller caller, String connectionId, boolean enabled) {
    for (int attempt = 1; ; attempt++) {
      Connection existing = find(caller, connectionId);
      HealthState wanted = enabled ? HealthState.ACTIVE : HealthState.PAUSED;
      if (existing.enabled() == enabled && existing.health().state() == wanted) {
        return existing;
      }
      ConnectionHealth resumed = existing.health().withState(wanted, null, clock.instant());
      try {
        Connection updated = existing;
        if (existing.enabled() != enabled) {
          updated =
              store.update(
                  new Connection(
                      existing.id(),
                      existing.tenantId(),
                      existing.name(),
                      enabled,
                      existing.source(),
                      existing.webhook(),
                      existing.destination(),
                      existing.mapping(),
                      resumed,
                      existing.createdAt(),
                      clock.instant(),
                      existing.version()),
                  existing.version());
        }
        store.saveHealth(connectionId, resumed);
        AuditAction action =
            !enabled
                ? AuditAction.DISABLE
                : existing.health().state() == HealthState.SUSPENDED
                    ? AuditAction.RESUME
                    : AuditAction.ENABLE;
        record(caller, updated, action, List.of("enabled"), null);
        return updated.withHealth(resumed);
      } catch (ConnectionConflictException conflict) {
        // A toggle means "whatever else changed, make it on/off": re-read and apply again.
        if (attempt == TOGGLE_ATTEMPTS) {
          throw conflict;
        }
      }
    }
  }

  /** Deletes a connection and its ciphertexts, checkpoint and dead letters. */
  public void delete(Caller caller, String connectionId) {
    Connection existing = find(caller, connectionId);
    store.delete(connectionId);
    forget(existing);
    partnerSources.deleted(existing);
    record(caller, existing, AuditAction.DELETE, List.of(), null);
  }

  /**
   * Tests the connection's destination: credentials, {@code DescribeEventBus}, one test event. If
   * the credentials cannot be resolved for a reason someone must fix (a disabled KMS key, a role
   * that does not trust Errorbridge), an enabled connection moves to ERROR or SUSPENDED.
   */
  public ConnectionTestReport test(Caller caller, String connectionId) {
    Connection connection = find(caller, connectionId);
    ConnectionTestReport report = tester.test(connection);
    if (report.credentialsFailure() != null && connection.enabled()) {
      String reason = report.steps().get(0).fix();
      switch (report.credentialsFailure()) {
        case ERROR -> health.error(connection, reason);
        case SUSPEND -> health.suspend(connection, reason);
        case RETRY -> {
          // transient: nothing to record
        }
      }
      // A partner event source's state comes with its own reason and the customer's next step.
      partnerSources.withCurrentHealth(connection, health, store);
    }
    record(caller, connection, AuditAction.TEST, List.of(), report.ok() ? "passed" : "failed");
    return report;
  }

  /**
   * Re-encrypts every secret of the connection under the cipher's current key (after a KMS key
   * change); the plaintexts never leave KMS.
   */
  public Connection rotateSecrets(Caller caller, String connectionId) {
    Connection existing = find(caller, connectionId);
    SecretSealer sealer = new SecretSealer(cipher, existing.tenantId(), connectionId);
    SecretRotation.Result rotated = SecretRotation.rotate(existing, sealer, clock.instant());
    Connection updated = store.update(rotated.connection(), existing.version());
    forget(updated);
    record(caller, updated, AuditAction.ROTATE_SECRETS, rotated.fields(), null);
    return updated;
  }

  /** The connection's audit trail, newest first. */
  public List<AuditRecord> auditTrail(Caller caller, String connectionId, int limit) {
    find(caller, connectionId);
    return audit.list(connectionId, limit);
  }

  private void forget(Connection connection) {
    cipher.invalidate(connection.tenantId(), connection.id());
    destinations.invalidate(connection.id());
    onCredentialsChanged.accept(connection.id());
  }

  private void record(
      Caller caller, Connection c, AuditAction action, List<String> fields, String note) {
    audit.append(
        new AuditRecord(
            c.tenantId(), c.id(), caller.actor(), action, fields, clock.instant(), note));
  }
}
