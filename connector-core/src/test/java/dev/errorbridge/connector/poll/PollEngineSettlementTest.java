package dev.errorbridge.connector.poll;

import static dev.errorbridge.connector.poll.DifyFake.row;
import static dev.errorbridge.connector.poll.PollWorld.NOW;
import static dev.errorbridge.connector.poll.PollWorld.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.engine.DeliveryPolicy;
import dev.errorbridge.connector.engine.DeliveryResult;
import dev.errorbridge.connector.publish.PublisherConfig;
import dev.errorbridge.connector.retry.ProgressListener;
import dev.errorbridge.localaws.fault.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The checkpoint never moves past a failure that is not settled: parked failures are settled; a
 * connection switched off, unavailable destination credentials, a crash, a deadline or another
 * worker's save leave the watermark where it was, and the next cycle publishes what is left,
 * exactly once.
 */
class PollEngineSettlementTest extends PollTestBase {
  private static final String ID = "dify-1";

  /** The first watermark lies 30 minutes back, so "unchanged" and "advanced" differ. */
  private static final Instant START = NOW.minus(Duration.ofMinutes(30));

  private DifyFake dify;

  @Override
  PollWorld newWorld(PollInfra infra) {
    return new PollWorld(
        infra,
        PollConfig.builder().initialLookback(Duration.ofMinutes(30)).build(),
        PublisherConfig.builder());
  }

  @BeforeEach
  void difyWithThreeFailuresOnTwoPages() {
    world.create(
        ID,
        Platform.DIFY,
        platform,
        Set.of(Outcome.FAILED),
        Map.of("appId", DifyFake.APP, "pageSize", "2"));
    dify = new DifyFake(platform, ID);
    dify.failedPages(
        List.of(
            List.of(row("run-a", "failed", at("09:50")), row("run-b", "failed", at("09:40"))),
            List.of(row("run-c", "failed", at("09:05")))));
    List.of("run-a", "run-b", "run-c").forEach(dify::detailGone);
  }

  @Test
  void poll_whenEventBridgeThrottlesEveryCallUntilTheDeadline_parksThemWhichSettlesAndAdvances() {
    infra.localAws.faults().inject(Fault.throttle("PutEvents").always());

    PollCycleReport report =
        world.engine().poll(world.connection(ID), world.deadline(Duration.ofSeconds(8)));

    assertThat(report.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(report.counts()).isEqualTo(new DeliveryCounts(3, 0, 0, 3, 0, 0));
    assertThat(world.events()).isEmpty();
    assertThat(world.stores.deadLetters().list(TENANT, ID, 10))
        .extracting(letter -> letter.eventId())
        .containsExactlyInAnyOrder(
            PollWorld.eventId(ID, Platform.DIFY, "run-a"),
            PollWorld.eventId(ID, Platform.DIFY, "run-b"),
            PollWorld.eventId(ID, Platform.DIFY, "run-c"));
    assertThat(world.checkpoint(ID).watermark()).isEqualTo(NOW);
    // parked failures are replayed from the dead letters, never re-published by a later poll
    infra.localAws.faults().clear();
    world.clock.advance(Duration.ofMinutes(1));
    assertThat(world.poll(ID).counts().duplicates()).isEqualTo(3);
    assertThat(world.events()).isEmpty();
  }

  @Test
  void poll_whenDestinationCredentialsAreUnavailable_publishesNothingAndKeepsTheWatermark() {
    world.credentials =
        () -> {
          throw SdkClientException.create("Unable to load credentials from any provider");
        };

    PollCycleReport failed = world.poll(ID);
    world.credentials = PollInfra.KEYS;
    world.clock.advance(Duration.ofMinutes(1));
    PollCycleReport next = world.poll(ID);

    assertThat(failed.status()).isEqualTo(PollStatus.NOT_SETTLED);
    assertThat(failed.message())
        .contains("destination credentials are unavailable")
        .contains("Unable to load credentials");
    assertThat(failed.watermarkAfter()).isEqualTo(START);
    assertThat(failed.pages()).isZero(); // the scan stopped at its first page
    assertThat(next.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(world.deliveredExecutionIds()).containsExactlyInAnyOrder("run-a", "run-b", "run-c");
  }

  @Test
  void poll_whenTheConnectionIsSwitchedOffMidScan_stopsAtTheNextPageAndKeepsTheWatermark() {
    world.deliveryHook =
        next ->
            (connection, page, deadline) -> {
              DeliveryResult result = next.deliver(connection, page, deadline);
              if (connection.enabled()) {
                world.update(ID, PollEngineSettlementTest::disabled);
              }
              return result;
            };

    PollCycleReport stopped = world.poll(ID);
    Checkpoint afterStop = world.checkpoint(ID);
    world.deliveryHook = next -> next;
    world.update(ID, PollEngineSettlementTest::enabled);
    world.clock.advance(Duration.ofMinutes(1));
    PollCycleReport resumed = world.poll(ID);

    assertThat(stopped.status()).isEqualTo(PollStatus.NOT_SETTLED);
    assertThat(stopped.message()).contains("PAUSED");
    assertThat(stopped.counts()).isEqualTo(new DeliveryCounts(3, 2, 0, 0, 0, 0));
    assertThat(afterStop.watermark()).isEqualTo(START);
    assertThat(afterStop.lastScan().error()).contains("could not be settled");
    assertThat(stopped.watermarkAfter()).isEqualTo(START);
    assertThat(resumed.counts()).isEqualTo(new DeliveryCounts(3, 1, 2, 0, 0, 2));
    assertThat(world.deliveredExecutionIds()).containsExactlyInAnyOrder("run-a", "run-b", "run-c");
  }

  @Test
  void poll_whenTheCycleThrowsBetweenPages_theNextCycleRereadsAndPublishesEachOnce() {
    world.deliveryHook =
        next ->
            (connection, page, deadline) -> {
              next.deliver(connection, page, deadline);
              throw new IllegalStateException("worker crashed after its first page");
            };

    PollCycleReport crashed = world.poll(ID);
    world.deliveryHook = next -> next;
    world.clock.advance(Duration.ofMinutes(1));
    PollCycleReport next = world.poll(ID);

    assertThat(crashed.status()).isEqualTo(PollStatus.FAILED);
    assertThat(crashed.message()).contains("worker crashed").contains("next cycle retries");
    assertThat(crashed.watermarkAfter()).isEqualTo(START);
    assertThat(next.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(next.counts()).isEqualTo(new DeliveryCounts(3, 1, 2, 0, 0, 2));
    assertThat(world.deliveredExecutionIds()).containsExactlyInAnyOrder("run-a", "run-b", "run-c");
  }

  @Test
  void poll_whenAWorkerDiedAfterClaimingItsPage_takesOverAtOnceAndTheRetryWorkerDeliversThePage() {
    // The worker claims the page (the outbox holds its entries) and dies before PutEvents.
    world.deliveryHook =
        next ->
            (connection, page, deadline) -> {
              world.killBeforePublishing(connection, page, deadline);
              throw new AssertionError("unreachable");
            };
    assertThatThrownBy(() -> world.poll(ID)).isInstanceOf(PollWorld.WorkerKilled.class);
    Instant heldUntil = world.checkpoint(ID).inProgressUntil();
    int claimedByTheDead = world.stores.parkedEvents().due(NOW.plus(Duration.ofDays(1)), 10).size();
    world.deliveryHook = next -> next;

    PollCycleReport whileHeld = world.poll(ID);
    world.clock.advance(Duration.between(NOW, heldUntil).plusSeconds(1));
    PollCycleReport takenOver = world.poll(ID);
    List<String> beforeTheLease = world.deliveredExecutionIds();
    world.clock.advance(DeliveryPolicy.defaults().lease().plusSeconds(1));
    int drained =
        world
            .drainer()
            .drain(
                world.clock.instant(),
                100,
                world.deadline(Duration.ofMinutes(1)),
                ProgressListener.NONE)
            .delivered();

    assertThat(whileHeld.status()).isEqualTo(PollStatus.BUSY);
    assertThat(takenOver.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(claimedByTheDead).as("the dead worker's first page").isPositive();
    assertThat(takenOver.counts())
        .isEqualTo(
            new DeliveryCounts(3, 3 - claimedByTheDead, claimedByTheDead, 0, 0, claimedByTheDead));
    assertThat(takenOver.watermarkAfter()).isAfter(START);
    assertThat(beforeTheLease).hasSize(3 - claimedByTheDead);
    assertThat(drained).isEqualTo(claimedByTheDead);
    assertThat(world.deliveredExecutionIds()).containsExactlyInAnyOrder("run-a", "run-b", "run-c");
  }

  @Test
  void poll_whenTheDeadlineComesMidScan_reportsIncompleteAndTheNextCycleFinishes() {
    world.deliveryHook =
        next ->
            (connection, page, deadline) -> {
              DeliveryResult result = next.deliver(connection, page, deadline);
              world.clock.advance(Duration.ofMinutes(10)); // the page took all the time left
              return result;
            };

    PollCycleReport incomplete = world.poll(ID);
    Checkpoint afterIncomplete = world.checkpoint(ID);
    world.deliveryHook = next -> next;
    PollCycleReport next = world.poll(ID);

    assertThat(incomplete.status()).isEqualTo(PollStatus.INCOMPLETE);
    assertThat(incomplete.pages()).isEqualTo(1);
    assertThat(incomplete.message()).contains("deadline").contains("reads it again");
    assertThat(incomplete.watermarkAfter()).isEqualTo(START);
    assertThat(afterIncomplete.lastScan().complete()).isFalse();
    assertThat(afterIncomplete.watermark()).isEqualTo(START);
    assertThat(next.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(next.counts()).isEqualTo(new DeliveryCounts(3, 1, 2, 0, 0, 2));
    assertThat(world.deliveredExecutionIds()).containsExactlyInAnyOrder("run-a", "run-b", "run-c");
  }

  @Test
  void poll_whenAnotherWorkerSavedTheCheckpointMeanwhile_reportsConflictAndKeepsItsSave() {
    AtomicReference<Checkpoint> theirs = new AtomicReference<>();
    world.deliveryHook =
        next ->
            (connection, page, deadline) -> {
              if (theirs.get() == null) {
                Checkpoint held = world.checkpoint(ID);
                theirs.set(world.stores.checkpoints().save(released(held), held.version()));
              }
              return next.deliver(connection, page, deadline);
            };

    PollCycleReport report = world.poll(ID);

    assertThat(report.status()).isEqualTo(PollStatus.CONFLICT);
    assertThat(report.message()).contains("another poller saved it first");
    assertThat(report.watermarkAfter()).isNull();
    assertThat(world.checkpoint(ID)).isEqualTo(theirs.get());
    assertThat(world.deliveredExecutionIds()).hasSize(3); // its deliveries stand
  }

  @Test
  void poll_whenAnotherCycleOfTheConnectionRuns_isBusyInThisProcessAndAcrossWorkers() {
    AtomicReference<PollCycleReport> sameProcess = new AtomicReference<>();
    AtomicReference<PollCycleReport> otherWorker = new AtomicReference<>();
    AtomicInteger pages = new AtomicInteger();
    world.deliveryHook =
        next ->
            (connection, page, deadline) -> {
              if (pages.getAndIncrement() == 0) {
                sameProcess.set(world.poll(ID));
                otherWorker.set(otherWorker().poll(connection, deadline));
              }
              return next.deliver(connection, page, deadline);
            };

    PollCycleReport report = world.poll(ID);

    assertThat(report.status()).isEqualTo(PollStatus.COMPLETE);
    assertThat(sameProcess.get().status()).isEqualTo(PollStatus.BUSY);
    assertThat(sameProcess.get().message()).contains("in this process");
    assertThat(otherWorker.get().status()).isEqualTo(PollStatus.BUSY);
    assertThat(otherWorker.get().message()).contains("holds the checkpoint until");
  }

  /** An engine of another process: its own sources, the same stores. */
  private PollEngine otherWorker() {
    return DefaultPollEngine.builder()
        .checkpoints(world.stores.checkpoints())
        .connections(world.connections)
        .sources(
            new PollSources(
                new dev.errorbridge.connector.poll.DefaultFailureSourceFactory(
                    dev.errorbridge.connector.source.SourceTestKit.http(),
                    world.clock,
                    world.clock.sleeper()),
                world.cipher))
        .delivery(world.delivery())
        .health(world.tracker())
        .clock(world.clock)
        .build();
  }

  private static Checkpoint released(Checkpoint held) {
    return new Checkpoint(
        held.connectionId(),
        held.watermark(),
        held.pendingRuns(),
        new Checkpoint.ScanOutcome(held.inProgressUntil(), true, null),
        null,
        null,
        0);
  }

  private static Connection disabled(Connection c) {
    return toggled(c, false);
  }

  private static Connection enabled(Connection c) {
    return toggled(c, true);
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
