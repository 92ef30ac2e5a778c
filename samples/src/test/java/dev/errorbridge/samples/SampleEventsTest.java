package dev.errorbridge.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample events are what a rule target receives: the full EventBridge envelope around a detail
 * that is valid against connector-core's schema, with the source, detail type, resources, time and
 * event id the contract derives from that detail.
 */
class SampleEventsTest {
  static final String FAILED = "Workflow Execution Failed";
  static final String STOPPED = "Workflow Execution Stopped";
  static final String PARTIALLY_FAILED = "Workflow Execution Partially Failed";
  static final String CONNECTION_TEST = "Errorbridge Connection Test";

  private static final Map<String, String> OUTCOMES =
      Map.of(FAILED, "FAILED", STOPPED, "STOPPED", PARTIALLY_FAILED, "PARTIAL");
  private static final Set<String> PLATFORMS =
      Set.of("alloy", "dify", "trigify", "runflow", "webhook");
  private static final Set<String> ENVELOPE =
      Set.of(
          "version",
          "id",
          "detail-type",
          "source",
          "account",
          "time",
          "region",
          "resources",
          "detail");

  private static final Map<String, JsonNode> EVENTS = SampleFiles.events();

  static Stream<String> eventNames() {
    return EVENTS.keySet().stream();
  }

  static Stream<String> failureNames() {
    return EVENTS.entrySet().stream()
        .filter(e -> OUTCOMES.containsKey(detailType(e.getValue())))
        .map(Map.Entry::getKey);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventNames")
  void envelope_isWhatEventBridgeDelivers(String name) {
    JsonNode event = EVENTS.get(name);

    assertThat(names(event)).containsExactlyInAnyOrderElementsOf(ENVELOPE);
    assertThat(event.get("version").textValue()).isEqualTo("0");
    assertThat(event.get("id").textValue())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(event.get("account").textValue()).matches("[0-9]{12}");
    assertThat(event.get("region").textValue()).matches("[a-z]{2}-[a-z]+-[0-9]");
    // EventBridge keeps whole seconds in the envelope.
    assertThat(event.get("time").textValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(event.get("source").textValue())
        .isEqualTo("errorbridge." + event.at("/detail/platform").textValue());
    if (!detailType(event).equals(CONNECTION_TEST)) {
      assertThat(name).startsWith(event.at("/detail/platform").textValue() + "-");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventNames")
  void detail_isValidAgainstTheContractSchema(String name) {
    JsonNode event = EVENTS.get(name);
    JsonSchema schema =
        detailType(event).equals(CONNECTION_TEST)
            ? Schemas.CONNECTION_TEST
            : Schemas.FAILED_EXECUTION;

    assertThat(schema.validate(event.get("detail").toString(), InputFormat.JSON))
        .as("schema violations of %s", name)
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failureNames")
  void failure_envelopeFollowsFromItsDetail(String name) {
    JsonNode event = EVENTS.get(name);
    JsonNode detail = event.get("detail");
    String platform = detail.get("platform").textValue();

    assertThat(detail.get("outcome").textValue()).isEqualTo(OUTCOMES.get(detailType(event)));
    assertThat(event.get("resources"))
        .extracting(JsonNode::textValue)
        .containsExactly(
            "errorbridge:" + platform + ":workflow/" + detail.at("/workflow/id").textValue(),
            "errorbridge:" + platform + ":execution/" + detail.at("/execution/id").textValue());
    JsonNode finishedAt = detail.at("/execution/finishedAt");
    Instant time =
        Instant.parse(
            finishedAt.isMissingNode()
                ? detail.at("/delivery/detectedAt").textValue()
                : finishedAt.textValue());
    assertThat(Instant.parse(event.get("time").textValue()))
        .isEqualTo(time.truncatedTo(ChronoUnit.SECONDS));
    assertThat(detail.get("eventId").textValue())
        .isEqualTo(
            DocumentedEventIds.of(
                detail.get("tenantId").textValue(),
                detail.get("connectionId").textValue(),
                platform,
                detail.at("/execution/id").textValue()));
  }

  @Test
  void connectionTest_hasNoResourcesAndTheTestDetailType() {
    JsonNode test = EVENTS.get("connection-test");

    assertThat(detailType(test)).isEqualTo(CONNECTION_TEST);
    assertThat(test.get("resources")).isEmpty();
    assertThat(test.at("/detail/test").booleanValue()).isTrue();
  }

  @Test
  void documentedEventIdRule_givesTheIdOfTheDocsExample() {
    // docs/event-schema.md's example event: the Trigify failure run_m2d9k7.
    assertThat(
            DocumentedEventIds.of("tnt_01JD6W3Q9ZK4", "conn_trigify_0b3d", "trigify", "run_m2d9k7"))
        .isEqualTo("6cb6a37e-162c-8f78-91a0-8c9361bb0fdb");
  }

  @Test
  void samples_coverEveryPlatformAndEachFailureDetailTypeTwice() {
    Map<String, Set<String>> platformsByDetailType = new TreeMap<>();
    EVENTS
        .values()
        .forEach(
            e ->
                platformsByDetailType
                    .computeIfAbsent(detailType(e), k -> new java.util.TreeSet<>())
                    .add(e.at("/detail/platform").textValue()));

    assertThat(platformsByDetailType.get(FAILED)).containsExactlyInAnyOrderElementsOf(PLATFORMS);
    assertThat(platformsByDetailType.get(STOPPED)).hasSizeGreaterThanOrEqualTo(2);
    assertThat(platformsByDetailType.get(PARTIALLY_FAILED)).hasSizeGreaterThanOrEqualTo(2);
    assertThat(platformsByDetailType.get(CONNECTION_TEST)).hasSize(1);
    assertThat(
            EVENTS.values().stream()
                .map(e -> e.at("/detail/delivery/path").asText())
                .collect(Collectors.toSet()))
        .contains("poll", "webhook");
    assertThat(EVENTS.values().stream().filter(e -> e.at("/detail/truncated").asBoolean()))
        .isNotEmpty();
  }

  static String detailType(JsonNode event) {
    return event.get("detail-type").textValue();
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
