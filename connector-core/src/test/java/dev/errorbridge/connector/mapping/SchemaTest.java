package dev.errorbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The schema is a real contract: it rejects details that break it, not only accepts ours. */
class SchemaTest {
  private final FailedExecutionMapper mapper = new DefaultFailedExecutionMapper();

  @Test
  void schema_whenMemberIsNull_rejectsIt() {
    assertThat(violations(d -> ((ObjectNode) d.get("workflow")).putNull("name"))).isNotEmpty();
  }

  @Test
  void schema_whenUnknownTopLevelMember_rejectsIt() {
    assertThat(violations(d -> d.put("severity", "high"))).isNotEmpty();
  }

  @Test
  void schema_whenTruncatedWithoutTruncation_rejectsIt() {
    assertThat(violations(d -> d.put("truncated", true))).isNotEmpty();
  }

  @Test
  void schema_whenTimestampHasNoMillis_rejectsIt() {
    assertThat(
            violations(
                d -> ((ObjectNode) d.get("delivery")).put("detectedAt", "2026-02-03T08:31Z")))
        .isNotEmpty();
  }

  @Test
  void schema_whenEnumsOrEventIdAreOff_rejectsThem() {
    assertThat(violations(d -> d.put("outcome", "failed"))).isNotEmpty();
    assertThat(violations(d -> d.put("platform", "zapier"))).isNotEmpty();
    assertThat(violations(d -> ((ObjectNode) d.get("delivery")).put("path", "POLL"))).isNotEmpty();
    assertThat(violations(d -> d.put("eventId", "0b9d6a3c-2f41-4e8a-9c7d-5e6f7a8b9c0d")))
        .isNotEmpty();
  }

  @Test
  void schema_whenRequiredMemberMissing_rejectsIt() {
    assertThat(violations(d -> d.remove("failedSteps"))).isNotEmpty();
    assertThat(violations(d -> d.remove("truncated"))).isNotEmpty();
  }

  @Test
  void schema_whenAnIntegerLeavesJsonsSafeRange_rejectsIt() {
    assertThat(violations(d -> ((ObjectNode) d.get("execution")).put("durationMs", 1L << 53)))
        .isNotEmpty();
    assertThat(violations(d -> ((ObjectNode) d.get("execution")).put("durationMs", (1L << 53) - 1)))
        .isEmpty();
  }

  @Test
  void schema_whenUnchanged_acceptsIt() {
    assertThat(violations(d -> {})).isEmpty();
  }

  private java.util.Set<com.networknt.schema.ValidationMessage> violations(
      Consumer<ObjectNode> change) {
    MappedEvent event = mapper.map(Failures.load("trigify"), MappingOptions.defaults());
    ObjectNode detail = (ObjectNode) EventChecks.parseStrict(event.entry().detail());
    change.accept(detail);
    return EventChecks.FAILED_EXECUTION_SCHEMA.validate(detail.toString(), InputFormat.JSON);
  }
}
