package dev.errorbridge.connector.retry;

import dev.errorbridge.connector.audit.AuditAction;
import dev.errorbridge.connector.audit.AuditLog;
import dev.errorbridge.connector.audit.AuditRecord;
import dev.errorbridge.connector.audit.Caller;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestinations;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.connection.ConnectionNotFoundException;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.crashpoint.CrashPoint;
import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.publish.EventPublisher;
import dev.errorbridge.connector.publish.PublishOutcome;
import dev.errorbridge.connector.publish.PublishReport;
import dev.errorbridge.connector.publish.PublisherConfig;
import dev.errorbridge.connector.store.ParkedEventStore;
import dev.errorbridge.connector.time.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a connection's dead letters again, on the customer's request (CLI, console), once they have
 * fixed what made them fail. Oldest first, up to the limit, one {@code PutEvents} worth (10) at a
 * time so that progress can be shown:
 *
 * <ul>
 *   <li>a letter with an entry is sent as it was first built (same event id, same detail); when
 *       delivered it is removed;
 *   <li>one that fails again for a transient reason and lands in the retry store (the publisher
 *       parks through a {@link RetryRoutingDeadLetterStore}) is removed from the dead letters too,
 *       the retry worker delivers it; otherwise it stays, with its new error;
 *   <li>a letter without an entry (never built) is reported, not sent;
 *   <li>a destination that refuses everything stops the replay; the rest stay dead letters.
 * </ul>
 *
 * A {@code REPLAY} record (counts only, no event content) goes to the connection's audit trail.
 *
 * <pre>{@code
 * ReplayReport report = replayer.replay(caller, "cn_42", new ReplayOptions(100, false),
 *     (done, total) -> bar.update(done, total));
 * }</pre>
 */
public final class DeadLetterReplayer {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplayer.class);

  /** Time for one chunk of {@value PublisherConfig#MAX_ENTRIES_PER_REQUEST}, retries included. */
  public static final Duration DEFAULT_CHUNK_BUDGET = Duration.ofSeconds(20);

  private final ConnectionStore connections;
  private final DeadLetterStore deadLetters;
  private final ParkedEventStore parkedEvents;
  private final ConnectionDestinations destinations;
  private final EventPublisher publisher;
  private final ConnectionHealthTracker health;
  private final AuditLog audit;
  private final Clock clock;

  /**
   * @param connections where the connection is read (tenant, toggle, destination)
   * @param deadLetters the real dead letters
   * @param parkedEvents the retry store (to tell whether a failed letter was queued for retry)
   * @param destinations resolves the connection's bus and credentials
   * @param publisher publishes; parks through a {@link RetryRoutingDeadLetterStore} or straight
   *     into {@code deadLetters}
   * @param health counts the deliveries
   * @param audit receives the {@code REPLAY} record
   * @param clock the clock for deadlines and the audit record
   */
  public DeadLetterReplayer(
      ConnectionStore connections,
      DeadLetterStore deadLetters,
      ParkedEventStore parkedEvents,
      ConnectionDestinations destinations,
      EventPublisher publisher,
      ConnectionHealthTracker health,
      AuditLog audit,
      Clock clock) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.parkedEvents = Objects.requireNonNull(parkedEvents, "parkedEvents");
    this.destinations = Objects.requireNonNull(destinations, "destinations");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.health = Objects.requireNonNull(health, "health");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Replays {@code connectionId}'s dead letters for {@code caller}.
   *
   * @throws ConnectionNotFoundException if the caller's tenant has no such connection (the same for
   *     another tenant's)
   * @throws ReplayNotPossibleException if the connection is switched off or suspended, or its
   *     credentials cannot be resolved; nothing was sent
   * @throws dev.errorbridge.connector.store.StoreUnavailableException if a store could not answer
   */
  public ReplayReport replay(
      Caller caller, String connectionId, ReplayOptions options, ProgressListener progress) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(progress, "progress (ProgressListener.NONE for none)");
    Connection connection =
        connections
            .find(connectionId)
            .filter(c -> c.tenantId().equals(caller.tenantId()))
            .orElseThrow(
                () ->
                    new ConnectionNotFoundException(
                        "No connection "
                            + connectionId
                            + " for tenant "
                            + caller.tenantId()
                            + "; check the id against your list of connections"));
    List<DeadLetter> letters = deadLetters.list(caller.tenantId(), connectionId, options.limit());
    List<DeadLetter> replayable = letters.stream().filter(l -> l.entry() != null).toList();
    List<ReplayProblem> notReplayable =
        letters.stream().filter(l -> l.entry() == null).map(ReplayAdvice::notReplayable).toList();
    if (options.dryRun() || replayable.isEmpty()) {
      progress.progress(0, replayable.size());
      return new ReplayReport(
          connectionId,
          options.dryRun(),
          letters.size(),
          replayable.size(),
          0,
          0,
          List.of(),
          notReplayable,
          0);
    }
    Destination destination = destinationOf(connection);
    ReplayTally tally = new ReplayTally(replayable.size(), progress);
    int max = PublisherConfig.MAX_ENTRIES_PER_REQUEST;
    for (int from = 0; from < replayable.size(); from += max) {
      List<DeadLetter> chunk = replayable.subList(from, Math.min(from + max, replayable.size()));
      if (!send(connection, destination, chunk, tally)) {
        tally.notAttempted(replayable.size() - from - chunk.size());
        break;
      }
    }
    ReplayReport report = tally.report(connectionId, letters.size(), notReplayable);
    audit.append(
        new AuditRecord(
            connection.tenantId(),
            connectionId,
            caller.actor(),
            AuditAction.REPLAY,
            List.of("deadLetters"),
            clock.instant(),
            note(report)));
    LOG.info(
        "replayed connectionId={} total={} delivered={} queued={} failed={} notReplayable={}"
            + " notAttempted={}",
        connectionId,
        report.total(),
        report.delivered(),
        report.queued(),
        report.failed().size(),
        report.notReplayable().size(),
        report.notAttempted());
    return report;
  }

  private Destination destinationOf(Connection connection) {
    if (!connection.enabled()) {
      throw new ReplayNotPossibleException(
          "Connection "
              + connection.id()
              + " is switched off; enable it, then replay its dead letters again");
    }
    if (connection.health().state() == HealthState.SUSPENDED) {
      throw new ReplayNotPossibleException(
          "Connection "
              + connection.id()
              + " is suspended ("
              + connection.health().reason()
              + "); fix that and enable the connection, then replay its dead letters again");
    }
    try {
      Destination destination = destinations.resolve(connection);
      destination.credentials().resolveCredentials();
      return destination;
    } catch (RuntimeException e) {
      throw new ReplayNotPossibleException(
          "Cannot get credentials for connection "
              + connection.id()
              + "'s destination: "
              + e.getMessage()
              + ". Fix that (test the connection to check), then replay again",
          e);
    }
  }

  /** Sends one chunk; {@code false} if the destination refused everything, so stop. */
  private boolean send(
      Connection connection, Destination destination, List<DeadLetter> chunk, ReplayTally tally) {
    List<MappedEvent> events =
        chunk.stream().map(l -> StoredEntries.toEvent(l.eventId(), l.entry())).toList();
    PublishReport report =
        publisher.publish(destination, events, Deadline.after(DEFAULT_CHUNK_BUDGET, clock));
    CrashPoint.reached(CrashPoint.REPLAY_AFTER_PUT_EVENTS);
    int delivered = 0;
    for (PublishOutcome outcome : report.outcomes()) {
      if (outcome instanceof PublishOutcome.Delivered) {
        // Removed only once on the bus: a crash before this line leaves the letter to replay
        // again (the one window where the event may be sent twice, with the same id).
        deadLetters.remove(connection.tenantId(), connection.id(), outcome.eventId());
        delivered++;
        tally.delivered();
      } else if (queuedForRetry(connection, outcome)) {
        deadLetters.remove(connection.tenantId(), connection.id(), outcome.eventId());
        tally.queued();
      } else {
        tally.failed(ReplayAdvice.failed(outcome));
      }
    }
    if (delivered > 0) {
      health.delivered(connection, delivered, 0); // per chunk, so a crash loses no count before
    }
    return report.destinationError() == null;
  }

  private boolean queuedForRetry(Connection connection, PublishOutcome outcome) {
    return outcome instanceof PublishOutcome.DeadLettered d
        && RetryRouting.retryLater(d.reason(), d.errorCode())
        && parkedEvents.find(connection.id(), d.eventId()).isPresent();
  }

  // Counts only: the trail names what changed, never event content.
  private static String note(ReplayReport report) {
    return "replayed "
        + report.replayable()
        + " of "
        + report.total()
        + " dead letters: "
        + report.delivered()
        + " delivered, "
        + report.queued()
        + " queued for retry, "
        + (report.failed().size() + report.notAttempted())
        + " still failing";
  }
}
