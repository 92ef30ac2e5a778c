package dev.errorbridge.connector.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterReason;
import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.store.ParkedEventStore;
import dev.errorbridge.connector.testing.LocalAwsServices;
import dev.errorbridge.connector.testing.LocalPipeline;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.localaws.fault.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The retry worker against DynamoDB Local and local-aws EventBridge, on a test clock. */
@ExtendWith(LocalServices.class)
class ParkedEventDrainerTest {
  static final String TENANT = "tenant-a";
  static final Instant NOW = LocalPipeline.START;

  private static LocalAwsServices aws;
  private LocalPipeline pipeline;
  private final List<int[]> progress = new ArrayList<>();

  @BeforeAll
  static void start(LocalAwsServices shared) {
    aws = shared;
  }

  @BeforeEach
  void wire() {
    pipeline = new LocalPipeline(aws);
    connection("conn-1", true);
    connection("conn-2", true);
  }

  @AfterEach
  void reset() {
    pipeline.close();
    aws.reset();
  }

  @Test
  void drain_whenDue_deliversRemovesCountsInHealthAndReportsProgress() {
    park("conn-1", "evt-1", 0, NOW.minusSeconds(90), NOW.minusSeconds(30));
    park("conn-2", "evt-2", 2, NOW.minusSeconds(900), NOW.minusSeconds(20));
    park("conn-1", "evt-3", 1, NOW.minusSeconds(300), NOW);

    DrainReport report = drain(deadline());

    assertThat(report).isEqualTo(new DrainReport(3, 3, 0, 0, 0, 0, 0, 0));
    assertThat(aws.busEvents())
        .extracting(e -> e.at("/detail/eventId").asText())
        .containsExactlyInAnyOrder("evt-1", "evt-2", "evt-3");
    assertThat(pipeline.stores().parkedEvents().due(NOW.plus(Duration.ofDays(2)), 10)).isEmpty();
    assertThat(health("conn-1").delivered()).isEqualTo(2);
    assertThat(health("conn-2").delivered()).isEqualTo(1);
    assertThat(progress.get(0)).containsExactly(0, 3);
    assertThat(progress.get(progress.size() - 1)).containsExactly(3, 3);
  }

  @Test
  void drain_whenNotDueYet_leavesIt() {
    park("conn-1", "evt-1", 0, NOW, NOW.plusSeconds(30));

    DrainReport report = drain(deadline());

    assertThat(report.due()).isZero();
    assertThat(pipeline.stores().parkedEvents().find("conn-1", "evt-1")).isPresent();
  }

  @Test
  void drain_whenLimitSmallerThanDue_takesTheEarliest() {
    park("conn-1", "evt-late", 0, NOW, NOW.minusSeconds(1));
    park("conn-1", "evt-early", 0, NOW, NOW.minusSeconds(60));
    park("conn-2", "evt-mid", 0, NOW, NOW.minusSeconds(30));

    DrainReport report =
        pipeline.drainer().drain(pipeline.clock().instant(), 2, deadline(), this::record);

    assertThat(report.delivered()).isEqualTo(2);
    assertThat(aws.busEvents())
        .extracting(e -> e.at("/detail/eventId").asText())
        .containsExactlyInAnyOrder("evt-early", "evt-mid");
  }

  @Test
  void drain_whenConnectionDeleted_discardsItsEvents() {
    park("conn-gone", "evt-1", 0, NOW, NOW);

    DrainReport report = drain(deadline());

    assertThat(report.discarded()).isEqualTo(1);
    assertThat(pipeline.stores().parkedEvents().find("conn-gone", "evt-1")).isEmpty();
    assertThat(aws.busEvents()).isEmpty();
  }

  @Test
  void drain_whenConnectionSwitchedOffOrSuspended_leavesItParkedForLaterWithoutCountingAnAttempt() {
    connection("conn-off", false);
    Connection suspended = connection("conn-suspended", true);
    pipeline
        .connections()
        .saveHealth(
            "conn-suspended",
            suspended.health().withState(HealthState.SUSPENDED, "AccessDeniedException", NOW));
    park("conn-off", "evt-1", 0, NOW, NOW);
    park("conn-suspended", "evt-2", 3, NOW, NOW);

    DrainReport report = drain(deadline());

    assertThat(report.skipped()).isEqualTo(2);
    assertThat(aws.busEvents()).isEmpty();
    assertThat(pipeline.stores().parkedEvents().find("conn-off", "evt-1"))
        .hasValueSatisfying(
            e -> {
              assertThat(e.attempts()).as("no call was made").isZero();
              assertThat(e.nextAttemptAt()).isAfter(NOW.plusSeconds(10));
            });
    assertThat(
            pipeline
                .stores()
                .parkedEvents()
                .find("conn-suspended", "evt-2")
                .orElseThrow()
                .attempts())
        .isEqualTo(3);
  }

  @Test
  void drain_whenOlderThanTheMaxAge_movesItToTheDeadLetters() {
    ParkedEvent old = park("conn-1", "evt-1", 5, NOW.minus(Duration.ofHours(24)), NOW);

    DrainReport report = drain(deadline());

    assertThat(report.deadLettered()).isEqualTo(1);
    assertThat(aws.busEvents()).isEmpty();
    assertThat(pipeline.stores().parkedEvents().find("conn-1", "evt-1")).isEmpty();
    DeadLetter letter = pipeline.stores().deadLetters().list(TENANT, "conn-1", 10).get(0);
    assertThat(letter.reason()).isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED);
    assertThat(letter.errorCode()).isEqualTo(RetryRouting.GAVE_UP_ERROR_CODE);
    assertThat(letter.errorMessage()).contains("replay");
    assertThat(letter.entry()).isEqualTo(old.entry());
    assertThat(health("conn-1").deadLettered()).isEqualTo(1);
  }

  @Test
  void drain_whenItsAttemptsRanOut_movesItToTheDeadLetters() {
    park("conn-1", "evt-1", RetrySchedule.DEFAULT_MAX_ATTEMPTS, NOW.minusSeconds(3600), NOW);

    DrainReport report = drain(deadline());

    assertThat(report.deadLettered()).isEqualTo(1);
    assertThat(pipeline.stores().deadLetters().list(TENANT, "conn-1", 10)).hasSize(1);
  }

  @Test
  void drain_whenStillThrottled_reschedulesWithBackoffAndAddsNoDeadLetter() {
    aws.localAws().faults().inject(Fault.throttle("PutEvents").always());
    park("conn-1", "evt-1", 0, NOW.minusSeconds(60), NOW);
    Instant drainedAt = pipeline.clock().instant();

    DrainReport report = drain(deadline());
    // The backoff counts from when the publish ended: its own retries advanced the clock.
    Instant settledAt = pipeline.clock().instant();

    assertThat(report.rescheduled()).isEqualTo(1);
    assertThat(pipeline.stores().parkedEvents().find("conn-1", "evt-1"))
        .hasValueSatisfying(
            e -> {
              assertThat(e.attempts()).isEqualTo(1);
              assertThat(e.nextAttemptAt())
                  .isBetween(drainedAt.plusSeconds(15), settledAt.plusSeconds(45));
            });
    assertThat(pipeline.stores().deadLetters().list(TENANT, "conn-1", 10)).isEmpty();
  }

  @Test
  void drain_whenTheBusRefusesItForGood_deadLettersAndRemovesIt() {
    aws.localAws().faults().inject(Fault.entryError("PutEvents", "MalformedDetail", 0));
    park("conn-1", "evt-1", 0, NOW, NOW);

    DrainReport report = drain(deadline());

    assertThat(report.deadLettered()).isEqualTo(1);
    assertThat(pipeline.stores().parkedEvents().find("conn-1", "evt-1")).isEmpty();
    assertThat(pipeline.stores().deadLetters().list(TENANT, "conn-1", 10))
        .singleElement()
        .satisfies(l -> assertThat(l.reason()).isEqualTo(DeadLetterReason.NON_RETRYABLE_ERROR));
  }

  @Test
  void drain_whenCredentialsCannotBeResolved_leavesItRescheduledWithoutCountingAnAttempt() {
    pipeline.failCredentials(new IllegalStateException("STS unreachable"));
    park("conn-1", "evt-1", 0, NOW, NOW);

    DrainReport report = drain(deadline());

    assertThat(report.rescheduled()).isEqualTo(1);
    ParkedEvent waiting = pipeline.stores().parkedEvents().find("conn-1", "evt-1").orElseThrow();
    assertThat(waiting.attempts()).as("no call was made").isZero();
    assertThat(waiting.nextAttemptAt()).isAfter(NOW);
  }

  @Test
  void drain_whenAnotherWorkerLeasedItFirst_skipsIt() {
    ParkedEvent event = park("conn-1", "evt-1", 0, NOW, NOW);
    ParkedEventStore store = pipeline.stores().parkedEvents();
    List<ParkedEvent> stale = store.due(NOW, 10);
    store.reschedule(event, 1, NOW.plusSeconds(60)); // the other worker
    ParkedEventDrainer drainer =
        new ParkedEventDrainer(
            new ParkedEventDrainer.Parts(
                new StaleDue(store, stale),
                pipeline.stores().outbox(),
                pipeline.connections(),
                pipeline.destinations(),
                pipeline.publisher(),
                pipeline.stores().deadLetters(),
                pipeline.health(),
                pipeline.schedule(),
                Duration.ofMinutes(1),
                pipeline.clock()));

    DrainReport report = drainer.drain(NOW, 10, deadline(), ProgressListener.NONE);

    assertThat(report.skipped()).isEqualTo(1);
    assertThat(aws.busEvents()).isEmpty();
  }

  @Test
  void drain_whenTheDeadlineHasPassed_leavesEverythingDue() {
    park("conn-1", "evt-1", 0, NOW, NOW);
    park("conn-2", "evt-2", 0, NOW, NOW);

    DrainReport report = drain(new Deadline(NOW.minusSeconds(1)));

    assertThat(report.leftForLater()).isEqualTo(2);
    assertThat(store().due(NOW, 10)).extracting(ParkedEvent::attempts).containsOnly(0);
  }

  private ParkedEventStore store() {
    return pipeline.stores().parkedEvents();
  }

  private DrainReport drain(Deadline deadline) {
    return pipeline.drainer().drain(pipeline.clock().instant(), 50, deadline, this::record);
  }

  private void record(int done, int total) {
    progress.add(new int[] {done, total});
  }

  private Deadline deadline() {
    return Deadline.after(Duration.ofSeconds(20), pipeline.clock());
  }

  private Connection connection(String id, boolean enabled) {
    return pipeline.connection(TENANT, id, Platform.RUNFLOW, enabled, null, null, null);
  }

  private dev.errorbridge.connector.connection.ConnectionHealth health(String id) {
    return pipeline.connections().find(id).orElseThrow().health();
  }

  private ParkedEvent park(
      String connectionId, String eventId, int attempts, Instant parkedAt, Instant due) {
    ParkedEvent event =
        new ParkedEvent(TENANT, connectionId, eventId, entry(eventId), attempts, parkedAt, due);
    store().park(event);
    return event;
  }

  static DeadLetter.Entry entry(String eventId) {
    return new DeadLetter.Entry(
        "errorbridge.runflow",
        "Workflow Execution Failed",
        "{\"eventId\":\"" + eventId + "\",\"platform\":\"runflow\"}",
        List.of("errorbridge:runflow:execution/" + eventId),
        NOW.minusSeconds(120));
  }

  /** A store whose index lags: {@code due} answers what it answered before another worker. */
  private record StaleDue(ParkedEventStore delegate, List<ParkedEvent> stale)
      implements ParkedEventStore {
    @Override
    public void park(ParkedEvent event) {
      delegate.park(event);
    }

    @Override
    public Optional<ParkedEvent> find(String connectionId, String eventId) {
      return delegate.find(connectionId, eventId);
    }

    @Override
    public List<ParkedEvent> due(Instant now, int limit) {
      return stale;
    }

    @Override
    public boolean reschedule(ParkedEvent current, int attempts, Instant nextAttemptAt) {
      return delegate.reschedule(current, attempts, nextAttemptAt);
    }

    @Override
    public void remove(String connectionId, String eventId) {
      delegate.remove(connectionId, eventId);
    }

    @Override
    public long count(String connectionId) {
      return delegate.count(connectionId);
    }
  }
}
