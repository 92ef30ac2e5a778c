package dev.errorbridge.connector.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.deadletter.DeadLetterReason;
import dev.errorbridge.connector.deadletter.DeadLetterStoreException;
import dev.errorbridge.connector.deadletter.InMemoryDeadLetterStore;
import dev.errorbridge.connector.store.ParkedEvent;
import dev.errorbridge.connector.store.ParkedEventStore;
import dev.errorbridge.connector.store.dynamodb.DynamoDbParkedEventStore;
import dev.errorbridge.connector.testing.BrokenStores;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The routing rule on DynamoDB Local's retry store and an in-memory dead-letter store. */
@ExtendWith(LocalServices.class)
class RetryRoutingDeadLetterStoreTest {
  private static final Instant NOW = Instant.parse("2026-02-03T09:07:00Z");
  private static final DeadLetter.Entry ENTRY =
      new DeadLetter.Entry(
          "errorbridge.webhook",
          "Workflow Execution Failed",
          "{\"eventId\":\"evt-1\"}",
          List.of("errorbridge:webhook:execution/x"),
          NOW);
  private static final RetrySchedule EXACT =
      RetrySchedule.builder()
          .backoff(Duration.ofSeconds(30), 2.0, 0.0, Duration.ofHours(1))
          .build();

  private static LocalDynamoDb dynamoDb;

  private final MutableClock clock = new MutableClock(NOW);
  private final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
  private final AtomicBoolean parkingBroken = new AtomicBoolean();
  private ParkedEventStore parked;
  private RetryRoutingDeadLetterStore store;

  @BeforeAll
  static void start(LocalDynamoDb shared) {
    dynamoDb = shared;
  }

  @BeforeEach
  void freshStores() {
    parked = new DynamoDbParkedEventStore(dynamoDb.newTable());
    store =
        new RetryRoutingDeadLetterStore(
            deadLetters, BrokenStores.parkFails(parked, parkingBroken), EXACT, clock);
  }

  @ParameterizedTest
  @EnumSource(
      value = DeadLetterReason.class,
      names = {"DEADLINE_EXCEEDED", "RETRIES_EXHAUSTED", "CIRCUIT_OPEN"})
  void park_whenTransient_goesToTheRetryStoreDueAfterTheFirstBackoff(DeadLetterReason reason) {
    store.park(letter(reason, "ThrottlingException", ENTRY));

    assertThat(parked.find("conn-1", "evt-1"))
        .hasValueSatisfying(
            p -> {
              assertThat(p.attempts()).isZero();
              assertThat(p.parkedAt()).isEqualTo(NOW.minusSeconds(5));
              assertThat(p.nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
              assertThat(p.entry()).isEqualTo(ENTRY);
            });
    assertThat(deadLetters.list("tenant-a", "conn-1", 10)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = DeadLetterReason.class,
      names = {"NON_RETRYABLE_ERROR", "DESTINATION_ERROR", "EVENT_TOO_LARGE"})
  void park_whenPermanent_goesToTheDeadLetters(DeadLetterReason reason) {
    store.park(letter(reason, "AccessDeniedException", ENTRY));

    assertThat(deadLetters.list("tenant-a", "conn-1", 10))
        .singleElement()
        .satisfies(l -> assertThat(l.reason()).isEqualTo(reason));
    assertThat(parked.find("conn-1", "evt-1")).isEmpty();
  }

  @Test
  void park_whenTheRetryWorkerGaveUp_goesToTheDeadLetters() {
    store.park(letter(DeadLetterReason.RETRIES_EXHAUSTED, RetryRouting.GAVE_UP_ERROR_CODE, ENTRY));

    assertThat(deadLetters.list("tenant-a", "conn-1", 10)).hasSize(1);
    assertThat(parked.find("conn-1", "evt-1")).isEmpty();
  }

  @Test
  void park_whenNothingToResend_goesToTheDeadLetters() {
    store.park(letter(DeadLetterReason.DEADLINE_EXCEEDED, null, null));

    assertThat(deadLetters.list("tenant-a", "conn-1", 10)).hasSize(1);
  }

  @Test
  void park_whenAlreadyAwaitingRetry_keepsItsAttemptsAndAge() {
    ParkedEvent leased =
        new ParkedEvent(
            "tenant-a",
            "conn-1",
            "evt-1",
            ENTRY,
            4,
            NOW.minus(Duration.ofHours(3)),
            NOW.plusSeconds(600));
    parked.park(leased);

    store.park(letter(DeadLetterReason.DEADLINE_EXCEEDED, "ThrottlingException", ENTRY));

    assertThat(parked.find("conn-1", "evt-1")).contains(leased);
    assertThat(deadLetters.list("tenant-a", "conn-1", 10)).isEmpty();
  }

  @Test
  void park_whenTheRetryStoreFails_throwsTheDeadLetterStoreFailure() {
    parkingBroken.set(true);

    assertThatThrownBy(
            () -> store.park(letter(DeadLetterReason.CIRCUIT_OPEN, "CircuitOpen", ENTRY)))
        .isInstanceOf(DeadLetterStoreException.class)
        .hasMessageContaining("evt-1")
        .hasMessageContaining("conn-1")
        .hasMessageContaining("retry later");
  }

  @Test
  void listAndRemove_areTheDeadLettersOwn() {
    store.park(letter(DeadLetterReason.DESTINATION_ERROR, "AccessDeniedException", ENTRY));
    store.park(
        new DeadLetter(
            "tenant-a",
            "conn-1",
            "evt-2",
            DeadLetterReason.DEADLINE_EXCEEDED,
            null,
            null,
            1,
            NOW,
            ENTRY));

    assertThat(store.list("tenant-a", "conn-1", 10))
        .extracting(DeadLetter::eventId)
        .containsExactly("evt-1");
    store.remove("tenant-a", "conn-1", "evt-1");
    assertThat(deadLetters.list("tenant-a", "conn-1", 10)).isEmpty();
  }

  @Test
  void retryLater_coversEveryReason() {
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      boolean expected =
          reason == DeadLetterReason.DEADLINE_EXCEEDED
              || reason == DeadLetterReason.RETRIES_EXHAUSTED
              || reason == DeadLetterReason.CIRCUIT_OPEN;
      assertThat(RetryRouting.retryLater(reason, "ThrottlingException"))
          .as(reason.name())
          .isEqualTo(expected);
    }
  }

  private static DeadLetter letter(DeadLetterReason reason, String code, DeadLetter.Entry entry) {
    return new DeadLetter(
        "tenant-a", "conn-1", "evt-1", reason, code, "failed", 3, NOW.minusSeconds(5), entry);
  }
}
