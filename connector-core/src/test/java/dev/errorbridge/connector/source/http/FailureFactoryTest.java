package dev.errorbridge.connector.source.http;

import static dev.errorbridge.connector.source.SourceTestKit.KEY;
import static dev.errorbridge.connector.source.SourceTestKit.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.FailedExecution.Execution;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.registry.PlatformRegistry;
import dev.errorbridge.connector.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailureFactoryTest {
  private static final Origin ORIGIN = new Origin(Platform.RUNFLOW, "c", "GET /v1/runs/{id}");
  private final MutableClock clock = new MutableClock(NOW);

  @Test
  void execution_whenPlatformSaysItEndedBeforeItStarted_dropsTheStart() {
    Execution execution =
        factory(null)
            .execution(
                "r",
                "failed",
                Outcome.FAILED,
                null,
                Instant.parse("2026-02-03T09:00:05Z"),
                Instant.parse("2026-02-03T09:00:00Z"),
                -3L,
                null);

    assertThat(execution.startedAt()).isNull();
    assertThat(execution.finishedAt()).isEqualTo(Instant.parse("2026-02-03T09:00:00Z"));
    assertThat(execution.durationMs()).isNull();
  }

  @Test
  void execution_whenDurationIsBeyondJsonsSafeIntegers_takesTheTimesInstead() {
    Execution execution =
        factory(null)
            .execution(
                "r",
                "failed",
                Outcome.FAILED,
                null,
                Instant.parse("2026-02-03T09:00:00Z"),
                Instant.parse("2026-02-03T09:00:05Z"),
                Long.MAX_VALUE,
                null);

    assertThat(execution.durationMs()).isEqualTo(5000L);
  }

  @Test
  void millis_whenSecondsAreNoDuration_isNull() {
    assertThat(FailureFactory.millis(12.07)).isEqualTo(12070L);
    assertThat(FailureFactory.millis(2.47e38)).isNull();
    assertThat(FailureFactory.millis(-1.0)).isNull();
    assertThat(FailureFactory.millis(Double.NaN)).isNull();
    assertThat(FailureFactory.millis(null)).isNull();
    assertThat(FailureFactory.millis(3600.5)).isEqualTo(3600500L);
  }

  @Test
  void consoleUrl_whenTemplateGiven_fillsEncodedIds() {
    FailureFactory factory =
        factory("https://console.example.test/flows/{workflowId}/runs/{executionId}");

    assertThat(factory.consoleUrl("flow 1", "run/2", "fallback"))
        .isEqualTo("https://console.example.test/flows/flow%201/runs/run%2F2");
    assertThat(factory(null).consoleUrl("f", "r", "fallback")).isEqualTo("fallback");
  }

  @Test
  void failure_whenValid_isDetectedNowByPoll() {
    FailureFactory factory = factory(null);
    Execution execution =
        factory.execution("r", "failed", Outcome.FAILED, null, null, null, null, null);

    assertThat(
            factory
                .failure(ORIGIN, new Workflow("f", null, null), execution, null, null, "{}")
                .delivery())
        .isEqualTo(
            new dev.errorbridge.connector.FailedExecution.Delivery(
                dev.errorbridge.connector.DeliveryPath.POLL, NOW));
  }

  private FailureFactory factory(String template) {
    return new FailureFactory(
        PlatformRegistry.builtIn()
            .sourceBuilder(Platform.RUNFLOW)
            .tenantId("t")
            .connectionId("c")
            .apiKey(KEY)
            .consoleUrlTemplate(template)
            .build(),
        clock);
  }
}
