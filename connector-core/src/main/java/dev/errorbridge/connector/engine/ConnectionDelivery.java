package dev.errorbridge.connector.engine;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailurePublisher;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestinations;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.credentials.CredentialsFailureAction;
import dev.errorbridge.connector.mapping.EventIds;
import dev.errorbridge.connector.publish.Deadline;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.publish.PublishReport;
import dev.errorbridge.connector.store.DedupStore;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way failures reach a customer's bus, whether polled or pushed: honour the toggle, apply
 * the connection's filters, skip failures already published (by event id, shared by pollers and
 * webhooks), publish (or park) through the {@link FailurePublisher}, and keep the connection's
 * health current.
 */
public final class ConnectionDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionDelivery.class);

  private final ConnectionDestinations destinations;
  private final FailurePublisher publisher;
  private final ConnectionHealthTracker health;
  private final DedupStore dedup;
  private final DeliveryPolicy policy;
  private final Clock clock;
  private final DeliveryBookkeeping bookkeeping;

  /** Records settled batches with {@link InlineBookkeeping}, before {@link #deliver} returns. */
  public ConnectionDelivery(
      ConnectionDestinations destinations,
      FailurePublisher publisher,
      ConnectionHealthTracker health,
      DedupStore dedup,
      DeliveryPolicy policy,
      Clock clock) {
    this(
        destinations,
        publisher,
        health,
        dedup,
        policy,
        clock,
        new InlineBookkeeping(dedup, health, policy, clock));
  }

  /**
   * @param bookkeeping records settled batches (dedup records, health): {@link InlineBookkeeping}
   *     before {@link #deliver} returns, {@link BackgroundBookkeeping} to answer sooner
   */
  public ConnectionDelivery(
      ConnectionDestinations destinations,
      FailurePublisher publisher,
      ConnectionHealthTracker health,
      DedupStore dedup,
      DeliveryPolicy policy,
      Clock clock,
      DeliveryBookkeeping bookkeeping) {
    this.destinations = destinations;
    this.publisher = publisher;
    this.health = health;
    this.dedup = dedup;
    this.policy = policy;
    this.clock = clock;
    this.bookkeeping = bookkeeping;
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
    // Claim first (briefly), publish, then make the claim the long dedup record: a failure seen by
    // both a poll and a webhook, or by overlapping polls, is published once.
    Map<String, FailedExecution> byEventId = new LinkedHashMap<>();
    streamed.forEach(f -> byEventId.putIfAbsent(EventIds.of(f), f));
    Set<String> claimed =
        dedup.claimAll(byEventId.keySet(), clock.instant().plus(policy.claimLease()));
    int duplicates = streamed.size() - claimed.size();
    if (claimed.isEmpty()) {
      return new DeliveryResult.Published(
          filteredOut, duplicates, new PublishReport(List.of(), 0, 0, null));
    }
    List<FailedExecution> fresh = claimed.stream().map(byEventId::get).toList();
    PublishReport report;
    try {
      report = publisher.publish(destination, connection.mapping(), fresh, deadline);
    } catch (RuntimeException e) {
      claimed.forEach(this::releaseQuietly);
      throw e;
    }
    // The events are settled now; bookkeeping never throws, so a failure to record them cannot
    // make the caller believe otherwise (a webhook would answer 5xx and be resent, a poll would
    // re-read).
    bookkeeping.settled(connection, claimed, report);
    return new DeliveryResult.Published(filteredOut, duplicates, report);
  }

  /**
   * The execution ids among {@code executionIds} whose failures {@code connection} published
   * already (a live dedup claim or record on their event ids): a read only, so that a poll can skip
   * them before reading their details. None while the connection would not deliver (paused,
   * suspended), so that its pages still reach {@link #deliver} and stop the cycle as they would.
   *
   * @throws dev.errorbridge.connector.store.StoreUnavailableException if the dedup store could not
   *     answer (the failures may then be read and delivered: {@link #deliver} dedups them)
   */
  public Set<String> published(Connection connection, Collection<String> executionIds) {
    if (executionIds.isEmpty()
        || !connection.enabled()
        || connection.health().state() == HealthState.SUSPENDED) {
      return Set.of();
    }
    Map<String, String> byEventId = new LinkedHashMap<>();
    for (String executionId : executionIds) {
      byEventId.putIfAbsent(
          EventIds.of(
              connection.tenantId(), connection.id(), connection.source().platform(), executionId),
          executionId);
    }
    Set<String> published = new HashSet<>();
    for (String eventId : dedup.liveAmong(byEventId.keySet(), clock.instant())) {
      String executionId = byEventId.get(eventId);
      if (executionId != null) {
        published.add(executionId);
      }
    }
    return published;
  }

  private void releaseQuietly(String eventId) {
    try {
      dedup.release(eventId);
    } catch (RuntimeException e) {
      // The claim lapses after its lease; the failure is published then.
      LOG.warn("could not release the claim on event {}: {}", eventId, e.getMessage());
    }
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
