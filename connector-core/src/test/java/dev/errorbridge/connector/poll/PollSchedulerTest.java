package dev.errorbridge.connector.poll;

import static dev.errorbridge.connector.poll.PollWorld.NOW;
import static dev.errorbridge.connector.testing.TestConnections.withEnabled;
import static dev.errorbridge.connector.testing.TestConnections.withSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.connection.HealthState;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which connections are due, from the enabled index and the checkpoints in DynamoDB Local. */
class PollSchedulerTest extends PollTestBase {
  private static final Map<String, String> DIFY = Map.of("appId", DifyFake.APP);

  @BeforeEach
  void quietPlatform() {
    new DifyFake(platform, "dify-1").failedPages(List.of(List.of()));
    new DifyFake(platform, "dify-2").failedPages(List.of(List.of()));
  }

  @Test
  void dueConnectionIds_whenNeverPolled_includesEveryPollableEnabledConnection() {
    world.create("dify-1", Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
    world.create("dify-2", Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
    world.create("off", Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
    world.update("off", c -> withEnabled(c, false));
    world.create("suspended", Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
    world.connections.saveHealth(
        "suspended", new ConnectionHealth(HealthState.SUSPENDED, "denied", NOW, 5, null, 0, 0));

    List<String> due = world.scheduler().dueConnectionIds(0, ConnectionStore.SHARDS);

    assertThat(due).containsExactlyInAnyOrder("dify-1", "dify-2");
  }

  @Test
  void dueConnectionIds_afterACycle_waitsForTheConnectionsInterval() {
    world.create("dify-1", Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
    world.create(
        "dify-2",
        Platform.DIFY,
        platform,
        Set.of(Outcome.FAILED),
        Map.of("appId", DifyFake.APP, "pollInterval", "PT5M"));
    world.poll("dify-1");
    world.poll("dify-2");

    List<String> justPolled = world.scheduler().dueConnectionIds(0, ConnectionStore.SHARDS);
    world.clock.advance(Duration.ofMinutes(1));
    List<String> aMinuteLater = world.scheduler().dueConnectionIds(0, ConnectionStore.SHARDS);
    world.clock.advance(Duration.ofMinutes(3));
    List<String> fourMinutesLater = world.scheduler().dueConnectionIds(0, ConnectionStore.SHARDS);

    assertThat(justPolled).isEmpty();
    assertThat(aMinuteLater).containsExactly("dify-1");
    assertThat(fourMinutesLater).containsExactlyInAnyOrder("dify-1", "dify-2");
  }

  @Test
  void dueConnectionIds_whenSomeWaitedLonger_listsTheMostOverdueFirst() {
    // polled at 0, 20 s and 40 s; with a minute's interval each is due from 45 s after its scan
    List<String> ids = List.of("first", "second", "third");
    for (String id : ids) {
      new DifyFake(platform, id).failedPages(List.of(List.of()));
      world.create(id, Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
    }
    for (String id : List.of("third", "first", "second")) {
      world.create(id + "-never", Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
    }
    world.update("first-never", c -> withEnabled(c, false));
    world.update("second-never", c -> withEnabled(c, false));
    world.poll("first");
    world.clock.advance(Duration.ofSeconds(20));
    world.poll("second");
    world.clock.advance(Duration.ofSeconds(20));
    world.poll("third");
    world.clock.advance(Duration.ofSeconds(50));

    List<String> due = world.scheduler().dueConnectionIds(0, ConnectionStore.SHARDS);

    // never polled first, then by how long each has been due: a runner that cannot start them
    // all in one tick starts the ones that waited longest
    assertThat(due).containsExactly("third-never", "first", "second", "third");
  }

  @Test
  void dueNow_afterAnotherWorkerPolledTheConnection_isEmptyUntilItsIntervalPasses() {
    world.create("dify-1", Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
    PollScheduler scheduler = world.scheduler();
    Connection listed = scheduler.due(0, ConnectionStore.SHARDS).get(0);

    Optional<Connection> before = scheduler.dueNow(listed.id());
    world.poll("dify-1"); // another replica, between this tick's due list and this turn
    Optional<Connection> after = scheduler.dueNow(listed.id());
    world.clock.advance(Duration.ofMinutes(1));

    assertThat(before).contains(listed);
    assertThat(after).isEmpty();
    assertThat(scheduler.dueNow(listed.id())).isPresent();
  }

  @Test
  void dueNow_whenTheConnectionChangedSinceTheTick_answersItAsStoredNow() {
    world.create("dify-1", Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
    world.create("dify-2", Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
    PollScheduler scheduler = world.scheduler();
    List<Connection> listed = scheduler.due(0, ConnectionStore.SHARDS);
    world.update(
        "dify-1", c -> withSource(c, optionsOf(c, Map.of("appId", DifyFake.APP, "x", "y"))));
    world.update("dify-2", c -> withEnabled(c, false));

    assertThat(listed).extracting(Connection::version).containsOnly(1L);
    assertThat(scheduler.dueNow("dify-1")).get().extracting(Connection::version).isEqualTo(2L);
    assertThat(scheduler.dueNow("dify-2")).as("switched off since the tick").isEmpty();
    assertThat(scheduler.dueNow("gone")).isEmpty();
  }

  @Test
  void due_onALaterTickWithoutSettingsChanges_rereadsOnlyTheCheckpointsWhoseTimeCame() {
    List<String> ids = List.of("a", "b", "c");
    for (String id : ids) {
      new DifyFake(platform, id).failedPages(List.of(List.of()));
      world.create(id, Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
      world.poll(id);
    }
    StoreCalls calls = new StoreCalls();
    PollScheduler scheduler = calls.scheduler(world);
    List<String> first = scheduler.dueConnectionIds(0, ConnectionStore.SHARDS);
    List<String> second = scheduler.dueConnectionIds(0, ConnectionStore.SHARDS);
    int listingsOfTheFirstTwoTicks = calls.listings;
    calls.reset();

    world.clock.advance(Duration.ofSeconds(50)); // each due 45 s after its scan
    world.poll("b"); // another replica
    List<String> third = scheduler.dueConnectionIds(0, ConnectionStore.SHARDS);
    List<String> thirdReads = List.copyOf(calls.checkpointsRead);
    calls.reset();
    world.clock.advance(Duration.ofSeconds(10));
    List<String> fourth = scheduler.dueConnectionIds(0, ConnectionStore.SHARDS);

    assertThat(first).isEmpty();
    assertThat(second).isEmpty();
    // the first listing, then once more because the index may not show the latest change yet
    assertThat(listingsOfTheFirstTwoTicks).isEqualTo(2 * ConnectionStore.SHARDS);
    assertThat(third).containsExactlyInAnyOrder("a", "c");
    assertThat(thirdReads).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(fourth).containsExactlyInAnyOrder("a", "c");
    assertThat(calls.listings).as("no listing while the stamp stays").isZero();
    assertThat(calls.checkpointsRead)
        .as("b was polled: its next time has not come")
        .containsExactlyInAnyOrder("a", "c");
  }

  @Test
  void due_afterConnectionsAreCreatedChangedOrSwitchedOff_seesTheChangeOnTheNextTick() {
    world.create(
        "slow",
        Platform.DIFY,
        platform,
        Set.of(Outcome.FAILED),
        Map.of("appId", DifyFake.APP, "pollInterval", "PT10M"));
    world.create("off", Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
    new DifyFake(platform, "slow").failedPages(List.of(List.of()));
    world.poll("slow");
    PollScheduler scheduler = world.scheduler();
    scheduler.due(0, ConnectionStore.SHARDS);
    List<String> settled = scheduler.dueConnectionIds(0, ConnectionStore.SHARDS);

    world.clock.advance(Duration.ofMinutes(2));
    world.update(
        "slow",
        c -> withSource(c, optionsOf(c, Map.of("appId", DifyFake.APP, "pollInterval", "PT1M"))));
    world.update("off", c -> withEnabled(c, false));
    world.create("new", Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
    List<String> afterChanges = scheduler.dueConnectionIds(0, ConnectionStore.SHARDS);

    assertThat(settled).containsExactly("off");
    // "slow" was listed as due 7.5 min after its scan; its new interval makes it due now
    assertThat(afterChanges).containsExactlyInAnyOrder("slow", "new");
  }

  @Test
  void due_whenAChangeDidNotMoveTheStamp_seesItAfterTheLongestListingReuse() {
    StoreCalls calls = new StoreCalls();
    calls.stampFrozen = true; // a writer that died between its change and moving the stamp
    PollScheduler scheduler = calls.scheduler(world);
    scheduler.due(0, ConnectionStore.SHARDS);
    scheduler.due(0, ConnectionStore.SHARDS);
    world.create("late", Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);

    List<String> before = scheduler.dueConnectionIds(0, ConnectionStore.SHARDS);
    world.clock.advance(PollScheduler.LONGEST_LISTING_REUSE);
    List<String> after = scheduler.dueConnectionIds(0, ConnectionStore.SHARDS);

    assertThat(before).isEmpty();
    assertThat(after).containsExactly("late");
  }

  @Test
  void dueConnectionIds_ofMoreConnectionsThanOneBatchRead_decidesEachByItsOwnCheckpoint() {
    List<String> ids = IntStream.range(0, 130).mapToObj(i -> "many-" + i).toList();
    ids.forEach(id -> world.create(id, Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY));
    List<String> polled = ids.stream().filter(id -> id.hashCode() % 3 == 0).toList();
    polled.forEach(id -> new DifyFake(platform, id).failedPages(List.of(List.of())));
    polled.forEach(world::poll);

    List<String> due = world.scheduler().dueConnectionIds(0, ConnectionStore.SHARDS);

    assertThat(due)
        .containsExactlyInAnyOrderElementsOf(
            ids.stream().filter(id -> !polled.contains(id)).toList());
  }

  @Test
  void due_whenGivenAShardRange_readsOnlyThoseShards() {
    List<String> ids = IntStream.range(0, 6).mapToObj(i -> "conn-" + i).toList();
    ids.forEach(id -> world.create(id, Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY));
    int shard = shard("conn-0");

    List<Connection> due = world.scheduler().due(shard, shard + 1);

    assertThat(due)
        .extracting(Connection::id)
        .isNotEmpty()
        .allSatisfy(id -> assertThat(shard(id)).isEqualTo(shard))
        .containsExactlyInAnyOrderElementsOf(
            ids.stream().filter(id -> shard(id) == shard).toList());
  }

  @Test
  void due_whenTheShardRangeIsInvalid_throws() {
    assertThatThrownBy(() -> world.scheduler().due(3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 <= from <= to <= 16");
    assertThatThrownBy(() -> world.scheduler().due(0, 17))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The enabled index's shard: CRC-32 of the UTF-8 id, modulo 16 (docs/storage.md). */
  private static int shard(String id) {
    CRC32 crc = new CRC32();
    crc.update(id.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % ConnectionStore.SHARDS);
  }

  /**
   * The world's stores as the scheduler sees them, counting its listings and the checkpoints it
   * reads; the settings stamp can be frozen to stand for a change whose writer died before moving
   * it.
   */
  private static final class StoreCalls {
    int listings;
    final List<String> checkpointsRead = new ArrayList<>();
    boolean stampFrozen;

    void reset() {
      listings = 0;
      checkpointsRead.clear();
    }

    PollScheduler scheduler(PollWorld world) {
      ConnectionStore connections =
          proxy(
              ConnectionStore.class,
              world.connections,
              (method, args) -> {
                if (method.equals("listEnabled")) {
                  listings++;
                }
                return stampFrozen && method.equals("settingsStamp") ? 0L : null;
              });
      CheckpointStore checkpoints =
          proxy(
              CheckpointStore.class,
              world.stores.checkpoints(),
              (method, args) -> {
                if (method.equals("loadAll")) {
                  @SuppressWarnings("unchecked")
                  Collection<String> ids = (Collection<String>) args[0];
                  checkpointsRead.addAll(ids);
                }
                return null;
              });
      return new PollScheduler(connections, checkpoints, world.config, world.clock);
    }

    /**
     * {@code target} behind {@code type}, told of each call first; a non-null answer replaces it.
     */
    private static <T> T proxy(
        Class<T> type, T target, BiFunction<String, Object[], Object> watch) {
      return type.cast(
          Proxy.newProxyInstance(
              type.getClassLoader(),
              new Class<?>[] {type},
              (self, method, args) -> {
                Object answer = watch.apply(method.getName(), args);
                if (answer != null) {
                  return answer;
                }
                try {
                  return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              }));
    }
  }

  private static ConnectionSource optionsOf(Connection c, Map<String, String> options) {
    ConnectionSource source = c.source();
    return new ConnectionSource(
        source.platform(),
        source.baseUrl(),
        source.apiKey(),
        source.outcomes(),
        source.workflowIds(),
        options);
  }
}
