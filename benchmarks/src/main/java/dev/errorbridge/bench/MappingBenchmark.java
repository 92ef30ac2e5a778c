package dev.errorbridge.bench;

import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.Delivery;
import dev.errorbridge.connector.FailedExecution.Execution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.FailedExecution.RunError;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.mapping.DefaultFailedExecutionMapper;
import dev.errorbridge.connector.mapping.FailedExecutionMapper;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.mapping.MappingOptions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Maps one Dify-like failure (three failed nodes with error texts and JSON error details, no raw
 * payload; an entry of about 2 KB) to a {@link MappedEvent}: event id, detail JSON, size check and
 * the SDK entry. Run by {@code bench/mapping.sh}; the goal is a median of at most 5 µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MappingBenchmark {
  private final FailedExecutionMapper mapper = new DefaultFailedExecutionMapper();
  private final MappingOptions options = MappingOptions.defaults();
  private FailedExecution failure;

  @Setup
  public void setUp() {
    failure = difyLikeFailure();
    MappedEvent event = mapper.map(failure, options);
    if (event.sizeBytes() > 4096 || event.truncated()) {
      throw new IllegalStateException(
          "the benchmark failure must map to at most 4 KB untruncated; got "
              + event.sizeBytes()
              + " bytes");
    }
  }

  @Benchmark
  public MappedEvent mapDifyFailure() {
    return mapper.map(failure, options);
  }

  static FailedExecution difyLikeFailure() {
    return new FailedExecution(
        Platform.DIFY,
        "tnt_01JD6W3Q9ZK4",
        "conn_dify_42a9",
        new Workflow(
            "7e21c9d4-3b50-4a6f-8c12-9d0e4b7a1f36", "CRM enrichment", "2026-02-01 17:40:03.554201"),
        new Execution(
            "b1f4e6a2-0c3d-4e58-9a71-2f6d8c4b3e95",
            "failed",
            Outcome.FAILED,
            "app-run",
            Instant.parse("2026-02-03T09:02:32Z"),
            Instant.parse("2026-02-03T09:02:44Z"),
            12_070L,
            "https://cloud.dify.ai/app/3c9f5a1e-8d42-4b7e-a6f0-1e2d3c4b5a69/logs"),
        new RunError("Node 'Fetch CRM record' run failed: HTTP 502 from upstream", null),
        List.of(
            new FailedStep(
                "1733408432231",
                "Fetch CRM record",
                "http-request",
                "HTTP 502 from upstream: <html><head><title>502 Bad Gateway</title></head></html>",
                "{\"type\":\"HTTPResponseCodeError\",\"message\":\"HTTP 502 from upstream\","
                    + "\"status_code\":502,\"url\":\"https://crm.example.test/api/v2/accounts/ACME-0091\"}",
                502,
                null,
                null),
            new FailedStep(
                "1733408511987",
                "Summarise account",
                "llm",
                "[openai] Rate limit reached for gpt-4o in organization org-xxxx on tokens per min"
                    + " (TPM): Limit 30000, Used 29854, Requested 1204. Please try again in 2.1s.",
                "{\"type\":\"InvokeRateLimitError\",\"provider\":\"openai\",\"model\":\"gpt-4o\","
                    + "\"retry_after_s\":2.1}",
                429,
                null,
                null),
            new FailedStep(
                "1733408600412",
                "Normalise fields",
                "code",
                "KeyError: 'billing_country' at line 14 of main()",
                "{\"type\":\"CodeNodeError\",\"traceback\":\"Traceback (most recent call last):\\n"
                    + "  File \\\"main.py\\\", line 14, in main\\nKeyError: 'billing_country'\"}",
                null,
                null,
                null)),
        new Delivery(DeliveryPath.POLL, Instant.parse("2026-02-03T09:03:10.481Z")),
        null);
  }
}
