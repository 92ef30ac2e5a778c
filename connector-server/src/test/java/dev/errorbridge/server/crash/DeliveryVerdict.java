package dev.errorbridge.server.crash;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.mapping.EventIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What a crash step must end with, checked on what the bus's recording target received and on the
 * connection's durable figures, after the restarted server has had its chance to finish:
 *
 * <ul>
 *   <li>zero loss: every acknowledged event is on the bus at least once;
 *   <li>duplicates only in the window no system can close: an event may arrive twice only if it was
 *       in that window at the crash ({@code mayRepeat}), and then with its one deterministic event
 *       id;
 *   <li>{@code duplicate} answered only for events the bus already had;
 *   <li>durable figures: the connection's {@code delivered} counter (settings API and {@code
 *       /metrics}) equals the distinct events on the bus, and nothing is left parked.
 * </ul>
 */
final class DeliveryVerdict {
  static final String TENANT = "default";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CrashWorld world;
  private final String table;
  private final String connectionId;

  DeliveryVerdict(CrashWorld world, String table, String connectionId) {
    this.world = world;
    this.table = table;
    this.connectionId = connectionId;
  }

  /** The deterministic event id of run {@code runId} through this step's connection. */
  String eventIdOf(String runId) {
    return EventIds.of(TENANT, connectionId, Platform.RUNFLOW, runId);
  }

  /** How often the bus delivered each of this connection's event ids. */
  Map<String, Long> onBus() {
    return world.busEvents(connectionId).stream()
        .collect(
            Collectors.groupingBy(
                CrashWorld.BusEvent::eventId, TreeMap::new, Collectors.counting()));
  }

  /**
   * Waits until every event of {@code runIds} is on the bus and the retry store holds nothing of
   * the connection, then until the bus stays unchanged for a moment (a late second send shows up).
   * Returns normally when that never happens: {@link #check} then says what is missing.
   */
  void awaitSettled(Set<String> runIds, Duration within) {
    try {
      await("every event on the bus and the retry store empty")
          .atMost(within)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  onBus().keySet().containsAll(eventIds(runIds))
                      && world.parked(table, connectionId).isEmpty());
      Map<String, Long> before = onBus();
      await("the bus quiet")
          .during(Duration.ofMillis(1_500))
          .atMost(Duration.ofSeconds(10))
          .until(() -> onBus().equals(before));
    } catch (ConditionTimeoutException e) {
      // check() reports exactly what is missing or still parked.
    }
  }

  /**
   * Checks the guarantees.
   *
   * @param server the restarted server, for the connection's durable figures
   * @param acknowledgedRuns runs whose failure Errorbridge acknowledged (a 2xx other than {@code
   *     ignored}, or published by a poll)
   * @param mayRepeat runs that were in the duplicate window at the crash
   * @param falseDuplicates event ids answered {@code duplicate} while not on the bus
   */
  void check(
      ServerProcess server,
      Set<String> acknowledgedRuns,
      Set<String> mayRepeat,
      List<String> falseDuplicates) {
    Map<String, Long> onBus = onBus();
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(onBus.keySet())
        .as("zero loss: every acknowledged event is on the bus (runs %s)", acknowledgedRuns)
        .containsAll(eventIds(acknowledgedRuns));
    Set<String> repeated =
        onBus.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(Map.Entry::getKey)
            .collect(Collectors.toCollection(TreeSet::new));
    soft.assertThat(repeated)
        .as(
            "duplicates only in the window between PutEvents and its record (may repeat: runs %s;"
                + " times on the bus: %s)",
            mayRepeat, onBus)
        .isSubsetOf(eventIds(mayRepeat));
    soft.assertThat(world.busEvents(connectionId))
        .as("every event carries its deterministic eventId")
        .allSatisfy(
            e ->
                org.assertj.core.api.Assertions.assertThat(e.eventId())
                    .isEqualTo(eventIdOf(e.executionId())));
    soft.assertThat(falseDuplicates)
        .as("'duplicate' answered only for events already on the bus")
        .isEmpty();
    soft.assertThat(world.parked(table, connectionId))
        .as("nothing of the connection left in the retry store")
        .isEmpty();
    checkFigures(soft, server, onBus.size());
    soft.assertAll();
  }

  /** The connection's durable figures, as the settings API shows them after the restart. */
  private void checkFigures(SoftAssertions soft, ServerProcess server, long distinctOnBus) {
    JsonNode[] health = new JsonNode[1];
    try {
      await("the connection's durable delivered counter")
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                health[0] = health(server);
                return health[0].path("delivered").asLong() == distinctOnBus;
              });
    } catch (ConditionTimeoutException e) {
      // reported below with the values read last
    }
    soft.assertThat(health[0].path("delivered").asLong())
        .as(
            "health.delivered survives the crash: distinct events on the bus (health %s)",
            health[0])
        .isEqualTo(distinctOnBus);
    soft.assertThat(health[0].has("parked"))
        .as(
            "health.parked: the count of events waiting in the retry store, in the settings API"
                + " (%s)",
            health[0])
        .isTrue();
    soft.assertThat(health[0].path("parked").asLong())
        .as("health.parked after everything was delivered")
        .isZero();
    String metrics = server.operator("GET", "/metrics", null).body();
    soft.assertThat(sample(metrics, "errorbridge_delivered_total"))
        .as("errorbridge_delivered_total of the connection: distinct events on the bus")
        .isEqualTo((double) distinctOnBus);
    soft.assertThat(sample(metrics, "errorbridge_parked_events"))
        .as("errorbridge_parked_events of the connection after everything was delivered")
        .isZero();
  }

  /** The connection's sample of {@code metric} in Prometheus text, or -1 if there is none. */
  private double sample(String metrics, String metric) {
    Matcher m =
        Pattern.compile(
                "^"
                    + metric
                    + "\\{connection=\""
                    + Pattern.quote(connectionId)
                    + "\"[^}]*} ([0-9.eE+-]+)$",
                Pattern.MULTILINE)
            .matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  JsonNode health(ServerProcess server) {
    HttpResponse<String> read = server.operator("GET", "/connections/" + connectionId, null);
    if (read.statusCode() != 200) {
      throw new AssertionError("GET /connections/" + connectionId + ": " + read.body());
    }
    try {
      return JSON.readTree(read.body()).path("health");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Set<String> eventIds(Set<String> runIds) {
    return runIds.stream().map(this::eventIdOf).collect(Collectors.toCollection(TreeSet::new));
  }
}
