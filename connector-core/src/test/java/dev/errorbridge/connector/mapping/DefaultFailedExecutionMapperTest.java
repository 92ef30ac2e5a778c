package dev.errorbridge.connector.mapping;

import static dev.errorbridge.connector.mapping.EventChecks.checkFailureEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.Delivery;
import dev.errorbridge.connector.FailedExecution.Execution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

class DefaultFailedExecutionMapperTest {
  private final FailedExecutionMapper mapper = new DefaultFailedExecutionMapper();

  static List<String> platforms() {
    return Failures.PLATFORMS;
  }

  @ParameterizedTest
  @MethodSource("platforms")
  void map_whenFixture_writesTheExpectedDetail(String platform) throws IOException {
    MappedEvent event = mapper.map(Failures.load(platform), MappingOptions.defaults());

    JsonNode detail = checkFailureEvent(event, MappingOptions.defaults());

    assertThat(detail).isEqualTo(expected(platform));
    assertThat(event.truncated()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("platforms")
  void map_whenFixture_fillsTheEnvelope(String platform) {
    FailedExecution failure = Failures.load(platform);

    PutEventsRequestEntry entry = mapper.map(failure, MappingOptions.defaults()).entry();

    assertThat(entry.source()).isEqualTo("errorbridge." + platform);
    assertThat(entry.detailType()).isEqualTo(failure.execution().outcome().detailType());
    assertThat(entry.time()).isEqualTo(failure.execution().finishedAt());
    assertThat(entry.resources())
        .containsExactly(
            "errorbridge:" + platform + ":workflow/" + failure.workflow().id(),
            "errorbridge:" + platform + ":execution/" + failure.execution().id());
    assertThat(entry.eventBusName()).isNull();
  }

  @Test
  void map_whenDurationIsBeyondJsonsSafeIntegers_derivesItFromTheTimesOrLeavesItOut() {
    FailedExecution trigify = Failures.load("trigify");
    Execution x = trigify.execution();
    Execution timed =
        new Execution(
            x.id(),
            x.status(),
            x.outcome(),
            x.trigger(),
            Instant.parse("2026-02-03T08:30:00Z"),
            Instant.parse("2026-02-03T08:30:06.412Z"),
            Long.MAX_VALUE,
            x.consoleUrl());
    Execution untimed =
        new Execution(x.id(), x.status(), x.outcome(), null, null, x.finishedAt(), 1L << 53, null);
    Execution longest =
        new Execution(
            x.id(), x.status(), x.outcome(), null, null, null, Execution.MAX_DURATION_MS, null);

    JsonNode derived = detail(Failures.withExecution(trigify, timed));
    JsonNode dropped = detail(Failures.withExecution(trigify, untimed));
    JsonNode kept = detail(Failures.withExecution(trigify, longest));

    assertThat(derived.at("/execution/durationMs").longValue()).isEqualTo(6412);
    assertThat(dropped.at("/execution").has("durationMs")).isFalse();
    assertThat(kept.at("/execution/durationMs").longValue()).isEqualTo(9007199254740991L);
  }

  @Test
  void map_whenTimesLieFurtherApartThanJsonsSafeIntegers_leavesTheDurationOut() {
    FailedExecution trigify = Failures.load("trigify");
    Execution x = trigify.execution();
    Execution apart =
        new Execution(
            x.id(),
            x.status(),
            x.outcome(),
            null,
            Instant.parse("-290000-01-01T00:00:00Z"),
            Instant.parse("+290000-01-01T00:00:00Z"),
            null,
            null);

    assertThat(apart.durationMs()).isNull();
  }

  private JsonNode detail(FailedExecution failure) {
    return checkFailureEvent(
        mapper.map(failure, MappingOptions.defaults()), MappingOptions.defaults());
  }

  @Test
  void map_whenTrigifyFixture_givesExactEnvelope() {
    PutEventsRequestEntry entry =
        mapper.map(Failures.load("trigify"), MappingOptions.defaults()).entry();

    assertThat(entry.source()).isEqualTo("errorbridge.trigify");
    assertThat(entry.detailType()).isEqualTo("Workflow Execution Failed");
    assertThat(entry.time()).isEqualTo(Instant.parse("2026-02-03T08:30:06.412Z"));
    assertThat(entry.resources())
        .containsExactly(
            "errorbridge:trigify:workflow/wf_q4n8r2", "errorbridge:trigify:execution/run_m2d9k7");
  }

  @ParameterizedTest
  @EnumSource(Outcome.class)
  void map_whenOutcomeVaries_usesItsDetailType(Outcome outcome) {
    FailedExecution failure = Failures.withOutcome(Failures.load("runflow"), outcome);

    MappedEvent event = mapper.map(failure, MappingOptions.defaults());

    assertThat(event.entry().detailType())
        .isEqualTo(
            switch (outcome) {
              case FAILED -> "Workflow Execution Failed";
              case STOPPED -> "Workflow Execution Stopped";
              case PARTIAL -> "Workflow Execution Partially Failed";
            });
    JsonNode detail = checkFailureEvent(event, MappingOptions.defaults());
    assertThat(detail.get("outcome").textValue()).isEqualTo(outcome.name());
  }

  @Test
  void map_whenNotFinished_usesDetectedAtAsTime() {
    FailedExecution failure = Failures.load("dify");
    Execution x = failure.execution();
    FailedExecution unfinished =
        Failures.withExecution(
            failure,
            new Execution(
                x.id(), "stopped", Outcome.STOPPED, null, x.startedAt(), null, null, null));

    MappedEvent event = mapper.map(unfinished, MappingOptions.defaults());

    assertThat(event.entry().time()).isEqualTo(Instant.parse("2026-02-03T09:03:10.481Z"));
    JsonNode execution = checkFailureEvent(event, MappingOptions.defaults()).get("execution");
    assertThat(execution.has("finishedAt")).isFalse();
    assertThat(execution.has("durationMs")).isFalse();
    assertThat(execution.has("trigger")).isFalse();
  }

  @Test
  void map_whenSameFailureArrivesByPollAndWebhook_keepsTheEventId() {
    FailedExecution polled = Failures.load("runflow");
    FailedExecution pushed =
        Failures.withDelivery(
            polled, new Delivery(DeliveryPath.WEBHOOK, Instant.parse("2026-02-03T09:06:41Z")));

    MappedEvent a = mapper.map(polled, MappingOptions.defaults());
    MappedEvent b = mapper.map(pushed, MappingOptions.defaults());

    assertThat(b.eventId()).isEqualTo(a.eventId());
    assertThat(checkFailureEvent(b, MappingOptions.defaults()).at("/delivery/path").textValue())
        .isEqualTo("webhook");
  }

  @Test
  void map_whenOtherExecutionOrConnection_changesTheEventId() {
    FailedExecution base = Failures.load("runflow");
    Execution x = base.execution();
    FailedExecution otherRun =
        Failures.withExecution(
            base,
            new Execution(
                "0194c7a2-ffff-7c3d-9a8f-2e6b4d1c0f97",
                x.status(),
                x.outcome(),
                x.trigger(),
                x.startedAt(),
                x.finishedAt(),
                x.durationMs(),
                x.consoleUrl()));
    FailedExecution otherConnection =
        new FailedExecution(
            base.platform(),
            base.tenantId(),
            "conn_runflow_other",
            base.workflow(),
            base.execution(),
            base.error(),
            base.failedSteps(),
            base.delivery(),
            base.rawPayload());

    String id = mapper.map(base, MappingOptions.defaults()).eventId();

    assertThat(mapper.map(otherRun, MappingOptions.defaults()).eventId()).isNotEqualTo(id);
    assertThat(mapper.map(otherConnection, MappingOptions.defaults()).eventId()).isNotEqualTo(id);
  }

  @Test
  void map_whenCustomSource_usesIt() {
    MappingOptions options = MappingOptions.builder().sourceName("com.acme.workflows").build();

    MappedEvent event = mapper.map(Failures.load("alloy"), options);

    assertThat(event.entry().source()).isEqualTo("com.acme.workflows");
    checkFailureEvent(event, options);
  }

  @ParameterizedTest
  @MethodSource("platforms")
  void map_whenRawRequested_embedsThePlatformJson(String platform) throws IOException {
    MappingOptions options = MappingOptions.builder().includeRawPayload(true).build();
    FailedExecution failure = Failures.load(platform);

    JsonNode detail = checkFailureEvent(mapper.map(failure, options), options);

    assertThat(detail.get("raw")).isEqualTo(EventChecks.STRICT_JSON.readTree(failure.rawPayload()));
    assertThat(detail.get("truncated").booleanValue()).isFalse();
  }

  @Test
  void map_whenRawIsNotJson_embedsItAsAString() {
    MappingOptions options = MappingOptions.builder().includeRawPayload(true).build();
    FailedExecution failure =
        Failures.withRaw(Failures.load("dify"), "{\"status\": \"failed\", oops");

    JsonNode detail = checkFailureEvent(mapper.map(failure, options), options);

    assertThat(detail.get("raw").textValue()).isEqualTo("{\"status\": \"failed\", oops");
  }

  @Test
  void map_whenRawNotRequested_leavesItOut() {
    JsonNode detail =
        checkFailureEvent(
            mapper.map(Failures.load("alloy"), MappingOptions.defaults()),
            MappingOptions.defaults());

    assertThat(detail.has("raw")).isFalse();
  }

  @Test
  void map_whenStepJsonIsInvalidScalarOrNull_writesStringsScalarsOrNothing() {
    FailedExecution failure =
        Failures.withSteps(
            Failures.load("webhook"),
            List.of(
                new FailedStep("a", null, null, null, "{\"x\":1} trailing", null, "NaN", "42"),
                new FailedStep("b", null, null, null, "\"quoted\"", null, "[1,2", " {} "),
                new FailedStep("c", null, null, null, "", null, "{'single':1}", "null")));

    JsonNode steps =
        checkFailureEvent(mapper.map(failure, MappingOptions.defaults()), MappingOptions.defaults())
            .get("failedSteps");

    assertThat(steps.get(0).get("error").textValue()).isEqualTo("{\"x\":1} trailing");
    assertThat(steps.get(0).get("input").textValue()).isEqualTo("NaN");
    assertThat(steps.get(0).get("output").intValue()).isEqualTo(42);
    assertThat(steps.get(1).get("error").textValue()).isEqualTo("quoted");
    assertThat(steps.get(1).get("input").textValue()).isEqualTo("[1,2");
    assertThat(steps.get(1).get("output").isObject()).isTrue();
    assertThat(steps.get(2).get("error").textValue()).isEmpty();
    assertThat(steps.get(2).get("input").textValue()).isEqualTo("{'single':1}");
    // JSON null is an absent value, and absent values are left out.
    assertThat(steps.get(2).has("output")).isFalse();
  }

  @Test
  void map_whenTextsHoldUnpairedSurrogates_replacesThemAndStaysValidUtf8() {
    FailedExecution failure =
        Failures.withSteps(
            Failures.load("webhook"),
            List.of(
                new FailedStep(
                    "s\uD800", null, null, "cut \uDBFF", "{\"k\":\"\uDC00\"}", null, null, null)));

    MappedEvent event = mapper.map(failure, MappingOptions.defaults());

    JsonNode step = checkFailureEvent(event, MappingOptions.defaults()).get("failedSteps").get(0);
    assertThat(step.get("id").textValue()).isEqualTo("s\uFFFD");
    assertThat(step.get("errorMessage").textValue()).isEqualTo("cut \uFFFD");
    assertThat(step.at("/error/k").textValue()).isEqualTo("\uFFFD");
  }

  @Test
  void map_whenRunErrorHasNeitherMessageNorCode_leavesErrorOut() {
    FailedExecution failure = Failures.load("dify");
    FailedExecution noError =
        new FailedExecution(
            failure.platform(),
            failure.tenantId(),
            failure.connectionId(),
            failure.workflow(),
            failure.execution(),
            new FailedExecution.RunError(null, null),
            failure.failedSteps(),
            failure.delivery(),
            null);

    JsonNode detail =
        checkFailureEvent(
            mapper.map(noError, MappingOptions.defaults()), MappingOptions.defaults());

    assertThat(detail.has("error")).isFalse();
    assertThat(detail.get("failedSteps").isArray()).isTrue();
  }

  private static JsonNode expected(String platform) throws IOException {
    try (InputStream in =
        DefaultFailedExecutionMapperTest.class.getResourceAsStream(
            "/expected/" + platform + "-detail.json")) {
      assertThat(in).as("expected detail for " + platform).isNotNull();
      return EventChecks.STRICT_JSON.readTree(in);
    }
  }
}
