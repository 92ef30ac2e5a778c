package dev.errorbridge.connector.partner;

import dev.errorbridge.connector.cache.ConnectionCache;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.credentials.CredentialsFailureAction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether a PARTNER_EVENT_SOURCE connection may publish now: its source must be ACTIVE, because AWS
 * accepts events for a PENDING source and drops them, with nothing in the answer to tell.
 *
 * <p>States are kept for {@code ttl} per source, so a busy connection costs one {@code
 * ListPartnerEventSourceAccounts} call per {@code ttl}, not one per publish. The price: a customer
 * who disassociates a source has events dropped by AWS for up to {@code ttl} while Errorbridge
 * still counts them delivered. {@link #forget} drops a source's state (after Errorbridge changed
 * it).
 *
 * <p>Each partner event source belongs to one connection, so the states are kept in a {@link
 * ConnectionCache} (keyed by region and source name): at most {@link
 * ConnectionCache#DEFAULT_MAX_CONNECTIONS}, each forgotten once unread for {@code ttl}, when it
 * could no longer be trusted anyway.
 */
public final class PartnerSourceReadiness {
  /** How long a source's state is trusted. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

  private record Known(PartnerSourceState state, Instant readAt) {}

  private final PartnerEventSources sources;
  private final PartnerMode mode;
  private final Duration ttl;
  private final Clock clock;
  private final ConnectionCache<Known> byName;

  public PartnerSourceReadiness(
      PartnerEventSources sources, PartnerMode mode, Duration ttl, Clock clock) {
    this(sources, mode, ttl, clock, ConnectionCache.DEFAULT_MAX_CONNECTIONS);
  }

  /**
   * @param maxSources sources whose state is kept at once
   */
  PartnerSourceReadiness(
      PartnerEventSources sources, PartnerMode mode, Duration ttl, Clock clock, int maxSources) {
    this.sources = sources;
    this.mode = mode;
    this.ttl = ttl;
    this.clock = clock;
    this.byName =
        ConnectionCache.<Known>builder()
            .maxConnections(maxSources)
            .idle(ttl)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .build();
  }

  /**
   * The source's state, read at most {@code ttl} ago.
   *
   * @throws PartnerSourceCallFailedException if it could not be read
   */
  public PartnerSourceState state(Connection connection) {
    String name = connection.destination().eventBus();
    String key = connection.destination().region() + " " + name;
    Instant now = clock.instant();
    Known known = byName.get(key);
    if (known != null && known.readAt().plus(ttl).isAfter(now)) {
      return known.state();
    }
    PartnerSourceState state = sources.state(name, connection.destination().region());
    byName.put(key, new Known(state, now));
    return state;
  }

  /**
   * Throws unless the connection may publish now.
   *
   * @throws PartnerSourceNotReadyException naming what stands in the way and the fix
   */
  public void requireReady(Connection connection) {
    if (!mode.enabled()) {
      throw new PartnerSourceNotReadyException(
          connection.id(),
          PartnerHealthTexts.REASON_PREFIX
              + connection.destination().eventBus()
              + " cannot be used: partner mode is off in this deployment.",
          "The operator sets "
              + PartnerMode.PREFIX_VARIABLE
              + " to turn it on; or change destination.auth to ASSUME_ROLE or ACCESS_KEYS.",
          CredentialsFailureAction.ERROR,
          null,
          null);
    }
    PartnerSourceState state;
    try {
      state = state(connection);
    } catch (PartnerSourceCallFailedException e) {
      throw new PartnerSourceNotReadyException(
          connection.id(),
          PartnerHealthTexts.REASON_PREFIX
              + connection.destination().eventBus()
              + ": its state could not be read: "
              + e.getMessage(),
          null,
          e.retryable() ? CredentialsFailureAction.RETRY : CredentialsFailureAction.ERROR,
          e.awsErrorCode(),
          e);
    }
    Optional<String[]> problem = problem(connection, state);
    if (problem.isPresent()) {
      throw new PartnerSourceNotReadyException(
          connection.id(),
          problem.get()[0],
          problem.get()[1],
          CredentialsFailureAction.ERROR,
          state.status().name(),
          null);
    }
  }

  /** The reason and fix for {@code state}, empty when the source is ACTIVE. */
  static Optional<String[]> problem(Connection connection, PartnerSourceState state) {
    String account =
        connection.destination().auth() instanceof DestinationAuth.PartnerEventSource partner
            ? partner.accountId()
            : state.accountId();
    return PartnerHealthTexts.of(
        state, connection.destination().eventBus(), account, connection.destination().region());
  }

  /** Sources whose state is kept, once the expired ones are dropped; for tests. */
  long knownSources() {
    return byName.size();
  }

  /** Forgets what is known of {@code connection}'s source. */
  public void forget(Connection connection) {
    byName.invalidate(
        connection.destination().region() + " " + connection.destination().eventBus());
  }
}
