package dev.errorbridge.connector.platform.alloy;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.PlatformContractTest;
import dev.errorbridge.connector.platform.PlatformPlugin;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.PlatformOptions;
import dev.errorbridge.connector.source.SourceTestKit;
import dev.errorbridge.connector.webhook.spi.WebhookHeaders;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alloy Embedded against the shared contract: {@code GET /logs} pages of {@code executionError}
 * notifications, {@code GET /logs/{executionId}} details, and the Logging webhook, which the
 * enricher gives the poller's execution id.
 */
class AlloyContractTest extends PlatformContractTest {
  private static final String FIRST = "6a1f0c9d7e3b2a1c0f9e8d71";
  private static final String TOKEN = "alloy-token-Jx81kPq0Vd6Tz3Rm";

  @Override
  protected PlatformPlugin plugin() {
    return new AlloyPlugin();
  }

  @Override
  protected String basePath() {
    return "";
  }

  @Override
  protected String listPath() {
    return "/logs";
  }

  /** Pages of two, as the fixtures are cut. */
  @Override
  protected PlatformOptions options() {
    return new AlloyOptions(AlloyApiGeneration.V2025_09, 2, null, true);
  }

  @Override
  protected Instant windowStart() {
    return Instant.parse("2026-02-03T09:00:00Z");
  }

  @Override
  protected List<String> stubPagedFailures() {
    server.stubFor(page("asc", 0).willReturn(okJson(fixture("alloy/logs-page1.json"))));
    server.stubFor(page("asc", 2).willReturn(okJson(fixture("alloy/logs-page2.json"))));
    server.stubFor(detail(FIRST, fixture("alloy/log-6a1f.json")));
    server.stubFor(detail("Hk3pZ8wQn1Vb6tYr0cLs2", fixture("alloy/log-Hk3p.json")));
    server.stubFor(get(urlPathEqualTo("/logs/6a1f0e10aa3b2a1c0f9e8d99")).willReturn(notFound()));
    return List.of(FIRST, "Hk3pZ8wQn1Vb6tYr0cLs2", "6a1f0e10aa3b2a1c0f9e8d99");
  }

  @Override
  protected String stubFailureWithError(String message) throws Exception {
    stubPagedFailures();
    ObjectNode detail = (ObjectNode) SourceTestKit.json().readTree(fixture("alloy/log-6a1f.json"));
    ((ObjectNode) detail.at("/data/runData/5d9a1b2c-3e4f-4a6b-8c7d-9e0f1a2b3c4d"))
        .put("error", message);
    server.stubFor(detail(FIRST, detail.toString()));
    return FIRST;
  }

  @Override
  protected PendingRun stubLateFinisher(boolean failedSince) {
    server.stubFor(
        detail(FIRST, fixture(failedSince ? "alloy/log-6a1f.json" : "alloy/log-unfinished.json")));
    return new PendingRun(FIRST, null, null, "running", null, SourceTestKit.NOW);
  }

  /**
   * The webhook names the run by its {@code executionUuid}; the enricher finds it among Alloy's
   * newest errors and delivers it under the poller's execution id.
   */
  @Override
  protected Optional<PushedRun> stubRunSeenBothWays() {
    stubPagedFailures();
    server.stubFor(page("desc", 0).willReturn(okJson(fixture("alloy/logs-newest-page1.json"))));
    server.stubFor(page("desc", 2).willReturn(okJson(fixture("alloy/logs-newest-page2.json"))));
    String body = webhookFixture("alloy-error.json");
    WebhookRequest request =
        new WebhookRequest(
            connectionId(),
            WebhookHeaders.builder()
                .add("Content-Type", "application/json")
                .add("X-Errorbridge-Token", TOKEN)
                .add("X-Alloy-WorkflowId", "65c1d2e3f4a5b6c7d8e9f0b7")
                .add("X-Alloy-UserId", "65aa11bb22cc33dd44ee55ff")
                .add("X-Alloy-BlockName", "Create Sales Order")
                .add("X-Alloy-BlockType", "netsuite")
                .add("X-Alloy-ExecutionUuid", "Qm7vT2xK9pLr4sWz8nB3c")
                .build(),
            Map.of(),
            body.getBytes(StandardCharsets.UTF_8),
            Instant.parse("2026-02-03T09:14:08.250Z"));
    WebhookSettings settings =
        WebhookSettings.builder()
            .tenantId(SourceTestKit.TENANT)
            .connectionId(connectionId())
            .platform(Platform.ALLOY)
            .secret(SecretValue.of(TOKEN))
            .build();
    return Optional.of(new PushedRun(FIRST, request, body, settings));
  }

  private static MappingBuilder page(String order, int skip) {
    return get(urlPathEqualTo("/logs"))
        .withQueryParam("sortOrder", equalTo(order))
        .withQueryParam("skip", equalTo(String.valueOf(skip)));
  }

  private static MappingBuilder detail(String id, String json) {
    return get(urlPathEqualTo("/logs/" + id)).willReturn(okJson(json));
  }
}
