package dev.errorbridge.connector.platform.dify;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
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
 * Dify against the shared contract: {@code GET /workflows/logs?status=failed} pages, {@code GET
 * /workflows/run/{id}} details. Dify has no webhook.
 */
class DifyContractTest extends PlatformContractTest {
  private static final String APP = "3c9f5a1e-8d42-4b7e-a6f0-1e2d3c4b5a69";
  private static final String FIRST = "b1f4e6a2-0c3d-4e58-9a71-2f6d8c4b3e95";

  @Override
  protected PlatformPlugin plugin() {
    return new DifyPlugin();
  }

  @Override
  protected String basePath() {
    return "/v1";
  }

  @Override
  protected String listPath() {
    return "/workflows/logs";
  }

  /** Dify needs the app; pages of two, as the fixtures are cut. */
  @Override
  protected PlatformOptions options() {
    return new DifyOptions(APP, "CRM enrichment", 2);
  }

  @Override
  protected Instant windowStart() {
    return Instant.parse("2026-02-03T07:00:00Z");
  }

  @Override
  protected List<String> stubPagedFailures() {
    server.stubFor(logs(1).willReturn(okJson(fixture("dify/logs-failed-page1.json"))));
    server.stubFor(logs(2).willReturn(okJson(fixture("dify/logs-failed-page2.json"))));
    server.stubFor(run(FIRST, fixture("dify/run-b1f4.json")));
    server.stubFor(run("0f2c8d4e-6a1b-47c3-8e95-d3b7a0c1f642", fixture("dify/run-0f2c.json")));
    server.stubFor(
        get(urlPathEqualTo("/v1/workflows/run/7a3e5c1d-9f0b-4e2a-8c6d-1b3f5a7c9e02"))
            .willReturn(notFound().withBody("{\"code\":\"not_found\",\"status\":404}")));
    return List.of(
        FIRST, "0f2c8d4e-6a1b-47c3-8e95-d3b7a0c1f642", "7a3e5c1d-9f0b-4e2a-8c6d-1b3f5a7c9e02");
  }

  @Override
  protected String stubFailureWithError(String message) throws Exception {
    stubPagedFailures();
    ObjectNode detail = (ObjectNode) SourceTestKit.json().readTree(fixture("dify/run-b1f4.json"));
    detail.put("error", message);
    server.stubFor(run(FIRST, detail.toString()));
    return FIRST;
  }

  @Override
  protected PendingRun stubLateFinisher(boolean failedSince) {
    server.stubFor(
        run(
            "run-running",
            fixture(failedSince ? "dify/run-running-failed.json" : "dify/run-running.json")));
    return new PendingRun(
        "run-running",
        APP,
        "CRM enrichment",
        "running",
        Instant.parse("2026-02-03T09:30:00Z"),
        SourceTestKit.NOW);
  }

  private static MappingBuilder logs(int page) {
    return get(urlPathEqualTo("/v1/workflows/logs"))
        .withQueryParam("status", equalTo("failed"))
        .withQueryParam("page", equalTo(String.valueOf(page)));
  }

  private static MappingBuilder run(String id, String json) {
    return get(urlPathEqualTo("/v1/workflows/run/" + id)).willReturn(okJson(json));
  }
}
