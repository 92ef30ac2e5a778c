package dev.errorbridge.connector.poll;

import static dev.errorbridge.connector.poll.PollWorld.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.connection.HealthState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    world.update("off", c -> toggled(c, false));
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
    world.update("first-never", c -> toggled(c, false));
    world.update("second-never", c -> toggled(c, false));
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
  void stillDue_afterAnotherWorkerPolledTheConnection_isFalseUntilItsIntervalPasses() {
    world.create("dify-1", Platform.DIFY, platform, Set.of(Outcome.FAILED), DIFY);
    Connection connection = world.scheduler().due(0, ConnectionStore.SHARDS).get(0);

    boolean before = world.scheduler().stillDue(connection);
    world.poll("dify-1"); // another replica, between this tick's due list and this turn
    boolean after = world.scheduler().stillDue(connection);
    world.clock.advance(Duration.ofMinutes(1));

    assertThat(before).isTrue();
    assertThat(after).isFalse();
    assertThat(world.scheduler().stillDue(connection)).isTrue();
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

  private static Connection toggled(Connection c, boolean enabled) {
    return new Connection(
        c.id(),
        c.tenantId(),
        c.name(),
        enabled,
        c.source(),
        c.webhook(),
        c.destination(),
        c.mapping(),
        c.health(),
        c.createdAt(),
        c.updatedAt(),
        c.version());
  }
}
