package dev.errorbridge.connector.platform.runflow;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.platform.PlatformContractTest;
import dev.errorbridge.connector.platform.PlatformPlugin;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.SourceTestKit;
import dev.errorbridge.connector.webhook.spi.WebhookHeaders;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Runflow against the shared contract: {@code GET /v1/runs} cursor pages ({@code pq}), {@code GET
 * /v1/runs/{id}} details, {@code /node-runs}, and the signed run callbacks.
 */
class RunflowContractTest extends PlatformContractTest {
  private static final String FIRST = "0194c7a2-5b1e-7c3d-9a8f-2e6b4d1c0f97";
  private static final String PENDING = "0194c7d0-0000-7000-8000-000000000004";
  private static final String SECRET = "whsec_3vQm9Xr2LpT8sKd4Wn7Yb1Zc";

  @Override
  protected PlatformPlugin plugin() {
    return new RunflowPlugin();
  }

  @Override
  protected String basePath() {
    return "";
  }

  @Override
  protected String listPath() {
    return "/v1/runs";
  }

  @Override
  protected Instant windowStart() {
    return Instant.parse("2026-02-03T07:00:00Z");
  }

  @Override
  protected List<String> stubPagedFailures() {
    stubPages(fixture("runflow/runs-failed-page1.json"), fixture("runflow/run-0194c7a2.json"));
    return List.of(
        FIRST, "0194c7b0-0000-7000-8000-000000000002", "0194c7c0-0000-7000-8000-000000000003");
  }

  @Override
  protected String stubFailureWithError(String message) throws Exception {
    // The list row and the detail both carry the message; both say the same.
    JsonNode page = SourceTestKit.json().readTree(fixture("runflow/runs-failed-page1.json"));
    for (JsonNode item : page.path("items")) {
      if (FIRST.equals(item.path("id").asText())) {
        ((ObjectNode) item).put("failure_message", message);
      }
    }
    ObjectNode detail =
        (ObjectNode) SourceTestKit.json().readTree(fixture("runflow/run-0194c7a2.json"));
    detail.put("failure_message", message);
    stubPages(page.toString(), detail.toString());
    return FIRST;
  }

  @Override
  protected PendingRun stubLateFinisher(boolean failedSince) throws Exception {
    String detail;
    if (failedSince) {
      // The documented failed-run shape, under the pending run's id.
      ObjectNode failed =
          (ObjectNode) SourceTestKit.json().readTree(fixture("runflow/run-0194c7c0.json"));
      detail = failed.put("id", PENDING).toString();
      server.stubFor(
          get(urlPathEqualTo("/v1/runs/" + PENDING + "/node-runs"))
              .willReturn(okJson(fixture("runflow/node-runs-0194c7c0.json"))));
    } else {
      detail = fixture("runflow/run-queued.json");
    }
    server.stubFor(get(urlPathEqualTo("/v1/runs/" + PENDING)).willReturn(okJson(detail)));
    return new PendingRun(PENDING, "f", null, "queued", null, SourceTestKit.NOW);
  }

  /** The {@code run.failed} callback of the first page's first run, signed. */
  @Override
  protected Optional<PushedRun> stubRunSeenBothWays() {
    stubPagedFailures();
    String body = webhookFixture("runflow-failed.json");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    WebhookRequest request =
        new WebhookRequest(
            connectionId(),
            WebhookHeaders.builder()
                .add("Content-Type", "application/json")
                .add("Runflow-Signature", hmacHex(SECRET, bytes))
                .build(),
            Map.of(),
            bytes,
            Instant.parse("2026-02-03T09:07:00Z"));
    WebhookSettings settings =
        WebhookSettings.builder()
            .tenantId(SourceTestKit.TENANT)
            .connectionId(connectionId())
            .platform(Platform.RUNFLOW)
            .secret(SecretValue.of(SECRET))
            .build();
    return Optional.of(new PushedRun(FIRST, request, body, settings));
  }

  private static void stubPages(String page1, String firstDetail) {
    server.stubFor(runs().withQueryParam("pq", absent()).willReturn(okJson(page1)));
    server.stubFor(
        runs()
            .withQueryParam("pq", equalTo("cHE9cGFnZTI"))
            .willReturn(okJson(fixture("runflow/runs-failed-page2.json"))));
    server.stubFor(get(urlPathEqualTo("/v1/runs/" + FIRST)).willReturn(okJson(firstDetail)));
    server.stubFor(
        get(urlPathEqualTo("/v1/runs/0194c7b0-0000-7000-8000-000000000002"))
            .willReturn(notFound().withBody("{\"code\":\"RUN_NOT_FOUND\"}")));
    server.stubFor(
        get(urlPathEqualTo("/v1/runs/0194c7c0-0000-7000-8000-000000000003"))
            .willReturn(okJson(fixture("runflow/run-0194c7c0.json"))));
    server.stubFor(
        get(urlPathEqualTo("/v1/runs/0194c7c0-0000-7000-8000-000000000003/node-runs"))
            .willReturn(okJson(fixture("runflow/node-runs-0194c7c0.json"))));
  }

  private static MappingBuilder runs() {
    return get(urlPathEqualTo("/v1/runs"))
        .withQueryParam("q", matching("status_code:failed AND .*"));
  }

  /** Written here, independently of the verifier under test. */
  private static String hmacHex(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
