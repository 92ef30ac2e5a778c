package dev.errorbridge.connector.platform.trigify;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.errorbridge.connector.platform.PlatformContractTest;
import dev.errorbridge.connector.platform.PlatformPlugin;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.PlatformOptions;
import dev.errorbridge.connector.source.SourceTestKit;
import java.time.Instant;
import java.util.List;

/**
 * Trigify against the shared contract: {@code GET /workflows} pages, each workflow's {@code GET
 * /workflows/{id}/executions} pages, {@code GET /workflows/{id}/executions/{runId}} details.
 * Trigify has no webhook.
 */
class TrigifyContractTest extends PlatformContractTest {
  private static final String FAILING = "run_d1g3st";

  @Override
  protected PlatformPlugin plugin() {
    return new TrigifyPlugin();
  }

  @Override
  protected String basePath() {
    return "/v1";
  }

  @Override
  protected String listPath() {
    return "/workflows";
  }

  /** Pages of three, as the fixtures are cut. */
  @Override
  protected PlatformOptions options() {
    return new TrigifyOptions(3, 100, null, 50);
  }

  @Override
  protected Instant windowStart() {
    return Instant.parse("2026-02-03T08:00:00Z");
  }

  @Override
  protected List<String> stubPagedFailures() {
    server.stubFor(workflows(0).willReturn(okJson(fixture("trigify/workflows-page1.json"))));
    server.stubFor(workflows(2).willReturn(okJson(fixture("trigify/workflows-page2.json"))));
    server.stubFor(
        executions("wf_q4n8r2", 1)
            .willReturn(okJson(fixture("trigify/executions-q4n8-page1.json"))));
    server.stubFor(
        executions("wf_q4n8r2", 2)
            .willReturn(okJson(fixture("trigify/executions-q4n8-page2.json"))));
    server.stubFor(
        executions("wf_b7k1", 1).willReturn(okJson(fixture("trigify/executions-b7k1.json"))));
    server.stubFor(
        executions("wf_z9", 1).willReturn(okJson(fixture("trigify/executions-empty.json"))));
    server.stubFor(detail("wf_q4n8r2", "run_m2d9k7", fixture("trigify/execution-m2d9k7.json")));
    server.stubFor(detail("wf_b7k1", FAILING, fixture("trigify/execution-d1g3st.json")));
    return List.of("run_m2d9k7", FAILING);
  }

  @Override
  protected String stubFailureWithError(String message) throws Exception {
    stubPagedFailures();
    ObjectNode detail =
        (ObjectNode) SourceTestKit.json().readTree(fixture("trigify/execution-d1g3st.json"));
    ((ObjectNode) detail.at("/data/error")).put("message", message);
    server.stubFor(detail("wf_b7k1", FAILING, detail.toString()));
    return FAILING;
  }

  @Override
  protected PendingRun stubLateFinisher(boolean failedSince) {
    server.stubFor(
        detail(
            "wf_q4n8r2",
            "run_t5w1c8",
            fixture(
                failedSince
                    ? "trigify/execution-running-failed.json"
                    : "trigify/execution-running.json")));
    return new PendingRun(
        "run_t5w1c8",
        "wf_q4n8r2",
        "Enrich new commenters into HubSpot",
        "running",
        Instant.parse("2026-02-03T08:31:10Z"),
        SourceTestKit.NOW);
  }

  private static MappingBuilder workflows(int offset) {
    return get(urlPathEqualTo("/v1/workflows"))
        .withQueryParam("offset", equalTo(String.valueOf(offset)));
  }

  private static MappingBuilder executions(String workflowId, int page) {
    return get(urlPathEqualTo("/v1/workflows/" + workflowId + "/executions"))
        .withQueryParam("page", equalTo(String.valueOf(page)));
  }

  private static MappingBuilder detail(String workflowId, String runId, String json) {
    return get(urlPathEqualTo("/v1/workflows/" + workflowId + "/executions/" + runId))
        .willReturn(okJson(json));
  }
}
