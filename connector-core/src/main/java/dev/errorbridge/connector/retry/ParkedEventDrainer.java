package dev.errorbridge.connector.retry;

import dev.errorbridge.connector.SettingProblems;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestinations;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.crashpoint.CrashPoint;
import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterReason;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.publish.EventPublisher;
import dev.errorbridge.connector.publish.PublishOutcome;
import dev.errorbridge.connector.publish.PublishReport;
import dev.errorbridge.connector.publish.PublisherConfig;
import dev.errorbridge.connector.store.Outbox;
import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.store.ParkedEventStore;
import dev.errorbridge.connector.time.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry worker: sends the outbox's due events (parked for a retry, or claimed by a publisher
 * that died before settling them) with their original entries and event ids. Grouped by connection,
 * a batch of at most ten at a time (one {@code PutEvents}):
 *
 * <ol>
 *   <li>lease the batch: each event's due time moves past this run's deadline plus the lease, on a
 *       compare-and-set of its attempts and due time, so of several workers only one sends it, and
 *       if this one dies the event simply comes due again. A lease counts no attempt;
 *   <li>send it, then settle it in the {@link Outbox}: delivered and refused-for-good events leave
 *       the outbox (counted on the connection in the same write), the rest count the attempt (if a
 *       call was made) and come due as the {@link RetrySchedule} says. Each batch is settled before
 *       the next is leased, so a deadline or a crash costs at most the batch in flight.
 * </ol>
 *
 * <p>A deleted connection's events are removed; one whose attempts or age ran out becomes a dead
 * letter ({@code RETRIES_EXHAUSTED}, code {@link RetryRouting#GAVE_UP_ERROR_CODE}) for the customer
 * to replay; those of a switched-off or suspended connection wait (their due time moves on, their
 * attempts do not). The publisher must park through a {@link RetryRoutingDeadLetterStore} over the
 * same retry store: it then leaves a transiently failed event in the outbox instead of adding a
 * dead letter. The drainer never sleeps; backoff is the events' due time. Thread-safe; several
 * drainers may run at once.
 *
 * <pre>{@code
 * DrainReport report = drainer.drain(parts.clock().instant(), 200, Deadline.after(remaining, clock), ProgressListener.NONE);
 * }</pre>
 */
public final class ParkedEventDrainer {
  private static final Logger LOG = LoggerFactory.getLogger(ParkedEventDrainer.class);
  private static final int BATCH = PublisherConfig.MAX_ENTRIES_PER_REQUEST;

  /**
   * What a drainer is made of; built by code only, so a record, and every part is required ({@link
   * SettingProblems#requireAll} names every missing one).
   *
   * @param parkedEvents the outbox's entries, by due time
   * @param outbox settles what was sent
   * @param connections where the events' connections are read (toggle, suspension, destination)
   * @param destinations resolves a connection's bus and credentials
   * @param publisher publishes, parking through a {@link RetryRoutingDeadLetterStore}
   * @param deadLetters the real dead letters, for events whose attempts or age ran out
   * @param health moves the connections' health (failure streaks, recoveries)
   * @param schedule backoff and limits ({@link RetrySchedule#defaults()} if unsure)
   * @param lease how long past a run's deadline its leased events stay reserved (the delivery
   *     policy's lease); positive
   * @param clock the clock deadlines and due times run on
   */
  public record Parts(
      ParkedEventStore parkedEvents,
      Outbox outbox,
      ConnectionStore connections,
      ConnectionDestinations destinations,
      EventPublisher publisher,
      DeadLetterStore deadLetters,
      ConnectionHealthTracker health,
      RetrySchedule schedule,
      Duration lease,
      Clock clock) {}

  private final Parts parts;
  private final OutboxSettlements settlements;

  /**
   * @throws IllegalStateException naming every missing part, or if the lease is not positive
   */
  public ParkedEventDrainer(Parts parts) {
    this.parts = SettingProblems.requireAll("ParkedEventDrainer", parts);
    if (parts.lease().isNegative() || parts.lease().isZero()) {
      throw new IllegalStateException("lease must be positive, was " + parts.lease());
    }
    this.settlements = new OutboxSettlements(parts.schedule());
  }

  /**
   * Works through at most {@code limit} events due at {@code now}, stopping at {@code deadline}
   * (what is left stays due for the next run).
   *
   * @throws IllegalArgumentException if {@code limit} is below 1
   * @throws dev.errorbridge.connector.store.StoreUnavailableException if the due events could not
   *     be listed; failures while working on one connection are logged and leave its events due
   */
  public DrainReport drain(Instant now, int limit, Deadline deadline, ProgressListener progress) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(progress, "progress (ProgressListener.NONE for none)");
    List<ParkedEvent> due = parts.parkedEvents().due(now, limit);
    Map<String, List<ParkedEvent>> byConnection = new LinkedHashMap<>();
    due.forEach(e -> byConnection.computeIfAbsent(e.connectionId(), k -> new ArrayList<>()).add(e));
    DrainTally tally = new DrainTally(due.size(), progress);
    Run run = new Run(deadline, deadline.instant().plus(parts.lease()), tally);
    for (Map.Entry<String, List<ParkedEvent>> group : byConnection.entrySet()) {
      int before = tally.counted();
      try {
        drainConnection(group.getKey(), group.getValue(), run);
      } catch (RuntimeException e) {
        // Leased events come due again after their lease; unleased ones are still due.
        LOG.warn("drain failed connectionId={}: {}", group.getKey(), e.getMessage(), e);
        tally.leftForLater(group.getValue().size() - (tally.counted() - before));
      }
    }
    DrainReport report = tally.report();
    LOG.info(
        "drained due={} delivered={} rescheduled={} maybeDelivered={} deadLettered={} skipped={}"
            + " discarded={} leftForLater={}",
        report.due(),
        report.delivered(),
        report.rescheduled(),
        report.maybeDelivered(),
        report.deadLettered(),
        report.skipped(),
        report.discarded(),
        report.leftForLater());
    return report;
  }

  /** One drain run's limits and counts. */
  private record Run(Deadline deadline, Instant leasedUntil, DrainTally tally) {}

  private void drainConnection(String connectionId, List<ParkedEvent> events, Run run) {
    if (run.deadline().passed(parts.clock())) {
      run.tally().leftForLater(events.size());
      return;
    }
    Optional<Connection> found = parts.connections().find(connectionId);
    if (found.isEmpty()) {
      for (ParkedEvent event : events) {
        parts.parkedEvents().remove(connectionId, event.eventId());
        run.tally().discarded(1);
      }
      return;
    }
    Connection connection = found.get();
    List<ParkedEvent> live = new ArrayList<>();
    for (ParkedEvent event : events) {
      if (!connection.tenantId().equals(event.tenantId())) {
        parts
            .parkedEvents()
            .remove(connectionId, event.eventId()); // an id reused by another tenant
        run.tally().discarded(1);
      } else if (parts.schedule().exhausted(event, parts.clock().instant())) {
        giveUp(connection, event, run);
      } else {
        live.add(event);
      }
    }
    if (live.isEmpty()) {
      return;
    }
    if (!connection.enabled() || connection.health().state() == HealthState.SUSPENDED) {
      postpone(live, run, false);
      return;
    }
    Destination destination;
    try {
      destination = parts.destinations().resolve(connection);
      destination.credentials().resolveCredentials();
    } catch (RuntimeException e) {
      // The poller or the next webhook marks the connection's health; here the events just wait.
      LOG.warn(
          "drain cannot resolve credentials connectionId={} events={}: {}",
          connection.id(),
          live.size(),
          e.getMessage());
      postpone(live, run, true);
      return;
    }
    for (int from = 0; from < live.size(); from += BATCH) {
      List<ParkedEvent> batch = live.subList(from, Math.min(live.size(), from + BATCH));
      if (run.deadline()
              .remaining(parts.clock())
              .compareTo(PublisherConfig.DEFAULT_MIN_ATTEMPT_TIME)
          < 0) {
        run.tally().leftForLater(live.size() - from);
        return;
      }
      send(connection, destination, lease(batch, run), run);
    }
  }

  /** The events of {@code batch} this worker leased (others went to another worker). */
  private List<ParkedEvent> lease(List<ParkedEvent> batch, Run run) {
    List<ParkedEvent> leased = new ArrayList<>();
    for (ParkedEvent event : batch) {
      if (parts.parkedEvents().reschedule(event, event.attempts(), run.leasedUntil())) {
        leased.add(event.rescheduled(event.attempts(), run.leasedUntil()));
      } else {
        run.tally().skipped(1); // another worker leased it first, or it was settled
      }
    }
    return leased;
  }

  private void send(
      Connection connection, Destination destination, List<ParkedEvent> events, Run run) {
    if (events.isEmpty()) {
      return;
    }
    List<MappedEvent> mapped =
        events.stream().map(e -> StoredEntries.toEvent(e.eventId(), e.entry())).toList();
    PublishReport report = parts.publisher().publish(destination, mapped, run.deadline());
    CrashPoint.reached(CrashPoint.DRAIN_AFTER_PUT_EVENTS);
    Map<String, ParkedEvent> byId = new HashMap<>();
    events.forEach(e -> byId.put(e.eventId(), e));
    Instant now = parts.clock().instant();
    List<Outbox.Settlement> settled = new ArrayList<>();
    for (PublishOutcome outcome : report.outcomes()) {
      ParkedEvent event = byId.get(outcome.eventId());
      Outbox.Settlement settlement =
          settlements.of(connection.id(), outcome, event.attempts(), now);
      settled.add(settlement);
      switch (settlement.result()) {
        case DELIVERED -> run.tally().delivered(1);
        case DEAD_LETTERED -> run.tally().deadLettered(1);
        case RETRY_LATER -> {
          if (OutboxSettlements.maybeDelivered(outcome)) {
            run.tally().maybeDelivered();
          }
          run.tally().rescheduled(1);
        }
      }
    }
    parts.outbox().settle(settled);
    parts.health().published(connection, report);
  }

  /**
   * Moves events that cannot be sent now to a later due time, counting no attempt: rescheduled when
   * the destination failed them ({@code tried}), skipped when their connection is off or suspended.
   */
  private void postpone(List<ParkedEvent> events, Run run, boolean tried) {
    Instant now = parts.clock().instant();
    for (ParkedEvent event : events) {
      Instant next = parts.schedule().nextAttemptAt(now, Math.max(1, event.attempts()));
      if (parts.parkedEvents().reschedule(event, event.attempts(), next) && tried) {
        run.tally().rescheduled(1);
      } else {
        run.tally().skipped(1);
      }
    }
  }

  private void giveUp(Connection connection, ParkedEvent event, Run run) {
    if (!parts.parkedEvents().reschedule(event, event.attempts(), run.leasedUntil())) {
      run.tally().skipped(1); // another worker took it
      return;
    }
    Instant now = parts.clock().instant();
    parts
        .deadLetters()
        .park(
            new DeadLetter(
                event.tenantId(),
                event.connectionId(),
                event.eventId(),
                DeadLetterReason.RETRIES_EXHAUSTED,
                RetryRouting.GAVE_UP_ERROR_CODE,
                "Not delivered after "
                    + event.attempts()
                    + " retries since "
                    + event.parkedAt()
                    + " (limits: "
                    + parts.schedule().maxAttempts()
                    + " attempts, "
                    + parts.schedule().maxAge()
                    + "); replay it once the destination accepts events again",
                event.attempts(),
                now,
                event.entry()));
    parts
        .outbox()
        .settle(List.of(Outbox.Settlement.deadLettered(connection.id(), event.eventId())));
    run.tally().deadLettered(1);
    LOG.warn(
        "parked event given up connectionId={} eventId={} attempts={} parkedAt={}",
        event.connectionId(),
        event.eventId(),
        event.attempts(),
        event.parkedAt());
  }
}
