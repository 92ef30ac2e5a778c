package dev.errorbridge.connector.platform.n8n;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.errorbridge.connector.platform.n8n.N8nFixtures.STOP_WORKFLOW;
import static dev.errorbridge.connector.platform.n8n.N8nFixtures.execution;
import static dev.errorbridge.connector.platform.n8n.N8nFixtures.page;
import static dev.errorbridge.connector.platform.n8n.N8nFixtures.row;
import static dev.errorbridge.connector.platform.n8n.N8nFixtures.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * n8n against the shared contract: {@code GET /api/v1/executions} cursor pages ({@code
 * nextCursor}), {@code GET /api/v1/executions/{id}?includeData=true} run data, and the Error
 * Trigger sample's signed push, in the shapes a real n8n 1.123.81 answered (the fixtures under
 * {@code platforms/n8n/}, moved to the contract's day).
 */
class N8nContractTest extends PlatformContractTest {
  private static final String SECRET = "n8n-push-secret-0123456789abcdef";
  private static final String EMPTY = "{\"data\":[],\"nextCursor\":null}";

  @Override
  protected PlatformPlugin plugin() {
    return new N8nPlugin();
  }

  @Override
  protected String basePath() {
    return "";
  }

  @Override
  protected String listPath() {
    return "/api/v1/executions";
  }

  @Override
  protected Instant windowStart() {
    return Instant.parse("2026-02-03T07:00:00Z");
  }

  /** Page 1: executions 5 and 2; page 2, behind page 1's cursor: execution 1. */
  @Override
  protected List<String> stubPagedFailures() {
    stubList(
        "error",
        null,
        page(
            N8nFixtures.PAGE2_CURSOR,
            row("5", STOP_WORKFLOW, "error", "webhook", "2026-02-03T09:50:00.000Z"),
            row("2", STOP_WORKFLOW, "error", "webhook", "2026-02-03T09:20:00.000Z")));
    stubList(
        "error",
        N8nFixtures.PAGE2_CURSOR,
        page(null, row("1", STOP_WORKFLOW, "error", "webhook", "2026-02-03T09:10:00.000Z")));
    stubPendingEmpty();
    for (String id : List.of("5", "2", "1")) {
      stubDetail(id, execution("execution-stop-and-error.json", id, null));
    }
    return List.of("5", "2", "1");
  }

  @Override
  protected String stubFailureWithError(String message) {
    ObjectNode detail = N8nFixtures.object("execution-stop-and-error.json").put("id", "9");
    ((ObjectNode) detail.at("/data/resultData/error")).put("message", message);
    ((ObjectNode) detail.at("/data/resultData/runData/Fail on purpose/0/error"))
        .put("message", message);
    stubList(
        "error",
        null,
        page(null, row("9", STOP_WORKFLOW, "error", "webhook", "2026-02-03T09:30:00.000Z")));
    stubPendingEmpty();
    stubDetail("9", detail.toString());
    return "9";
  }

  @Override
  protected PendingRun stubLateFinisher(boolean failedSince) {
    stubDetail(
        "12",
        failedSince
            ? execution("execution-stop-and-error.json", "12", null)
            : execution("execution-waiting.json", "12", "running"));
    return new PendingRun("12", STOP_WORKFLOW, null, "running", null, SourceTestKit.NOW);
  }

  /** Execution 1, listed and detailed as n8n answers, and the sample's signed push for it. */
  @Override
  protected Optional<PushedRun> stubRunSeenBothWays() {
    stubList(
        "error",
        null,
        page(null, row("1", STOP_WORKFLOW, "error", "webhook", "2026-02-03T09:10:00.000Z")));
    stubPendingEmpty();
    stubDetail("1", text("execution-stop-and-error.json"));
    String body = text("push-error-trigger.json");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String t = Long.toString(SourceTestKit.NOW.getEpochSecond());
    WebhookRequest request =
        new WebhookRequest(
            connectionId(),
            WebhookHeaders.builder()
                .add("Content-Type", "application/json")
                .add("X-Errorbridge-Signature", "t=" + t + ",v1=" + hmacHex(t + "." + body))
                .build(),
            Map.of(),
            bytes,
            SourceTestKit.NOW);
    WebhookSettings settings =
        WebhookSettings.builder()
            .tenantId(SourceTestKit.TENANT)
            .connectionId(connectionId())
            .platform(N8nPlugin.N8N)
            .secret(SecretValue.of(SECRET))
            .build();
    return Optional.of(new PushedRun("1", request, body, settings));
  }

  private static void stubPendingEmpty() {
    stubList("running", null, EMPTY);
    stubList("waiting", null, EMPTY);
  }

  private static void stubList(String status, String cursor, String body) {
    server.stubFor(
        get(urlPathEqualTo("/api/v1/executions"))
            .withQueryParam("status", equalTo(status))
            .withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor))
            .willReturn(okJson(body)));
  }

  private static void stubDetail(String id, String body) {
    server.stubFor(
        get(urlPathEqualTo("/api/v1/executions/" + id))
            .withQueryParam("includeData", equalTo("true"))
            .willReturn(okJson(body)));
    server.stubFor(
        get(urlPathEqualTo("/api/v1/workflows/" + STOP_WORKFLOW))
            .willReturn(okJson(text("workflow.json"))));
  }

  /** Written here, independently of the verifier under test. */
  private static String hmacHex(String signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
