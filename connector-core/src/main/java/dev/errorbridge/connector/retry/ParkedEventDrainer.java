package dev.errorbridge.connector.retry;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestinations;
import dev.errorbridge.connector.connection.ConnectionHealthTracker;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterReason;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.publish.Deadline;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.publish.EventPublisher;
import dev.errorbridge.connector.publish.PublishOutcome;
import dev.errorbridge.connector.publish.PublishReport;
import dev.errorbridge.connector.store.ConnectionStore;
import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.store.ParkedEventStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry worker: sends parked events again when they come due. For each due event, in due order
 * and grouped by connection:
 *
 * <ol>
 *   <li>lease it: {@link ParkedEventStore#reschedule reschedule} it to its next attempt (attempts +
 *       1, next time from the {@link RetrySchedule}) before anything else, so of several workers
 *       only one sends it, and if this one dies the event simply comes due again;
 *   <li>a deleted connection's event is removed; one whose attempts or age ran out becomes a dead
 *       letter ({@code RETRIES_EXHAUSTED}, code {@link RetryRouting#GAVE_UP_ERROR_CODE}) for the
 *       customer to replay; one of a switched-off or suspended connection stays parked (the lease
 *       already moved it to its next attempt);
 *   <li>the rest of the connection's events are published in one call: delivered ones are removed
 *       and counted in the connection's health; transient failures stay rescheduled; permanent ones
 *       went to the dead letters through the publisher and are removed here.
 * </ol>
 *
 * <p>The publisher must park through a {@link RetryRoutingDeadLetterStore} over the same retry
 * store (as on the webhook path): it then leaves a transiently failed event where the lease put it
 * instead of adding a dead letter for an event that is still being retried. The drainer never
 * sleeps; backoff is the events' due time. Thread-safe; several drainers may run at once.
 *
 * <pre>{@code
 * DrainReport report = drainer.drain(clock.instant(), 200, Deadline.after(remaining, clock), ProgressListener.NONE);
 * }</pre>
 */
public final class ParkedEventDrainer {
  private static final Logger LOG = LoggerFactory.getLogger(ParkedEventDrainer.class);

  private final ParkedEventStore parkedEvents;
  private final ConnectionStore connections;
  private final ConnectionDestinations destinations;
  private final EventPublisher publisher;
  private final DeadLetterStore deadLetters;
  private final ConnectionHealthTracker health;
  private final RetrySchedule schedule;
  private final Clock clock;

  /**
   * @param parkedEvents the retry store
   * @param connections where the events' connections are read (toggle, suspension, destination)
   * @param destinations resolves a connection's bus and credentials
   * @param publisher publishes, parking through a {@link RetryRoutingDeadLetterStore} over {@code
   *     parkedEvents}
   * @param deadLetters the real dead letters, for events whose attempts or age ran out
   * @param health counts deliveries and dead letters per connection
   * @param schedule backoff and limits
   * @param clock what {@code deadline}s are checked against
   */
  public ParkedEventDrainer(
      ParkedEventStore parkedEvents,
      ConnectionStore connections,
      ConnectionDestinations destinations,
      EventPublisher publisher,
      DeadLetterStore deadLetters,
      ConnectionHealthTracker health,
      RetrySchedule schedule,
      Clock clock) {
    this.parkedEvents = Objects.requireNonNull(parkedEvents, "parkedEvents");
    this.connections = Objects.requireNonNull(connections, "connections");
    this.destinations = Objects.requireNonNull(destinations, "destinations");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.health = Objects.requireNonNull(health, "health");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Works through at most {@code limit} events due at {@code now}, stopping at {@code deadline}
   * (what is left stays due for the next run).
   *
   * @throws IllegalArgumentException if {@code limit} is below 1
   * @throws dev.errorbridge.connector.store.StoreUnavailableException if the due events could not
   *     be listed; failures while working on one connection are logged and leave its events parked
   */
  public DrainReport drain(Instant now, int limit, Deadline deadline, ProgressListener progress) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(progress, "progress (ProgressListener.NONE for none)");
    List<ParkedEvent> due = parkedEvents.due(now, limit);
    Map<String, List<ParkedEvent>> byConnection = new LinkedHashMap<>();
    due.forEach(e -> byConnection.computeIfAbsent(e.connectionId(), k -> new ArrayList<>()).add(e));
    DrainTally tally = new DrainTally(due.size(), progress);
    for (Map.Entry<String, List<ParkedEvent>> group : byConnection.entrySet()) {
      int before = tally.counted();
      if (deadline.passed(clock)) {
        tally.leftForLater(group.getValue().size());
        continue;
      }
      try {
        drainConnection(group.getKey(), group.getValue(), now, deadline, tally);
      } catch (RuntimeException e) {
        // Leased events come due again at their new time; unleased ones are still due.
        LOG.warn("drain failed connectionId={}: {}", group.getKey(), e.getMessage(), e);
        tally.leftForLater(group.getValue().size() - (tally.counted() - before));
      }
    }
    DrainReport report = tally.report();
    LOG.info(
        "drained due={} delivered={} rescheduled={} deadLettered={} skipped={} discarded={}"
            + " leftForLater={}",
        report.due(),
        report.delivered(),
        report.rescheduled(),
        report.deadLettered(),
        report.skipped(),
        report.discarded(),
        report.leftForLater());
    return report;
  }

  private void drainConnection(
      String connectionId,
      List<ParkedEvent> events,
      Instant now,
      Deadline deadline,
      DrainTally tally) {
    Optional<Connection> found = connections.find(connectionId);
    List<ParkedEvent> toSend = new ArrayList<>();
    int gaveUp = 0;
    for (ParkedEvent event : events) {
      int attempt = event.attempts() + 1;
      Instant next = schedule.nextAttemptAt(now, attempt);
      if (!parkedEvents.reschedule(event, attempt, next)) {
        tally.skipped(1); // another worker leased it first, or it was delivered and removed
        continue;
      }
      if (found.isEmpty() || !found.get().tenantId().equals(event.tenantId())) {
        parkedEvents.remove(connectionId, event.eventId());
        tally.discarded(1);
      } else if (schedule.exhausted(event, now)) {
        giveUp(event, now);
        gaveUp++;
        tally.deadLettered(1);
      } else if (!publishable(found.get())) {
        tally.skipped(1);
      } else {
        toSend.add(event.rescheduled(attempt, next));
      }
    }
    if (!toSend.isEmpty()) {
      send(found.get(), toSend, deadline, gaveUp, tally);
    } else if (gaveUp > 0) {
      health.delivered(found.get(), 0, gaveUp);
    }
  }

  private static boolean publishable(Connection connection) {
    return connection.enabled() && connection.health().state() != HealthState.SUSPENDED;
  }

  private void send(
      Connection connection,
      List<ParkedEvent> events,
      Deadline deadline,
      int gaveUp,
      DrainTally tally) {
    Destination destination;
    try {
      destination = destinations.resolve(connection);
      destination.credentials().resolveCredentials();
    } catch (RuntimeException e) {
      // The poller or the next webhook marks the connection's health; here the events just wait.
      LOG.warn(
          "drain cannot resolve credentials connectionId={} events={}: {}",
          connection.id(),
          events.size(),
          e.getMessage());
      tally.rescheduled(events.size());
      if (gaveUp > 0) {
        health.delivered(connection, 0, gaveUp);
      }
      return;
    }
    List<MappedEvent> mapped =
        events.stream().map(e -> StoredEntries.toEvent(e.eventId(), e.entry())).toList();
    PublishReport report = publisher.publish(destination, mapped, deadline);
    int delivered = 0;
    int deadLettered = gaveUp;
    for (PublishOutcome outcome : report.outcomes()) {
      if (outcome instanceof PublishOutcome.Delivered) {
        parkedEvents.remove(connection.id(), outcome.eventId());
        delivered++;
        tally.delivered(1);
      } else if (outcome instanceof PublishOutcome.DeadLettered d
          && RetryRouting.retryLater(d.reason(), d.errorCode())) {
        tally.rescheduled(1); // left where the lease put it
      } else {
        // Refused for good: the publisher parked it among the dead letters.
        parkedEvents.remove(connection.id(), outcome.eventId());
        deadLettered++;
        tally.deadLettered(1);
      }
    }
    if (report.destinationError() != null) {
      health.destinationFailed(connection, report.destinationError());
    } else if (delivered > 0 || deadLettered > 0) {
      health.delivered(connection, delivered, deadLettered);
    }
  }

  private void giveUp(ParkedEvent event, Instant now) {
    deadLetters.park(
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
                + schedule.maxAttempts()
                + " attempts, "
                + schedule.maxAge()
                + "); replay it once the destination accepts events again",
            event.attempts(),
            now,
            event.entry()));
    parkedEvents.remove(event.connectionId(), event.eventId());
    LOG.warn(
        "parked event given up connectionId={} eventId={} attempts={} parkedAt={}",
        event.connectionId(),
        event.eventId(),
        event.attempts(),
        event.parkedAt());
  }
}
