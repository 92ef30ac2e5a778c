package dev.errorbridge.connector.retry;

import static dev.errorbridge.connector.retry.ParkedEventDrainerTest.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.audit.AuditAction;
import dev.errorbridge.connector.audit.AuditRecord;
import dev.errorbridge.connector.audit.Caller;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionNotFoundException;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterReason;
import dev.errorbridge.connector.deadletter.DeadLetterStore;
import dev.errorbridge.connector.testing.LocalAwsServices;
import dev.errorbridge.connector.testing.LocalPipeline;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.localaws.fault.Fault;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Replays of dead letters against DynamoDB Local and local-aws EventBridge. */
@ExtendWith(LocalServices.class)
class DeadLetterReplayerTest {
  static final String TENANT = "tenant-a";
  static final Instant NOW = LocalPipeline.START;
  static final String CONN = "conn-1";

  private static LocalAwsServices aws;
  private final Caller alice = new Caller(TENANT, "arn:aws:iam::999:user/alice");
  private final List<int[]> progress = new ArrayList<>();
  private LocalPipeline pipeline;
  private Connection connection;

  @BeforeAll
  static void start(LocalAwsServices shared) {
    aws = shared;
  }

  @BeforeEach
  void wire() {
    pipeline = new LocalPipeline(aws);
    connection = pipeline.connection(TENANT, CONN, Platform.RUNFLOW, true, null, null, null);
  }

  @AfterEach
  void reset() {
    pipeline.close();
    aws.reset();
  }

  @Test
  void replay_whenLettersHaveEntries_deliversRemovesReportsProgressAndAudits() {
    IntStream.rangeClosed(1, 12).forEach(i -> letter("evt-" + i, true));

    ReplayReport report = replay(ReplayOptions.defaults());

    assertThat(report.delivered()).isEqualTo(12);
    assertThat(report.complete()).isTrue();
    assertThat(aws.busEvents()).hasSize(12);
    assertThat(deadLetters().list(TENANT, CONN, 100)).isEmpty();
    assertThat(progress.get(0)).containsExactly(0, 12);
    assertThat(progress.get(progress.size() - 1)).containsExactly(12, 12);
    assertThat(progress).hasSize(13);
    AuditRecord audit = pipeline.stores().audit().list(CONN, 10).get(0);
    assertThat(audit.action()).isEqualTo(AuditAction.REPLAY);
    assertThat(audit.actor()).isEqualTo(alice.actor());
    assertThat(audit.changedFields()).containsExactly("deadLetters");
    assertThat(audit.note()).contains("12 delivered").doesNotContain("evt-");
    assertThat(pipeline.connections().find(CONN).orElseThrow().health().delivered()).isEqualTo(12);
  }

  @Test
  void replay_whenLimitSmallerThanTheBacklog_replaysTheOldestFirst() {
    IntStream.rangeClosed(1, 5).forEach(i -> letter("evt-" + i, true));

    ReplayReport report = replay(new ReplayOptions(2, false));

    assertThat(report.delivered()).isEqualTo(2);
    assertThat(deadLetters().list(TENANT, CONN, 10))
        .extracting(DeadLetter::eventId)
        .containsExactly("evt-3", "evt-4", "evt-5");
  }

  @Test
  void replay_whenALetterWasNeverBuilt_reportsItAndLeavesIt() {
    letter("evt-1", true);
    letter("evt-big", false);

    ReplayReport report = replay(ReplayOptions.defaults());

    assertThat(report.delivered()).isEqualTo(1);
    assertThat(report.notReplayable())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.eventId()).isEqualTo("evt-big");
              assertThat(p.nextStep()).contains("Cannot be replayed");
            });
    assertThat(deadLetters().list(TENANT, CONN, 10))
        .extracting(DeadLetter::eventId)
        .containsExactly("evt-big");
  }

  @Test
  void replay_whenDryRun_sendsRemovesAndAuditsNothing() {
    letter("evt-1", true);
    letter("evt-big", false);

    ReplayReport report = replay(new ReplayOptions(10, true));

    assertThat(report.dryRun()).isTrue();
    assertThat(report.total()).isEqualTo(2);
    assertThat(report.replayable()).isEqualTo(1);
    assertThat(report.delivered()).isZero();
    assertThat(aws.busEvents()).isEmpty();
    assertThat(deadLetters().list(TENANT, CONN, 10)).hasSize(2);
    assertThat(pipeline.stores().audit().list(CONN, 10)).isEmpty();
  }

  @Test
  void replay_whenAnotherTenantsConnection_isNotFound() {
    letter("evt-1", true);

    assertThatThrownBy(
            () ->
                pipeline
                    .replayer()
                    .replay(
                        new Caller("tenant-m", "mallory"),
                        CONN,
                        ReplayOptions.defaults(),
                        ProgressListener.NONE))
        .isInstanceOf(ConnectionNotFoundException.class)
        .hasMessageContaining("No connection conn-1 for tenant tenant-m");
    assertThat(aws.busEvents()).isEmpty();
  }

  @Test
  void replay_whenConnectionSwitchedOffOrSuspended_saysWhatToDoFirst() {
    pipeline.connection(TENANT, "conn-off", Platform.RUNFLOW, false, null, null, null);
    pipeline
        .connections()
        .saveHealth(CONN, connection.health().withState(HealthState.SUSPENDED, "bus missing", NOW));

    deadLetters()
        .park(
            new DeadLetter(
                TENANT,
                "conn-off",
                "evt-0",
                DeadLetterReason.DEADLINE_EXCEEDED,
                null,
                null,
                1,
                NOW,
                entry("evt-0")));
    assertThatThrownBy(
            () ->
                pipeline
                    .replayer()
                    .replay(alice, "conn-off", ReplayOptions.defaults(), ProgressListener.NONE))
        .isInstanceOf(ReplayNotPossibleException.class)
        .hasMessageContaining("enable it");
    letter("evt-1", true);
    assertThatThrownBy(() -> replay(ReplayOptions.defaults()))
        .isInstanceOf(ReplayNotPossibleException.class)
        .hasMessageContaining("suspended (bus missing)")
        .hasMessageContaining("enable the connection");
    assertThat(deadLetters().list(TENANT, CONN, 10)).hasSize(1);
  }

  @Test
  void replay_whenStillThrottled_movesThemToTheRetryStore() {
    aws.localAws().faults().inject(Fault.throttle("PutEvents").always());
    letter("evt-1", true);

    ReplayReport report = replay(ReplayOptions.defaults());

    assertThat(report.queued()).isEqualTo(1);
    assertThat(deadLetters().list(TENANT, CONN, 10)).isEmpty();
    assertThat(pipeline.stores().parkedEvents().find(CONN, "evt-1")).isPresent();
  }

  @Test
  void replay_whenRefusedAgain_keepsTheLetterAndSaysWhatToDo() {
    aws.localAws().faults().inject(Fault.entryError("PutEvents", "MalformedDetail", 0));
    letter("evt-1", true);
    letter("evt-2", true);

    ReplayReport report = replay(ReplayOptions.defaults());

    assertThat(report.delivered()).isEqualTo(1);
    assertThat(report.failed())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.reason()).isEqualTo(DeadLetterReason.NON_RETRYABLE_ERROR);
              assertThat(p.nextStep()).contains("MalformedDetail").contains("fix");
            });
    assertThat(deadLetters().list(TENANT, CONN, 10))
        .extracting(DeadLetter::eventId)
        .containsExactly("evt-1");
  }

  @Test
  void replay_whenTheDestinationRefusesTheKeys_stopsAndLeavesTheRest() {
    pipeline.overrideCredentials(
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAUNKNOWN0000000001", "x")));
    IntStream.rangeClosed(1, 12).forEach(i -> letter("evt-" + i, true));

    ReplayReport report = replay(ReplayOptions.defaults());

    assertThat(report.delivered()).isZero();
    assertThat(report.failed()).hasSize(10);
    assertThat(report.failed().get(0).nextStep()).contains("credentials");
    assertThat(report.notAttempted()).isEqualTo(2);
    assertThat(report.complete()).isFalse();
    assertThat(deadLetters().list(TENANT, CONN, 100)).hasSize(12);
    assertThat(progress.get(progress.size() - 1)).containsExactly(12, 12);
  }

  @Test
  void replay_whenCredentialsCannotBeResolved_sendsNothingAndSaysSo() {
    pipeline.failCredentials(new IllegalStateException("the KMS key is disabled"));
    letter("evt-1", true);

    assertThatThrownBy(() -> replay(ReplayOptions.defaults()))
        .isInstanceOf(ReplayNotPossibleException.class)
        .hasMessageContaining("the KMS key is disabled")
        .hasMessageContaining("replay again");
  }

  @Test
  void options_whenLimitOutOfRange_refuses() {
    assertThatThrownBy(() -> new ReplayOptions(0, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReplayOptions(ReplayOptions.MAX_LIMIT + 1, false))
        .hasMessageContaining("replay in batches");
  }

  private ReplayReport replay(ReplayOptions options) {
    return pipeline
        .replayer()
        .replay(alice, CONN, options, (done, total) -> progress.add(new int[] {done, total}));
  }

  private DeadLetterStore deadLetters() {
    return pipeline.stores().deadLetters();
  }

  private void letter(String eventId, boolean withEntry) {
    deadLetters()
        .park(
            new DeadLetter(
                TENANT,
                CONN,
                eventId,
                withEntry ? DeadLetterReason.DESTINATION_ERROR : DeadLetterReason.EVENT_TOO_LARGE,
                withEntry ? "AccessDeniedException" : "EventTooLarge",
                withEntry ? "not allowed" : "Event is still 300000 bytes",
                withEntry ? 1 : 0,
                NOW,
                withEntry ? entry(eventId) : null));
  }
}
