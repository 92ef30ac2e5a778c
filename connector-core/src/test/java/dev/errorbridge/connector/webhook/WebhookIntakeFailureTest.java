package dev.errorbridge.connector.webhook;

import static dev.errorbridge.connector.webhook.IntakeKit.body;
import static dev.errorbridge.connector.webhook.WebhookTestKit.NOW;
import static dev.errorbridge.connector.webhook.WebhookTestKit.RUNFLOW;
import static dev.errorbridge.connector.webhook.WebhookTestKit.TENANT;
import static dev.errorbridge.connector.webhook.WebhookTestKit.fixture;
import static dev.errorbridge.connector.webhook.WebhookTestKit.runflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.audit.Caller;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterReason;
import dev.errorbridge.connector.retry.DrainReport;
import dev.errorbridge.connector.retry.ProgressListener;
import dev.errorbridge.connector.retry.ReplayOptions;
import dev.errorbridge.connector.retry.ReplayReport;
import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.testing.BrokenStores;
import dev.errorbridge.connector.testing.LocalAwsServices;
import dev.errorbridge.connector.testing.LocalPipeline;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;
import dev.errorbridge.localaws.fault.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What a webhook answers when the event cannot be published at once: 2xx only once it is kept
 * (retry store or dead letters), 503 with {@code Retry-After} when even that fails, never 5xx once
 * it is on the bus. local-aws faults, DynamoDB Local, no real sleeping (the publisher's backoffs
 * advance the test clock).
 */
@ExtendWith(LocalServices.class)
class WebhookIntakeFailureTest {
  private static LocalAwsServices aws;

  private final AtomicBoolean claimsBroken = new AtomicBoolean();
  private final AtomicBoolean healthBroken = new AtomicBoolean();
  private IntakeKit kit;

  @BeforeAll
  static void start(LocalAwsServices shared) {
    aws = shared;
  }

  @BeforeEach
  void wire() {
    kit =
        new IntakeKit(
            LocalPipeline.withOutbox(
                aws,
                outbox ->
                    BrokenStores.outboxFails(
                        outbox, claimsBroken, BrokenStores.OutboxOperation.CLAIM),
                store -> BrokenStores.saveHealthFails(store, healthBroken)));
  }

  @AfterEach
  void reset() {
    kit.close();
    aws.reset();
  }

  @Test
  void handle_whenEventBridgeThrottled_answers202QueuedAndTheDrainerDeliversItOnce() {
    aws.localAws().faults().inject(Fault.throttle("PutEvents").always());

    WebhookResponse response = kit.handle(runflow(fixture("runflow-failed.json")));

    assertThat(response.status()).isEqualTo(202);
    assertThat(body(response).at("/status").asText()).isEqualTo("queued");
    String eventId = body(response).at("/eventId").asText();
    ParkedEvent parked = parked(eventId);
    assertThat(parked.attempts()).as("the webhook's own attempt").isEqualTo(1);
    assertThat(parked.nextAttemptAt())
        .isBetween(NOW.plusSeconds(15), kit.pipeline.clock().instant().plusSeconds(45));
    assertThat(aws.busEvents()).isEmpty();
    assertThat(kit.pipeline.stores().deadLetters().list(TENANT, RUNFLOW, 10)).isEmpty();

    aws.localAws().faults().clear();
    kit.pipeline.clock().advance(Duration.ofMinutes(1));
    DrainReport drained = drain();
    DrainReport again = drain();

    assertThat(drained.delivered()).isEqualTo(1);
    assertThat(again.due()).isZero();
    assertThat(aws.busEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.at("/detail/eventId").asText()).isEqualTo(eventId));
    assertThat(kit.pipeline.stores().parkedEvents().find(RUNFLOW, eventId)).isEmpty();
    assertThat(kit.pipeline.connections().find(RUNFLOW).orElseThrow().health().delivered())
        .isEqualTo(1);
  }

  @Test
  void handle_whenEventBridgeRefusesTheEventForGood_answers202DeadLettered() {
    aws.localAws().faults().inject(Fault.entryError("PutEvents", "MalformedDetail", 0));

    WebhookResponse response = kit.handle(runflow(fixture("runflow-failed.json")));

    assertThat(response.status()).isEqualTo(202);
    assertThat(body(response).at("/status").asText()).isEqualTo("dead-lettered");
    assertThat(kit.pipeline.stores().deadLetters().list(TENANT, RUNFLOW, 10))
        .singleElement()
        .satisfies(l -> assertThat(l.reason()).isEqualTo(DeadLetterReason.NON_RETRYABLE_ERROR));
    assertThat(kit.pipeline.stores().parkedEvents().due(NOW.plus(Duration.ofDays(2)), 10))
        .isEmpty();
  }

  @Test
  void handle_whenKmsKeyDisabled_answers503WithRetryAfterNot404() {
    kit.pipeline.disableKmsKey();

    WebhookResponse response = kit.handle(runflow(fixture("runflow-failed.json")));

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.headers()).containsKey("Retry-After");
    assertThat(aws.busEvents()).isEmpty();
  }

  @Test
  void handle_whenConnectionSuspended_deadLettersItSoItCanBeReplayedOnceFixed() {
    Connection connection = kit.pipeline.connections().find(RUNFLOW).orElseThrow();
    String why = "suspended after 5 failures in a row: AccessDeniedException";
    kit.pipeline
        .connections()
        .saveHealth(RUNFLOW, connection.health().withState(HealthState.SUSPENDED, why, NOW));

    WebhookResponse response = kit.handle(runflow(fixture("runflow-failed.json")));

    assertThat(response.status()).isEqualTo(202);
    assertThat(body(response).at("/status").asText()).isEqualTo("dead-lettered");
    DeadLetter letter =
        kit.pipeline.stores().deadLetters().list(TENANT, RUNFLOW, 10).stream()
            .findFirst()
            .orElseThrow();
    assertThat(letter.errorCode()).isEqualTo("ConnectionSuspended");
    assertThat(letter.errorMessage()).contains(why).contains("Replay");
    assertThat(letter.entry()).isNotNull();
    assertThat(aws.busEvents()).isEmpty();

    kit.pipeline
        .connections()
        .saveHealth(RUNFLOW, connection.health().withState(HealthState.ACTIVE, null, NOW));
    ReplayReport replay =
        kit.pipeline
            .replayer()
            .replay(
                new Caller(TENANT, "alice"),
                RUNFLOW,
                ReplayOptions.defaults(),
                ProgressListener.NONE);

    assertThat(replay.delivered()).isEqualTo(1);
    assertThat(aws.busEvents()).hasSize(1);
  }

  @Test
  void handle_whenCredentialsUnavailableNow_queuesItForTheRetryWorker() {
    kit.pipeline.failCredentials(
        SdkClientException.create("Unable to reach STS: connection reset"));

    WebhookResponse response = kit.handle(runflow(fixture("runflow-failed.json")));

    assertThat(response.status()).isEqualTo(202);
    assertThat(body(response).at("/status").asText()).isEqualTo("queued");
    String eventId = body(response).at("/eventId").asText();
    assertThat(parked(eventId).entry().source()).isEqualTo("errorbridge.runflow");

    kit.pipeline.failCredentials(null);
    kit.pipeline.clock().advance(Duration.ofMinutes(1));

    assertThat(drain().delivered()).isEqualTo(1);
    assertThat(aws.busEvents()).hasSize(1);
    assertThat(body(kit.handle(runflow(fixture("runflow-failed.json")))).at("/status").asText())
        .isEqualTo("duplicate");
  }

  @Test
  void handle_whenEvenTheOutboxCannotTakeIt_answers503WithRetryAfterAndTheRetryIsAccepted() {
    aws.localAws().faults().inject(Fault.throttle("PutEvents").always());
    claimsBroken.set(true);

    WebhookResponse refused = kit.handle(runflow(fixture("runflow-failed.json")));
    claimsBroken.set(false);
    WebhookResponse retried = kit.handle(runflow(fixture("runflow-failed.json")));

    assertThat(refused.status()).as(refused.body()).isEqualTo(503);
    assertThat(refused.headers()).containsKey("Retry-After");
    assertThat(retried.status()).isEqualTo(202);
    assertThat(body(retried).at("/status").asText()).isEqualTo("queued");
  }

  @Test
  void handle_whenCredentialsUnavailableAndTheOutboxFails_answers503() {
    kit.pipeline.failCredentials(SdkClientException.create("Unable to reach STS: timeout"));
    claimsBroken.set(true);

    WebhookResponse refused = kit.handle(runflow(fixture("runflow-failed.json")));
    claimsBroken.set(false);
    WebhookResponse retried = kit.handle(runflow(fixture("runflow-failed.json")));

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.headers()).containsKey("Retry-After");
    assertThat(body(retried).at("/status").asText()).isEqualTo("queued");
  }

  @Test
  void handle_whenBookkeepingFailsAfterPublishing_stillAnswers202() {
    healthBroken.set(true);

    WebhookResponse response = kit.handle(runflow(fixture("runflow-failed.json")));

    assertThat(aws.busEvents()).hasSize(1);
    assertThat(response.status()).isEqualTo(202);
    assertThat(body(response).at("/eventId").asText()).isNotBlank();
  }

  private ParkedEvent parked(String eventId) {
    List<ParkedEvent> due =
        kit.pipeline.stores().parkedEvents().due(Instant.parse("2026-02-05T00:00:00Z"), 10);
    assertThat(due).extracting(ParkedEvent::eventId).containsExactly(eventId);
    return due.get(0);
  }

  private DrainReport drain() {
    return kit.pipeline
        .drainer()
        .drain(
            kit.pipeline.clock().instant(),
            50,
            Deadline.after(Duration.ofSeconds(30), kit.pipeline.clock()),
            ProgressListener.NONE);
  }
}
