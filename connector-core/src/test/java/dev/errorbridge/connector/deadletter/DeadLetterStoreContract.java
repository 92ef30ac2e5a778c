package dev.errorbridge.connector.deadletter;

import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.T0;
import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.deadLetter;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeadLetterStore} does, run against each of them so that the DynamoDB store
 * keeps the in-memory one's semantics.
 */
public abstract class DeadLetterStoreContract {

  /** A store with nothing in it. */
  protected abstract DeadLetterStore store();

  @Test
  void list_afterPark_returnsTheLetterWithEveryField() {
    DeadLetterStore store = store();
    DeadLetter letter = deadLetter("tenant-a", "c-1", "e-1");

    store.park(letter);

    assertThat(store.list("tenant-a", "c-1", 10)).containsExactly(letter);
  }

  @Test
  void list_whenLettersParkedOutOfTimeOrder_isInParkingOrder() {
    DeadLetterStore store = store();
    // Parking order, not parkedAt nor event id order.
    store.park(at(deadLetter("tenant-a", "c-1", "e-c"), 3));
    store.park(at(deadLetter("tenant-a", "c-1", "e-a"), 1));
    store.park(at(deadLetter("tenant-a", "c-1", "e-b"), 2));

    assertThat(eventIds(store.list("tenant-a", "c-1", 10))).containsExactly("e-c", "e-a", "e-b");
  }

  @Test
  void park_whenEventParkedAgain_replacesItInItsPlace() {
    DeadLetterStore store = store();
    store.park(deadLetter("tenant-a", "c-1", "e-1"));
    store.park(deadLetter("tenant-a", "c-1", "e-2"));
    DeadLetter again =
        new DeadLetter(
            "tenant-a",
            "c-1",
            "e-1",
            DeadLetterReason.CIRCUIT_OPEN,
            null,
            null,
            0,
            T0.plusSeconds(60),
            null);

    store.park(again);

    assertThat(store.list("tenant-a", "c-1", 10))
        .containsExactly(again, deadLetter("tenant-a", "c-1", "e-2"));
  }

  @Test
  void list_withLimit_returnsTheOldestFirst() {
    DeadLetterStore store = store();
    for (int i = 0; i < 5; i++) {
      store.park(deadLetter("tenant-a", "c-1", "e-" + i));
    }

    assertThat(eventIds(store.list("tenant-a", "c-1", 2))).containsExactly("e-0", "e-1");
    assertThat(store.list("tenant-a", "c-1", 0)).isEmpty();
  }

  @Test
  void count_afterParksAgainAndRemovals_countsTheLettersHeldForThatTenantAndConnection() {
    DeadLetterStore store = store();
    store.park(deadLetter("tenant-a", "c-1", "e-1"));
    store.park(deadLetter("tenant-a", "c-1", "e-2"));
    store.park(deadLetter("tenant-a", "c-1", "e-2")); // parked again: still one letter
    store.park(deadLetter("tenant-a", "c-1", "e-3"));
    store.park(deadLetter("tenant-a", "c-2", "e-4"));
    store.park(deadLetter("tenant-b", "c-1", "e-5"));
    store.remove("tenant-a", "c-1", "e-3");

    assertThat(store.count("tenant-a", "c-1")).isEqualTo(2);
    assertThat(store.count("tenant-a", "c-2")).isEqualTo(1);
    assertThat(store.count("tenant-b", "c-1")).isEqualTo(1);
    assertThat(store.count("tenant-c", "c-1")).isZero();
  }

  @Test
  void list_whenNothingParked_isEmpty() {
    assertThat(store().list("tenant-a", "c-1", 10)).isEmpty();
  }

  @Test
  void list_forAnotherTenantOrConnection_isEmpty() {
    DeadLetterStore store = store();
    store.park(deadLetter("tenant-a", "c-1", "e-1"));

    assertThat(store.list("tenant-b", "c-1", 10)).isEmpty();
    assertThat(store.list("tenant-a", "c-2", 10)).isEmpty();
  }

  @Test
  void park_sameEventForTwoTenants_keepsThemApart() {
    DeadLetterStore store = store();
    store.park(deadLetter("tenant-a", "c-1", "e-1"));
    store.park(deadLetter("tenant-b", "c-1", "e-1"));

    store.remove("tenant-b", "c-1", "e-1");

    assertThat(store.list("tenant-a", "c-1", 10))
        .containsExactly(deadLetter("tenant-a", "c-1", "e-1"));
    assertThat(store.list("tenant-b", "c-1", 10)).isEmpty();
  }

  @Test
  void remove_whenParked_removesOnlyThatLetter() {
    DeadLetterStore store = store();
    store.park(deadLetter("tenant-a", "c-1", "e-1"));
    store.park(deadLetter("tenant-a", "c-1", "e-2"));

    store.remove("tenant-a", "c-1", "e-1");

    assertThat(eventIds(store.list("tenant-a", "c-1", 10))).containsExactly("e-2");
  }

  @Test
  void remove_withAnotherTenant_keepsTheLetter() {
    DeadLetterStore store = store();
    store.park(deadLetter("tenant-a", "c-1", "e-1"));

    store.remove("tenant-b", "c-1", "e-1");

    assertThat(store.list("tenant-a", "c-1", 10)).hasSize(1);
  }

  @Test
  void remove_whenAbsent_isNoOp() {
    DeadLetterStore store = store();

    store.remove("tenant-a", "c-1", "nope");

    assertThat(store.list("tenant-a", "c-1", 10)).isEmpty();
  }

  @Test
  void park_afterRemove_goesToTheEnd() {
    DeadLetterStore store = store();
    store.park(deadLetter("tenant-a", "c-1", "e-1"));
    store.park(deadLetter("tenant-a", "c-1", "e-2"));
    store.remove("tenant-a", "c-1", "e-1");

    store.park(deadLetter("tenant-a", "c-1", "e-1"));

    assertThat(eventIds(store.list("tenant-a", "c-1", 10))).containsExactly("e-2", "e-1");
  }

  @Test
  void list_whenLetterHasNoEntry_returnsItWithoutEntry() {
    DeadLetterStore store = store();
    DeadLetter tooLarge =
        new DeadLetter(
            "tenant-a", "c-1", "e-1", DeadLetterReason.EVENT_TOO_LARGE, null, null, 0, T0, null);

    store.park(tooLarge);

    assertThat(store.list("tenant-a", "c-1", 10)).containsExactly(tooLarge);
  }

  protected static DeadLetter at(DeadLetter letter, int second) {
    return new DeadLetter(
        letter.tenantId(),
        letter.connectionId(),
        letter.eventId(),
        letter.reason(),
        letter.errorCode(),
        letter.errorMessage(),
        letter.attempts(),
        T0.plusSeconds(second),
        letter.entry());
  }

  protected static List<String> eventIds(List<DeadLetter> letters) {
    return letters.stream().map(DeadLetter::eventId).toList();
  }
}
