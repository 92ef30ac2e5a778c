package dev.errorbridge.connector.crash;

import static org.awaitility.Awaitility.await;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.poll.DefaultFailureSourceFactory;
import dev.errorbridge.connector.poll.DefaultPollEngine;
import dev.errorbridge.connector.poll.FailureDelivery;
import dev.errorbridge.connector.poll.PollConfig;
import dev.errorbridge.connector.poll.PollCycleReport;
import dev.errorbridge.connector.poll.PollSources;
import dev.errorbridge.connector.retry.DrainReport;
import dev.errorbridge.connector.retry.ProgressListener;
import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.runtime.RuntimeSettings;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One life of an Errorbridge process in this JVM: the object graph every deployment shares ({@link
 * ConnectorComponents}, built as its {@link Generation}, so every AWS client in it belongs to that
 * generation) with the poll engine the standalone server puts on top. Each operation returns what
 * the outside world saw: nothing at all when the generation died during it (the answer never left
 * the process).
 */
final class Incarnation {
  private final Generation generation;
  private final MutableClock clock;
  private final ConnectorComponents components;
  private final DefaultPollEngine engine;
  private final boolean backgroundBookkeeping;

  Incarnation(
      Generation generation,
      RuntimeSettings settings,
      MutableClock clock,
      ConnectorComponents.Bookkeeping bookkeeping) {
    this.generation = generation;
    this.clock = clock;
    this.backgroundBookkeeping = bookkeeping == ConnectorComponents.Bookkeeping.BACKGROUND;
    this.components =
        generation.run(
            () -> new ConnectorComponents(settings, PropertyWorld.RUNTIME, clock, bookkeeping));
    this.engine =
        DefaultPollEngine.builder()
            .checkpoints(components.stores().checkpoints())
            .connections(components.connections())
            .sources(
                new PollSources(
                    new DefaultFailureSourceFactory(
                        components.platformHttpClient(), clock, clock.sleeper()),
                    components.cipher()))
            .delivery(FailureDelivery.of(components.delivery()))
            .health(components.health())
            .config(PollConfig.defaults())
            .clock(clock)
            .build();
  }

  Generation generation() {
    return generation;
  }

  /** The webhook's answer, or empty when the process died before it was sent. */
  Optional<WebhookResponse> webhook(WebhookRequest request) {
    return survive(() -> components.webhooks().handle(request));
  }

  /** One poll cycle of {@code connectionId}; empty when the process died during it. */
  Optional<PollCycleReport> poll(String connectionId) {
    return survive(
        () -> {
          Connection connection = components.connections().find(connectionId).orElseThrow();
          return engine.poll(connection, Deadline.after(Duration.ofMinutes(10), clock));
        });
  }

  /** One run of the retry drain; empty when the process died during it. */
  Optional<DrainReport> drain() {
    return survive(
        () ->
            components
                .drainer()
                .drain(
                    clock.instant(),
                    200,
                    Deadline.after(Duration.ofMinutes(1), clock),
                    ProgressListener.NONE));
  }

  /** How many events of {@code connectionId} wait in the retry store (the outbox). */
  int parked(String connectionId) {
    return survive(
            () ->
                components
                    .stores()
                    .parkedEvents()
                    .due(clock.instant().plus(Duration.ofDays(400)), 1_000)
                    .stream()
                    .filter(e -> e.connectionId().equals(connectionId))
                    .count())
        .orElseThrow()
        .intValue();
  }

  /**
   * Waits until the process has made no AWS call for a moment, so that its background bookkeeping
   * has written what it settled before the test moves the clock: real time between two operations
   * is never shorter than that, while the clock jumps by minutes at once.
   */
  void quiesce() {
    if (!backgroundBookkeeping || !generation.alive()) {
      return;
    }
    int[] last = {-1};
    await("no AWS call of " + generation + " for 200 ms")
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(25))
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              int calls = generation.calls();
              boolean quiet = calls == last[0];
              last[0] = calls;
              return quiet;
            });
  }

  /** The process was killed: nothing of it may act again (its clients all throw now). */
  void abandon() {
    generation.kill("killed between operations");
    // Closing only frees threads and sockets: every call it might still try is refused.
    try {
      components.close();
    } catch (ProcessCrash | RuntimeException e) {
      // A dead process's close achieves nothing either way.
    }
  }

  /** A graceful stop (the bookkeeping queue is written first), at the end of a try. */
  void stop() {
    components.close();
  }

  private <T> Optional<T> survive(Supplier<T> operation) {
    if (!generation.alive()) {
      return Optional.empty();
    }
    try {
      T result = generation.run(operation);
      return generation.alive() ? Optional.ofNullable(result) : Optional.empty();
    } catch (ProcessCrash e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      if (!generation.alive()) {
        return Optional.empty(); // how a dying process's last call failed does not matter
      }
      throw e;
    }
  }
}
