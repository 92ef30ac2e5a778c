package dev.errorbridge.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.Ruler;

/**
 * Every pattern in {@code samples/patterns/} against every event in {@code samples/events/}, with
 * AWS's own EventBridge matching engine (event-ruler): {@link #ROUTES} is the routing table, and a
 * change to an event or a pattern that changes where an event goes fails here until the table says
 * so too.
 */
class PatternRoutingTest {
  private static final List<String> FAILED =
      List.of("alloy-failed", "dify-failed", "runflow-failed", "trigify-failed", "webhook-failed");
  private static final List<String> STOPPED = List.of("dify-stopped", "runflow-stopped");
  private static final List<String> PARTIAL =
      List.of("dify-partial", "runflow-partial", "webhook-partial");

  /** Pattern → the sample events it matches; every other event must not match. */
  static final Map<String, Set<String>> ROUTES =
      Map.ofEntries(
          // The rules the CDK app deploys.
          route("workflow-execution-failed", FAILED),
          route("workflow-execution-stopped", STOPPED),
          route("workflow-execution-partially-failed", PARTIAL),
          route("connection-test", List.of("connection-test")),
          // Further examples.
          route("all-outcomes", FAILED, STOPPED, PARTIAL),
          route("everything-but-connection-tests", FAILED, STOPPED, PARTIAL),
          route("platform-dify-failed", List.of("dify-failed")),
          route("detail-platform-runflow", List.of("runflow-failed", "runflow-partial")),
          route("workflow-crm-enrichment", List.of("dify-failed", "dify-stopped")),
          // 401 (alloy) and 429 (trigify) stay out; 500 and 503 are in.
          route("step-http-5xx", List.of("webhook-failed", "webhook-partial")),
          route("truncated-events", List.of("webhook-failed")),
          route(
              "delivered-by-webhook",
              List.of("runflow-partial", "webhook-failed", "webhook-partial")));

  private static final Map<String, JsonNode> EVENTS = SampleFiles.events();
  private static final Map<String, JsonNode> PATTERNS = SampleFiles.patterns();

  private static Machine machine;

  @BeforeAll
  static void compileEveryPatternIntoOneMachine() throws Exception {
    // One machine holding every pattern, as a bus holds its rules: an invalid pattern fails here.
    machine = Machine.builder().build();
    for (Map.Entry<String, JsonNode> pattern : PATTERNS.entrySet()) {
      machine.addRule(pattern.getKey(), pattern.getValue().toString());
    }
  }

  static Stream<String> eventNames() {
    return EVENTS.keySet().stream();
  }

  @Test
  void routingTable_coversExactlyThePatternFilesAndNamesOnlySampleEvents() {
    assertThat(ROUTES.keySet()).containsExactlyInAnyOrderElementsOf(PATTERNS.keySet());
    ROUTES.values().forEach(events -> assertThat(EVENTS.keySet()).containsAll(events));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventNames")
  void event_matchesExactlyThePatternsTheTableRoutesItTo(String event) throws Exception {
    Set<String> expected = new TreeSet<>();
    ROUTES.forEach(
        (pattern, events) -> {
          if (events.contains(event)) {
            expected.add(pattern);
          }
        });
    String json = EVENTS.get(event).toString();

    assertThat(new TreeSet<>(machine.rulesForJSONEvent(json)))
        .as("patterns matching %s", event)
        .isEqualTo(expected);
    // The single-pattern API (what TestEventPattern answers) agrees with the machine.
    for (Map.Entry<String, JsonNode> pattern : PATTERNS.entrySet()) {
      assertThat(Ruler.matchesRule(json, pattern.getValue().toString()))
          .as("%s against %s", event, pattern.getKey())
          .isEqualTo(expected.contains(pattern.getKey()));
    }
  }

  @SafeVarargs
  private static Map.Entry<String, Set<String>> route(String pattern, List<String>... events) {
    Set<String> all = new TreeSet<>();
    for (List<String> group : events) {
      all.addAll(group);
    }
    return Map.entry(pattern, all);
  }
}
