package dev.errorbridge.connector.mapping;

import static dev.errorbridge.connector.mapping.EventChecks.checkFailureEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.FailedExecution.RunError;
import dev.errorbridge.connector.FailedExecution.Workflow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The size budget and the shrink order: (a) raw, (b) step I/O, (c) texts, (d) steps. */
class SizeBudgetTest {
  private static final int TWO_MB = 2 * 1024 * 1024;

  private final FailedExecutionMapper mapper = new DefaultFailedExecutionMapper();

  @Test
  void map_whenUnderBudget_leavesTheDetailWhole() {
    MappingOptions options = MappingOptions.builder().includeRawPayload(true).build();

    MappedEvent event = mapper.map(Failures.load("webhook"), options);

    JsonNode detail = checkFailureEvent(event, options);
    assertThat(event.truncated()).isFalse();
    assertThat(detail.get("truncated").booleanValue()).isFalse();
    assertThat(detail.has("truncation")).isFalse();
    assertThat(detail.has("raw")).isTrue();
    assertThat(detail.at("/failedSteps/0/output").textValue()).isEqualTo("uploaded 0 of 212 files");
  }

  @Test
  void map_whenExactlyAtBudget_leavesTheDetailWhole() {
    FailedExecution failure = Failures.load("trigify");
    long size = mapper.map(failure, MappingOptions.defaults()).sizeBytes();
    MappingOptions exact = MappingOptions.builder().maxEntrySizeBytes((int) size).build();

    MappedEvent event = mapper.map(failure, exact);

    assertThat(event.truncated()).isFalse();
    assertThat(event.sizeBytes()).isEqualTo(size);
    checkFailureEvent(event, exact);
  }

  @Test
  void map_whenRawMakesItTooBig_dropsRawFirstAndKeepsStepIo() {
    FailedExecution failure =
        Failures.withRaw(Failures.load("trigify"), "{\"blob\":\"" + "x".repeat(300_000) + "\"}");
    MappingOptions options = MappingOptions.builder().includeRawPayload(true).build();

    MappedEvent event = mapper.map(failure, options);

    JsonNode detail = checkFailureEvent(event, options);
    assertThat(event.truncated()).isTrue();
    assertThat(detail.has("raw")).isFalse();
    assertThat(detail.at("/failedSteps/0/input/email").textValue()).isEqualTo("jdoe@example.test");
    JsonNode truncation = detail.get("truncation");
    assertThat(truncation.get("rawPayloadDropped").booleanValue()).isTrue();
    assertThat(truncation.has("stepIoDropped")).isFalse();
    assertThat(truncation.has("truncatedFields")).isFalse();
    assertThat(truncation.get("originalSizeBytes").longValue()).isGreaterThan(300_000);
  }

  @Test
  void map_whenStepIoMakesItTooBig_dropsRawThenStepIoAndKeepsErrorTexts() {
    String bigOutput = "{\"rows\":[" + "\"row\",".repeat(60_000) + "\"last\"]}";
    FailedExecution failure =
        Failures.withSteps(
            Failures.load("runflow"),
            List.of(
                new FailedStep(
                    "n1",
                    "Upscale",
                    "upscale",
                    "CUDA out of memory",
                    "{\"code\":\"OOM\"}",
                    500,
                    "{\"scale\":4}",
                    bigOutput)));
    MappingOptions options = MappingOptions.builder().includeRawPayload(true).build();

    MappedEvent event = mapper.map(failure, options);

    JsonNode detail = checkFailureEvent(event, options);
    JsonNode step = detail.at("/failedSteps/0");
    assertThat(step.has("input")).isFalse();
    assertThat(step.has("output")).isFalse();
    assertThat(step.get("errorMessage").textValue()).isEqualTo("CUDA out of memory");
    assertThat(step.at("/error/code").textValue()).isEqualTo("OOM");
    assertThat(detail.at("/truncation/rawPayloadDropped").booleanValue()).isTrue();
    assertThat(detail.at("/truncation/stepIoDropped").booleanValue()).isTrue();
    assertThat(detail.at("/truncation").has("truncatedFields")).isFalse();
  }

  static Stream<Arguments> hugeTexts() {
    return Stream.of(
        Arguments.of("ASCII", "E".repeat(TWO_MB)),
        Arguments.of("emoji (surrogate pairs)", "\uD83D\uDD25".repeat(TWO_MB / 4)),
        Arguments.of("CJK (3 bytes each)", "错".repeat(TWO_MB / 3)),
        Arguments.of("mixed, odd lengths", ("a\uD83D\uDE00é错").repeat(TWO_MB / 10) + "\uD83D"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hugeTexts")
  void map_whenRunErrorIs2Mb_cutsItAtACodePointAndRecordsTheOriginalSize(String kind, String text) {
    FailedExecution failure = Failures.withRunError(Failures.load("dify"), text);

    MappedEvent event = mapper.map(failure, MappingOptions.defaults());

    JsonNode detail = checkFailureEvent(event, MappingOptions.defaults());
    String message = detail.at("/error/message").textValue();
    assertThat(message).endsWith("…[truncated]");
    String kept = message.substring(0, message.length() - "…[truncated]".length());
    assertThat(text).startsWith(kept);
    assertThat(kept).isNotEmpty();
    assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
    JsonNode field = detail.at("/truncation/truncatedFields/0");
    assertThat(field.get("field").textValue()).isEqualTo("error.message");
    assertThat(field.get("originalBytes").longValue()).isEqualTo(utf8Replacing(text));
    assertThat(event.sizeBytes()).isLessThanOrEqualTo(262_144);
  }

  @Test
  void map_whenStepTextsAre2Mb_cutsMessageAndDetailAndTurnsTheDetailIntoAString() {
    String emoji = "\uD83D\uDCA5".repeat(TWO_MB / 4);
    String detailJson = "{\"trace\":\"" + "错".repeat(TWO_MB / 3) + "\"}";
    FailedExecution failure =
        Failures.withSteps(
            Failures.load("webhook"),
            List.of(
                new FailedStep("s1", "Export", "sftp", "short", "{\"ok\":false}", null, null, null),
                new FailedStep("s2", "Render", "llm", emoji, detailJson, 502, null, null)));

    MappedEvent event = mapper.map(failure, MappingOptions.defaults());

    JsonNode detail = checkFailureEvent(event, MappingOptions.defaults());
    assertThat(detail.at("/failedSteps/0/errorMessage").textValue()).isEqualTo("short");
    assertThat(detail.at("/failedSteps/0/error/ok").booleanValue()).isFalse();
    JsonNode cutStep = detail.at("/failedSteps/1");
    assertThat(cutStep.get("errorMessage").textValue()).endsWith("…[truncated]");
    assertThat(cutStep.get("error").isTextual()).isTrue();
    assertThat(cutStep.get("error").textValue())
        .startsWith("{\"trace\":\"错错")
        .endsWith("…[truncated]");
    assertThat(detail.at("/truncation/truncatedFields"))
        .extracting(f -> f.get("field").textValue() + "=" + f.get("originalBytes").longValue())
        .containsExactly(
            "failedSteps[1].errorMessage=" + utf8(emoji),
            "failedSteps[1].error=" + utf8(detailJson));
  }

  @Test
  void map_when5000FailedSteps_omitsTrailingStepsAndCountsThem() {
    List<FailedStep> steps = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      steps.add(
          new FailedStep(
              "step-" + i,
              "Row " + i,
              "http-request",
              "Upstream returned 503 for row " + i,
              "{\"status\":503,\"row\":" + i + "}",
              503,
              null,
              null));
    }
    FailedExecution failure = Failures.withSteps(Failures.load("webhook"), steps);

    MappedEvent event = mapper.map(failure, MappingOptions.defaults());

    JsonNode detail = checkFailureEvent(event, MappingOptions.defaults());
    int kept = detail.get("failedSteps").size();
    assertThat(kept).isPositive().isLessThan(5000);
    assertThat(detail.at("/truncation/failedStepsOmitted").intValue()).isEqualTo(5000 - kept);
    assertThat(detail.at("/failedSteps/0/id").textValue()).isEqualTo("step-0");
    assertThat(detail.at("/failedSteps/" + (kept - 1) + "/id").textValue())
        .isEqualTo("step-" + (kept - 1));
    assertThat(event.truncated()).isTrue();
  }

  @Test
  void map_whenFixedPartAloneIsTooBig_throwsWithoutPayloadText() {
    String secretName = "CustomerSecretWorkflowName-" + "n".repeat(300 * 1024);
    FailedExecution base = Failures.load("trigify");
    FailedExecution failure =
        new FailedExecution(
            base.platform(),
            base.tenantId(),
            base.connectionId(),
            new Workflow(base.workflow().id(), secretName, null),
            base.execution(),
            new RunError("PAYLOAD-MESSAGE-TEXT " + "m".repeat(1000), null),
            base.failedSteps(),
            base.delivery(),
            "{\"payload\":\"PAYLOAD-RAW-TEXT\"}");
    MappingOptions options =
        MappingOptions.builder().includeRawPayload(true).maxEntrySizeBytes(4096).build();
    String eventId = EventIds.of(failure);

    assertThatThrownBy(() -> mapper.map(failure, options))
        .isInstanceOfSatisfying(
            EventTooLargeException.class,
            e -> {
              assertThat(e.eventId()).isEqualTo(eventId);
              assertThat(e.limitBytes()).isEqualTo(4096);
              assertThat(e.sizeBytes()).isGreaterThan(300 * 1024);
              assertThat(e.getMessage())
                  .contains(eventId, String.valueOf(e.sizeBytes()), "4096")
                  .contains("Raise maxEntrySizeBytes", "1048576")
                  .doesNotContain("CustomerSecret", "PAYLOAD", "nnnn", "mmmm", "jdoe");
            });
  }

  @Test
  void map_whenBudgetIsTiny_shrinksInOrderAndFitsOrThrows() {
    // Walks the budget down: every outcome is either a valid event within budget or the exception.
    FailedExecution failure = Failures.withRunError(Failures.load("webhook"), "x".repeat(5000));
    MappingOptions base = MappingOptions.builder().includeRawPayload(true).build();
    int full = (int) mapper.map(failure, base).sizeBytes();
    for (int limit = full; limit > 200; limit -= 97) {
      MappingOptions options = base.toBuilder().maxEntrySizeBytes(limit).build();
      try {
        MappedEvent event = mapper.map(failure, options);
        JsonNode detail = checkFailureEvent(event, options);
        assertThat(event.truncated()).isEqualTo(limit < full);
        if (detail.has("raw")) {
          assertThat(detail.at("/truncation/truncatedFields").isMissingNode()).isTrue();
        }
      } catch (EventTooLargeException e) {
        assertThat(e.sizeBytes()).isGreaterThan(limit);
      }
    }
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** UTF-8 size with unpaired surrogates counted as U+FFFD, as the mapper records them. */
  private static long utf8Replacing(String s) {
    return utf8(Utf8.replaceUnpairedSurrogates(s));
  }
}
