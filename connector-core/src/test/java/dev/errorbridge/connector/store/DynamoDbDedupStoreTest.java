package dev.errorbridge.connector.store;

import static dev.errorbridge.connector.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

class DynamoDbDedupStoreTest {
  private static final Duration WINDOW = Duration.ofHours(48);
  private static LocalDynamoDb dynamoDb;
  private final MutableClock clock = new MutableClock(T0);
  private ErrorbridgeTable table;
  private DynamoDbDedupStore store;

  @BeforeAll
  static void startDynamoDb() {
    dynamoDb = LocalDynamoDb.start();
  }

  @AfterAll
  static void stopDynamoDb() {
    dynamoDb.close();
  }

  @BeforeEach
  void freshTable() {
    table = dynamoDb.newTable();
    store = new DynamoDbDedupStore(table, clock);
  }

  @Test
  void claim_whenFirst_returnsTrueAndStoresTheTtl() {
    assertThat(store.claim("e-1", T0.plus(WINDOW).plusMillis(1))).isTrue();

    Map<String, AttributeValue> item =
        dynamoDb
            .client()
            .getItem(
                GetItemRequest.builder()
                    .tableName(table.name())
                    .key(
                        Map.of(
                            "pk",
                            AttributeValue.fromS("EVENT#e-1"),
                            "sk",
                            AttributeValue.fromS("DEDUP")))
                    .build())
            .item();
    // Rounded up: a claim never expires before it was asked to.
    assertThat(item.get("expiresAt").n())
        .isEqualTo(Long.toString(T0.plus(WINDOW).getEpochSecond() + 1));
  }

  @Test
  void claim_whenClaimedAlready_returnsFalse() {
    store.claim("e-1", expiry());

    assertThat(store.claim("e-1", expiry())).isFalse();
  }

  @Test
  void claim_whenEarlierClaimExpiredButNotYetDeleted_returnsTrue() {
    store.claim("e-1", expiry());
    clock.advance(WINDOW);
    assertThat(store.claim("e-1", expiry())).isFalse(); // still live during its last second

    clock.advance(Duration.ofSeconds(1));

    assertThat(store.isClaimed("e-1", clock.instant())).isFalse();
    assertThat(store.claim("e-1", expiry())).isTrue();
    assertThat(store.isClaimed("e-1", clock.instant())).isTrue();
  }

  @Test
  void confirm_afterShortClaim_keepsTheEventClaimedPastTheLease() {
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ids.add("e-" + i); // more than one BatchWriteItem
    }
    store.claimAll(ids, T0.plus(Duration.ofMinutes(10)));

    store.confirm(ids, T0.plus(Duration.ofDays(7)));
    clock.advance(Duration.ofHours(1));

    assertThat(ids).allSatisfy(id -> assertThat(store.isClaimed(id, clock.instant())).isTrue());
    assertThat(store.claimAll(ids, clock.instant().plus(Duration.ofMinutes(10)))).isEmpty();
  }

  @Test
  void release_afterClaim_letsTheNextClaimWin() {
    store.claim("e-1", expiry());

    store.release("e-1");

    assertThat(store.isClaimed("e-1", clock.instant())).isFalse();
    assertThat(store.claim("e-1", expiry())).isTrue();
  }

  @Test
  void release_whenNotClaimed_isNoOp() {
    store.release("never");

    assertThat(store.isClaimed("never", clock.instant())).isFalse();
  }

  @Test
  void isClaimed_atTimes_followsTheExpiry() {
    store.claim("e-1", expiry());

    assertThat(store.isClaimed("e-1", T0)).isTrue();
    assertThat(store.isClaimed("e-1", T0.plus(WINDOW))).isTrue();
    assertThat(store.isClaimed("e-1", T0.plus(WINDOW).plusSeconds(1))).isFalse();
    assertThat(store.isClaimed("other", T0)).isFalse();
  }

  @Test
  void claim_fromEightThreadsAtOnce_exactlyOneWins() throws Exception {
    List<Boolean> wins = Concurrently.run(8, thread -> store.claim("e-race", expiry()));

    assertThat(wins).containsOnlyOnce(true);
  }

  @Test
  void claimAll_withSomeClaimedAlready_claimsTheOthersInOrder() {
    store.claim("e-2", expiry());
    store.claim("e-4", expiry());
    store.claim("e-5", T0.plusSeconds(1));
    clock.advance(Duration.ofSeconds(2)); // e-5's claim has expired

    assertThat(store.claimAll(List.of("e-5", "e-1", "e-2", "e-3", "e-1", "e-4"), expiry()))
        .containsExactly("e-5", "e-1", "e-3");
    assertThat(store.claimAll(List.of("e-1", "e-3"), expiry())).isEmpty();
  }

  @Test
  void claimAll_withMoreThanOneBatch_claimsEach() {
    List<String> ids = IntStream.range(0, 250).mapToObj(i -> "e-" + i).toList();
    store.claim("e-149", expiry());

    assertThat(store.claimAll(ids, expiry())).hasSize(249).doesNotContain("e-149");
  }

  @Test
  void liveAmong_withClaimsRecordsAndExpiredOrUnknownIds_answersTheLiveOnesWithoutClaiming() {
    store.claim("e-claimed", clock.instant().plus(Duration.ofMinutes(5)));
    store.claim("e-confirmed", clock.instant().plus(Duration.ofMinutes(1)));
    store.confirm(List.of("e-confirmed"), expiry());
    store.claim("e-expired", clock.instant().plus(Duration.ofSeconds(30)));
    clock.advance(Duration.ofMinutes(2));

    assertThat(
            store.liveAmong(
                List.of("e-claimed", "e-confirmed", "e-expired", "e-unknown", "e-claimed"),
                clock.instant()))
        .containsExactlyInAnyOrder("e-claimed", "e-confirmed");
    // a read only: the unknown and the expired can still be claimed
    assertThat(store.claimAll(List.of("e-expired", "e-unknown"), expiry()))
        .containsExactly("e-expired", "e-unknown");
  }

  @Test
  void liveAmong_withMoreThanOneBatch_readsEach() {
    List<String> ids = IntStream.range(0, 250).mapToObj(i -> "e-" + i).toList();
    store.claimAll(List.of("e-3", "e-149", "e-249"), expiry());

    assertThat(store.liveAmong(ids, clock.instant()))
        .containsExactlyInAnyOrder("e-3", "e-149", "e-249");
    assertThat(store.liveAmong(List.of(), clock.instant())).isEmpty();
  }

  @Test
  void claim_whenExpiryNotInFuture_throws() {
    assertThatThrownBy(() -> store.claim("e-1", clock.instant()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not after now");
  }

  @Test
  void claim_whenTableMissing_throwsNonRetryableUnavailable() {
    DynamoDbDedupStore missing =
        new DynamoDbDedupStore(new ErrorbridgeTable(dynamoDb.client(), "no-such-table"), clock);

    assertThatThrownBy(() -> missing.claim("e-1", expiry()))
        .isInstanceOfSatisfying(
            StoreUnavailableException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("claim event e-1")
        .hasMessageContaining("deploy the infra stack");
  }

  private Instant expiry() {
    return clock.instant().plus(WINDOW);
  }
}
