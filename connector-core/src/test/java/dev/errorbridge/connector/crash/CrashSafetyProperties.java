package dev.errorbridge.connector.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.poll.PollCycleReport;
import dev.errorbridge.connector.poll.PollStatus;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.assertj.core.api.SoftAssertions;

/**
 * For random interleavings of webhooks, polls of the same runs, retry drains and one crash, every
 * acknowledged failure reaches the bus, and every repeat of it carries the same event id.
 *
 * <p>A try runs an Errorbridge process ({@link Incarnation}: the shared object graph plus the poll
 * engine) through a random list of operations on one connection whose runs the platform pushes
 * (signed Runflow callbacks), lists (a poll finds them), or both. The process dies at a random
 * external call, before it is sent or after it was served (its answer lost), or between two
 * operations if it made fewer calls: every later AWS call of that process fails, as after {@code
 * kill -9}, and its objects are abandoned. A second process on the same DynamoDB table and bus then
 * recovers as time passes: the platform re-sends every callback whose answer it never got, polls
 * and retry drains run until nothing is left. Then:
 *
 * <ul>
 *   <li>every callback the platform sent was acknowledged in the end, and every acknowledged or
 *       listed run is on the bus;
 *   <li>each run's events all carry its one deterministic event id;
 *   <li>only events the dead process had sent to {@code PutEvents} may arrive twice;
 *   <li>{@code duplicate} was never answered for an event the bus did not have.
 * </ul>
 */
class CrashSafetyProperties {
  private static final int RUNS = 5;
  private static PropertyWorld world;

  private static Thread.UncaughtExceptionHandler previousHandler;

  @BeforeContainer
  static void startWorld() {
    world = PropertyWorld.start();
    // A dead process's background threads end with ProcessCrash: that is the crash, not news.
    previousHandler = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, error) -> {
          if (!(error instanceof ProcessCrash)) {
            if (previousHandler != null) {
              previousHandler.uncaughtException(thread, error);
            } else {
              thread.getThreadGroup().uncaughtException(thread, error);
            }
          }
        });
  }

  @AfterContainer
  static void stopWorld() {
    Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    if (world != null) {
      world.close();
    }
  }

  @Property(tries = 20, seed = "20261207", shrinking = ShrinkingMode.BOUNDED)
  void acknowledgedFailures_whenOneProcessCrashesAnywhere_reachTheBusWithTheirEventId(
      @ForAll("scenarios") Scenario scenario) {
    Trial trial = new Trial(world, scenario.polled());
    Incarnation first =
        new Incarnation(
            new Generation("first", scenario.crashAtCall(), scenario.phase()),
            trial.settings,
            trial.clock,
            scenario.bookkeeping());
    for (Action action : scenario.actions()) {
      if (!first.generation().alive()) {
        break;
      }
      perform(trial, first, action);
    }
    Statistics.label("process died")
        .collect(
            first.generation().alive()
                ? "between operations"
                : scenario.phase() == Generation.Phase.BEFORE_TRANSMISSION
                    ? "before a call left"
                    : "after a call was served");
    first.abandon();

    Incarnation second =
        new Incarnation(
            new Generation("second", 0, Generation.Phase.BEFORE_TRANSMISSION),
            trial.settings,
            trial.clock,
            scenario.bookkeeping());
    String recovery = recover(trial, second);
    second.stop();

    verify(trial, first.generation(), scenario, recovery);
  }

  private static void perform(Trial trial, Incarnation process, Action action) {
    switch (action.kind()) {
      case WEBHOOK -> trial.sendWebhook(process, trial.runIds.get(action.run()));
      case POLL -> process.poll(trial.connectionId);
      case DRAIN -> process.drain();
      case WAIT -> {
        process.quiesce();
        trial.clock.advance(Duration.ofSeconds(action.seconds()));
      }
    }
  }

  /**
   * Lets time pass in steps longer than any claim, lease, backoff or crash hold, while the platform
   * re-sends what went unanswered and the process polls and drains; stops once nothing is left to
   * do.
   *
   * @return what was left undone, or empty
   */
  private static String recover(Trial trial, Incarnation process) {
    // Platforms retry within seconds to minutes, long before any claim or lease would lapse.
    process.quiesce();
    trial.clock.advance(Duration.ofSeconds(30));
    for (String run : List.copyOf(trial.unanswered)) {
      trial.sendWebhook(process, run);
    }
    String left = "";
    for (int round = 1; round <= 6; round++) {
      process.quiesce();
      trial.clock.advance(Duration.ofMinutes(20));
      for (String run : List.copyOf(trial.unanswered)) {
        trial.sendWebhook(process, run);
      }
      Optional<PollCycleReport> poll = process.poll(trial.connectionId);
      for (int run = 0; run < 20; run++) {
        if (!process.drain().map(r -> r.due() > 0).orElse(false)) {
          break;
        }
      }
      boolean polled = poll.map(r -> r.status() == PollStatus.COMPLETE).orElse(false);
      int parked = process.parked(trial.connectionId);
      left =
          (trial.unanswered.isEmpty() ? "" : "unanswered callbacks " + trial.unanswered + "; ")
              + (polled ? "" : "last poll " + poll.map(r -> r.status() + " " + r.message()) + "; ")
              + (parked == 0 ? "" : parked + " events still parked");
      if (left.isEmpty()) {
        return "";
      }
    }
    return left;
  }

  private static void verify(Trial trial, Generation dead, Scenario scenario, String recovery) {
    List<PropertyWorld.BusEvent> bus = world.busEvents(trial.connectionId);
    Map<String, Long> timesByRun =
        bus.stream()
            .collect(
                Collectors.groupingBy(
                    PropertyWorld.BusEvent::runId, TreeMap::new, Collectors.counting()));
    Set<String> mustBeOnBus = new TreeSet<>(trial.acknowledgedRuns);
    mustBeOnBus.addAll(trial.polledRuns);
    Set<String> mayRepeat =
        trial.runIds.stream()
            .filter(run -> dead.transmittedEventIds().contains(trial.eventIdOf(run)))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> repeated =
        timesByRun.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(Map.Entry::getKey)
            .collect(Collectors.toCollection(TreeSet::new));
    String context =
        scenario + "; " + dead + "; on the bus " + timesByRun + "; recovery left: " + recovery;

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(recovery).as("recovery finished: %s", context).isEmpty();
    soft.assertThat(trial.acknowledgedRuns)
        .as("every callback acknowledged in the end: %s", context)
        .containsAll(trial.sentRuns);
    soft.assertThat(timesByRun.keySet())
        .as("zero loss: every acknowledged or polled run on the bus: %s", context)
        .containsAll(mustBeOnBus);
    soft.assertThat(bus)
        .as("every event carries its run's deterministic eventId: %s", context)
        .allSatisfy(e -> assertThat(e.eventId()).isEqualTo(trial.eventIdOf(e.runId())));
    soft.assertThat(repeated)
        .as("only events the dead process had sent may repeat (%s): %s", mayRepeat, context)
        .isSubsetOf(mayRepeat);
    soft.assertThat(trial.falseDuplicates)
        .as("'duplicate' answered only for events on the bus: %s", context)
        .isEmpty();
    soft.assertAll();
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<Action> action =
        Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.integers().between(0, RUNS - 1).map(Action::webhook)),
            Tuple.of(2, Arbitraries.just(Action.poll())),
            Tuple.of(2, Arbitraries.just(Action.drain())),
            Tuple.of(1, Arbitraries.integers().between(1, 120).map(Action::waitSeconds)));
    return Combinators.combine(
            Arbitraries.of(true, false).list().ofSize(RUNS),
            action.list().ofMinSize(3).ofMaxSize(10),
            Arbitraries.integers().between(1, 45),
            Arbitraries.of(Generation.Phase.class),
            Arbitraries.of(ConnectorComponents.Bookkeeping.class))
        .as(Scenario::new);
  }

  /**
   * One try.
   *
   * @param polled per run, whether the platform's API lists it (else only a callback tells)
   * @param actions what the first process does, in order
   * @param crashAtCall its external call at which the first process dies
   * @param phase whether it dies before that call leaves or after it was served
   * @param bookkeeping where delivery records what it settled
   */
  record Scenario(
      List<Boolean> polled,
      List<Action> actions,
      int crashAtCall,
      Generation.Phase phase,
      ConnectorComponents.Bookkeeping bookkeeping) {
    Scenario {
      polled = List.copyOf(polled);
      actions = List.copyOf(new ArrayList<>(actions));
    }
  }

  /** One operation of the first process. */
  record Action(Kind kind, int run, int seconds) {
    enum Kind {
      WEBHOOK,
      POLL,
      DRAIN,
      WAIT
    }

    static Action webhook(int run) {
      return new Action(Kind.WEBHOOK, run, 0);
    }

    static Action poll() {
      return new Action(Kind.POLL, 0, 0);
    }

    static Action drain() {
      return new Action(Kind.DRAIN, 0, 0);
    }

    static Action waitSeconds(int seconds) {
      return new Action(Kind.WAIT, 0, seconds);
    }

    @Override
    public String toString() {
      return switch (kind) {
        case WEBHOOK -> "webhook(run-" + run + ")";
        case POLL -> "poll";
        case DRAIN -> "drain";
        case WAIT -> "wait(" + seconds + "s)";
      };
    }
  }
}
