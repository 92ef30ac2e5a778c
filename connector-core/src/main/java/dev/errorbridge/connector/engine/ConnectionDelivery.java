package dev.errorbridge.connector.engine;

import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.SettingProblems;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestinations;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.crashpoint.CrashPoint;
import dev.errorbridge.connector.credentials.CredentialsFailureAction;
import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterReason;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.mapping.EventIds;
import dev.errorbridge.connector.mapping.EventTooLargeException;
import dev.errorbridge.connector.mapping.FailedExecutionMapper;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.partner.PartnerMapping;
import dev.errorbridge.connector.partner.PartnerSourceNotReadyException;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.publish.EventPublisher;
import dev.errorbridge.connector.publish.PublishOutcome;
import dev.errorbridge.connector.publish.PublishReport;
import dev.errorbridge.connector.store.Outbox;
import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.connector.webhook.spi.ReplayRecord;
import dev.errorbridge.connector.webhook.spi.ReplayRefusedException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way failures reach a customer's bus, whether polled or pushed: honour the toggle, apply
 * the connection's filters, map each failure to its entry, claim the event ids in the {@link
 * Outbox} (which keeps each entry until it is settled, so a crash loses nothing), publish what this
 * call claimed, and hand the outcomes to the {@link DeliveryBookkeeping}, which settles them and
 * keeps the connection's health current.
 *
 * <p>An event id claimed before (by a poll, a webhook, an earlier cycle) is not published again;
 * the result says where it stands: pending in the outbox (the retry drain delivers it), delivered,
 * or dead-lettered. An event too large to send even shrunk becomes a dead letter at once.
 */
public final class ConnectionDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionDelivery.class);

  /**
   * What a delivery is made of; built by code only, so a record, and every part is required ({@link
   * SettingProblems#requireAll} names every missing one).
   *
   * @param destinations resolves each connection's bus and credentials
   * @param mapper maps failures to entries (schema v1)
   * @param publisher publishes, parking refused events through a {@code
   *     RetryRoutingDeadLetterStore}
   * @param deadLetters where events too large to send become dead letters
   * @param health moves the connection's health on credential failures
   * @param outbox claims event ids and keeps their entries until settled
   * @param policy the lease of claimed events ({@link DeliveryPolicy#defaults()} if unsure)
   * @param clock the clock claims and leases run on
   * @param bookkeeping settles published events: {@link InlineBookkeeping} before {@link
   *     ConnectionDelivery#deliver} returns, {@link BackgroundBookkeeping} to answer sooner
   */
  public record Parts(
      ConnectionDestinations destinations,
      FailedExecutionMapper mapper,
      EventPublisher publisher,
      DeadLetterStore deadLetters,
      ConnectionHealthTracker health,
      Outbox outbox,
      DeliveryPolicy policy,
      Clock clock,
      DeliveryBookkeeping bookkeeping) {}

  private final Parts parts;
  private final Executor backgroundPublishing;

  /**
   * Every publish on the caller's thread, as a Lambda function needs (its sandbox freezes once it
   * answers).
   *
   * @throws IllegalStateException naming every missing part
   */
  public ConnectionDelivery(Parts parts) {
    this(parts, null);
  }

  /**
   * @param backgroundPublishing where a publish still running when its caller must answer goes on
   *     (see {@link #deliver(Connection, List, Deadline, Deadline)}), or {@code null} for none; a
   *     saturated executor that refuses work makes the caller publish itself
   * @throws IllegalStateException naming every missing part
   */
  public ConnectionDelivery(Parts parts, Executor backgroundPublishing) {
    this.parts = SettingProblems.requireAll("ConnectionDelivery", parts);
    this.backgroundPublishing = backgroundPublishing;
  }

  /**
   * Delivers {@code failures} for {@code connection} within {@code deadline}.
   *
   * @param connection the connection as just read from the store (its toggle is checked here)
   * @throws dev.errorbridge.connector.store.StoreUnavailableException if the outbox could not claim
   *     the events (nothing was published; events claimed before the failure are in the outbox)
   */
  public DeliveryResult deliver(
      Connection connection, List<FailedExecution> failures, Deadline deadline) {
    return deliver(connection, failures, deadline, deadline);
  }

  /**
   * Delivers {@code failures}, answering by {@code answerBy} while publishing may go on until
   * {@code publishDeadline}: with background publishing configured (a long-lived process), a
   * publish still running at {@code answerBy} continues on a background thread and its events are
   * answered as {@link Outbox.DeliveryState#PENDING} (they are in the outbox either way). So a
   * caller that must answer quickly (a webhook) never cuts a {@code PutEvents} attempt short, which
   * would leave its events "maybe delivered" and send them a second time.
   *
   * @param connection the connection as just read from the store (its toggle is checked here)
   * @param answerBy when the caller needs its answer
   * @param publishDeadline when publishing must have settled every event (deliver or park it); at
   *     or after {@code answerBy}
   * @throws dev.errorbridge.connector.store.StoreUnavailableException if the outbox could not claim
   *     the events (nothing was published; events claimed before the failure are in the outbox)
   */
  public DeliveryResult deliver(
      Connection connection,
      List<FailedExecution> failures,
      Deadline answerBy,
      Deadline publishDeadline) {
    return deliver(connection, failures, answerBy, publishDeadline, null);
  }

  /**
   * {@link #deliver(Connection, List, Deadline, Deadline)}, recording a webhook request against
   * replays in the same transaction that claims its events ({@link Outbox#claim(List,
   * ReplayRecord)}).
   *
   * @param replay the request to record, or {@code null}
   * @throws ReplayRefusedException if the request was recorded before (nothing was claimed)
   */
  public DeliveryResult deliver(
      Connection connection,
      List<FailedExecution> failures,
      Deadline answerBy,
      Deadline publishDeadline,
      ReplayRecord replay) {
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
      return DeliveryResult.Published.nothing(filteredOut);
    }
    Destination destination;
    try {
      destination = parts.destinations().resolve(connection);
      // Resolve now, not inside the SDK call: a credentials problem must leave the failures
      // unclaimed (the next cycle retries), not dead-letter every one of them.
      destination.credentials().resolveCredentials();
    } catch (RuntimeException e) {
      return credentialsFailed(connection, e);
    }
    Map<String, FailedExecution> byEventId = new LinkedHashMap<>();
    streamed.forEach(f -> byEventId.putIfAbsent(EventIds.of(f), f));
    Instant now = parts.clock().instant();
    List<MappedEvent> mapped = new ArrayList<>();
    List<PublishOutcome> rejected = new ArrayList<>();
    Map<String, Outbox.DeliveryState> known = new LinkedHashMap<>();
    for (FailedExecution failure : byEventId.values()) {
      try {
        mapped.add(parts.mapper().map(failure, PartnerMapping.optionsFor(connection)));
      } catch (EventTooLargeException e) {
        rejected.add(reject(connection, e, now));
      }
    }
    if (!rejected.isEmpty()) {
      Outbox.ClaimReport recorded =
          parts
              .outbox()
              .recordDeadLettered(
                  connection.id(), rejected.stream().map(PublishOutcome::eventId).toList());
      known.putAll(recorded.known());
      rejected.removeIf(r -> !recorded.claimed().contains(r.eventId()));
    }
    Outbox.ClaimReport claims =
        parts.outbox().claim(outboxEntries(connection, mapped, publishDeadline, now), replay);
    known.putAll(claims.known());
    CrashPoint.reached(CrashPoint.AFTER_CLAIM);
    List<MappedEvent> fresh =
        mapped.stream().filter(e -> claims.claimed().contains(e.eventId())).toList();
    PublishReport report =
        fresh.isEmpty()
            ? PublishReport.EMPTY
            : publishWithin(connection, destination, fresh, answerBy, publishDeadline);
    if (report == null) {
      // Not published by the time of the answer, or not at all: the outbox holds every event.
      fresh.forEach(event -> known.put(event.eventId(), Outbox.DeliveryState.PENDING));
      report = PublishReport.EMPTY;
    }
    List<PublishOutcome> outcomes = new ArrayList<>(report.outcomes());
    outcomes.addAll(rejected);
    return new DeliveryResult.Published(
        filteredOut,
        known,
        new PublishReport(
            outcomes, report.requests(), report.entriesSent(), report.destinationError()));
  }

  /**
   * The execution ids among {@code executionIds} whose failures {@code connection} has claimed
   * already (delivered, dead-lettered or pending in the outbox): a read only, so that a poll can
   * skip them before reading their details. None while the connection would not deliver (paused,
   * suspended), so that its pages still reach {@link #deliver} and stop the cycle as they would.
   *
   * @throws dev.errorbridge.connector.store.StoreUnavailableException if the outbox could not
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
    for (String eventId : parts.outbox().liveAmong(byEventId.keySet(), parts.clock().instant())) {
      String executionId = byEventId.get(eventId);
      if (executionId != null) {
        published.add(executionId);
      }
    }
    return published;
  }

  /**
   * The outbox entries of {@code events}: due for the retry drain a lease after the publish
   * deadline, so that it never races a publisher that is still within its time.
   */
  private List<ParkedEvent> outboxEntries(
      Connection connection, List<MappedEvent> events, Deadline deadline, Instant now) {
    Instant end = deadline.instant().isAfter(now) ? deadline.instant() : now;
    Instant due = end.plus(parts.policy().lease());
    return events.stream()
        .map(
            e ->
                new ParkedEvent(
                    connection.tenantId(),
                    connection.id(),
                    e.eventId(),
                    DeadLetter.Entry.of(e.entry()),
                    0,
                    now,
                    due))
        .toList();
  }

  /**
   * Publishes {@code events} and settles them: on this thread, or on the background executor when
   * there is one and the caller must answer before the publish deadline.
   *
   * @return the report, or {@code null} when it is not known by {@code answerBy} (still running, or
   *     publishing failed): the events are in the outbox
   */
  private PublishReport publishWithin(
      Connection connection,
      Destination destination,
      List<MappedEvent> events,
      Deadline answerBy,
      Deadline publishDeadline) {
    if (backgroundPublishing == null || !publishDeadline.instant().isAfter(answerBy.instant())) {
      return publishAndSettle(connection, destination, events, publishDeadline);
    }
    CompletableFuture<PublishReport> running;
    try {
      running =
          CompletableFuture.supplyAsync(
              () -> publishAndSettle(connection, destination, events, publishDeadline),
              backgroundPublishing);
    } catch (RejectedExecutionException saturated) {
      return publishAndSettle(connection, destination, events, publishDeadline);
    }
    try {
      long waitMillis = Math.max(0, answerBy.remaining(parts.clock()).toMillis());
      return running.get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillPublishing) {
      LOG.debug(
          "connection {}: {} events still being published at the answer; they finish in the"
              + " background",
          connection.id(),
          events.size());
      return null;
    } catch (ExecutionException e) {
      LOG.warn("connection {}: background publish failed: {}", connection.id(), e.getMessage());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Publishes {@code events} and settles the outcomes; {@code null} if publishing failed. */
  private PublishReport publishAndSettle(
      Connection connection, Destination destination, List<MappedEvent> events, Deadline deadline) {
    PublishReport report;
    try {
      report = parts.publisher().publish(destination, events, deadline);
    } catch (RuntimeException e) {
      // A refused event could not be parked among the dead letters (or the publish broke): the
      // events are in the outbox all the same, and the retry drain takes them from there.
      LOG.warn(
          "connection {}: publishing {} claimed events failed, left for the retry worker: {}",
          connection.id(),
          events.size(),
          e.getMessage());
      return null;
    }
    CrashPoint.reached(CrashPoint.AFTER_PUT_EVENTS);
    // Never throws: a failure to record the outcomes leaves them in the outbox, where the retry
    // drain finds them (a second send of a delivered event, with the same id, at worst).
    parts.bookkeeping().settled(connection, report);
    return report;
  }

  private PublishOutcome reject(Connection connection, EventTooLargeException e, Instant now) {
    parts
        .deadLetters()
        .park(
            new DeadLetter(
                connection.tenantId(),
                connection.id(),
                e.eventId(),
                DeadLetterReason.EVENT_TOO_LARGE,
                "EventTooLarge",
                e.getMessage(),
                0,
                now,
                null));
    return new PublishOutcome.Rejected(
        e.eventId(), DeadLetterReason.EVENT_TOO_LARGE, e.getMessage());
  }

  private DeliveryResult credentialsFailed(Connection connection, RuntimeException e) {
    CredentialsFailureAction action = CredentialsFailureAction.of(e);
    String reason = e.getMessage();
    switch (action) {
      case SUSPEND -> parts.health().suspend(connection, reason);
      case ERROR -> {
        // A partner event source not yet associated (or gone) shows its reason and next step apart.
        if (e instanceof PartnerSourceNotReadyException partner) {
          parts.health().error(connection, partner.reason(), partner.fix());
        } else {
          parts.health().error(connection, reason);
        }
      }
      case RETRY -> {
        // transient: the next cycle tries again; health unchanged
      }
    }
    LOG.warn(
        "connection {} cannot resolve its credentials ({}): {}", connection.id(), action, reason);
    return new DeliveryResult.Unavailable(reason);
  }
}
