package dev.errorbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.event.ruler.Ruler;

/**
 * {@code docs/event-schema.md} shows real output: its example event is what the mapper produces,
 * its rules match (with AWS's event-ruler, as EventBridge does) what they claim to, and its schema
 * copies equal the files on the classpath.
 */
class EventSchemaDocTest {
  private static final Path DOC = Path.of("..", "docs", "event-schema.md");

  private static String doc;

  private final FailedExecutionMapper mapper = new DefaultFailedExecutionMapper();

  @BeforeAll
  static void readDoc() throws IOException {
    doc = Files.readString(DOC);
  }

  @Test
  void exampleEvent_isWhatTheMapperProducesForTheTrigifyFixture() {
    JsonNode example = example("event");
    PutEventsRequestEntry entry =
        mapper.map(Failures.load("trigify"), MappingOptions.defaults()).entry();

    assertThat(example.get("source").textValue()).isEqualTo(entry.source());
    assertThat(example.get("detail-type").textValue()).isEqualTo(entry.detailType());
    assertThat(example.get("resources"))
        .extracting(JsonNode::textValue)
        .containsExactlyElementsOf(entry.resources());
    assertThat(Instant.parse(example.get("time").textValue()))
        .isEqualTo(entry.time().truncatedTo(ChronoUnit.SECONDS));
    assertThat(example.get("detail")).isEqualTo(EventChecks.parseStrict(entry.detail()));
    assertThat(
            EventChecks.FAILED_EXECUTION_SCHEMA.validate(
                example.get("detail").toString(), InputFormat.JSON))
        .isEmpty();
  }

  @Test
  void platformRule_matchesTheExampleButNotStoppedRunsOrOtherPlatforms() throws Exception {
    String rule = example("rule-platform").toString();

    assertThat(Ruler.matchesRule(example("event").toString(), rule)).isTrue();
    assertThat(matches(Failures.withOutcome(Failures.load("trigify"), Outcome.STOPPED), rule))
        .isFalse();
    assertThat(matches(Failures.load("dify"), rule)).isFalse();
  }

  @Test
  void workflowRule_matchesTheExampleButNotOtherWorkflows() throws Exception {
    String rule = example("rule-workflow").toString();
    FailedExecution base = Failures.load("trigify");
    FailedExecution otherWorkflow =
        new FailedExecution(
            base.platform(),
            base.tenantId(),
            base.connectionId(),
            new FailedExecution.Workflow("wf_other", null, null),
            base.execution(),
            base.error(),
            base.failedSteps(),
            base.delivery(),
            null);

    assertThat(Ruler.matchesRule(example("event").toString(), rule)).isTrue();
    assertThat(matches(base, rule)).isTrue();
    assertThat(matches(otherWorkflow, rule)).isFalse();
  }

  @Test
  void allOutcomesRule_matchesFailedStoppedAndPartialOnEveryPlatform() throws Exception {
    String rule = example("rule-all-outcomes").toString();

    for (String platform : Failures.PLATFORMS) {
      for (Outcome outcome : Outcome.values()) {
        FailedExecution failure = Failures.withOutcome(Failures.load(platform), outcome);
        assertThat(matches(failure, rule)).as("%s %s", platform, outcome).isTrue();
      }
    }
    MappedEvent test =
        new ConnectionTestEvents().create("t", "c", Platform.DIFY, MappingOptions.defaults());
    assertThat(Ruler.matchesRule(envelope(test.entry()), rule)).isFalse();
  }

  @Test
  void connectionTestExample_isWhatConnectionTestEventsProduces() {
    JsonNode example = example("connection-test");
    MappedEvent event =
        new ConnectionTestEvents(
                Clock.fixed(Instant.parse("2026-11-23T10:15:30.123Z"), ZoneOffset.UTC),
                () -> UUID.fromString("0b9d6a3c-2f41-4e8a-9c7d-5e6f7a8b9c0d"))
            .create(
                "tnt_01JD6W3Q9ZK4",
                "conn_trigify_0b3d",
                Platform.TRIGIFY,
                MappingOptions.defaults());

    assertThat(example).isEqualTo(EventChecks.parseStrict(event.entry().detail()));
    assertThat(EventChecks.CONNECTION_TEST_SCHEMA.validate(example.toString(), InputFormat.JSON))
        .isEmpty();
  }

  @Test
  void schemaCopies_equalTheSchemaFiles() throws IOException {
    assertThat(example("schema")).isEqualTo(resource("/schema/failed-execution-v1.schema.json"));
    assertThat(example("connection-test-schema"))
        .isEqualTo(resource("/schema/connection-test-v1.schema.json"));
  }

  private boolean matches(FailedExecution failure, String rule) throws Exception {
    return Ruler.matchesRule(
        envelope(mapper.map(failure, MappingOptions.defaults()).entry()), rule);
  }

  /** The event as EventBridge delivers it to a rule's target. */
  private static String envelope(PutEventsRequestEntry entry) {
    ObjectNode event = EventChecks.STRICT_JSON.createObjectNode();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", entry.detailType());
    event.put("source", entry.source());
    event.put("account", "123456789012");
    event.put("time", entry.time().truncatedTo(ChronoUnit.SECONDS).toString());
    event.put("region", "eu-west-1");
    ArrayNode resources = event.putArray("resources");
    entry.resources().forEach(resources::add);
    event.set("detail", EventChecks.parseStrict(entry.detail()));
    return event.toString();
  }

  /** The JSON block that follows {@code <!-- example:name -->} in the doc. */
  private static JsonNode example(String name) {
    Matcher m =
        Pattern.compile(
                "<!-- example:" + Pattern.quote(name) + " -->\\s*```json\\n(.*?)\\n```",
                Pattern.DOTALL)
            .matcher(doc);
    assertThat(m.find()).as("example %s in %s", name, DOC).isTrue();
    return EventChecks.parseStrict(m.group(1));
  }

  private static JsonNode resource(String path) throws IOException {
    try (InputStream in = EventSchemaDocTest.class.getResourceAsStream(path)) {
      return EventChecks.STRICT_JSON.readTree(in);
    }
  }
}
