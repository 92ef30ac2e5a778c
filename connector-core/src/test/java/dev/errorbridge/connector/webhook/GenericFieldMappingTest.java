package dev.errorbridge.connector.webhook;

import static dev.errorbridge.connector.webhook.WebhookTestKit.NOW;
import static dev.errorbridge.connector.webhook.WebhookTestKit.accepted;
import static dev.errorbridge.connector.webhook.WebhookTestKit.fixture;
import static dev.errorbridge.connector.webhook.WebhookTestKit.generic;
import static dev.errorbridge.connector.webhook.WebhookTestKit.rejected;
import static dev.errorbridge.connector.webhook.WebhookTestKit.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.http.JsonFields;
import dev.errorbridge.connector.webhook.spi.WebhookFieldMapping;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generic webhook's JSON Pointer field mapping. */
class GenericFieldMappingTest {
  private final WebhookTestKit kit = new WebhookTestKit();

  private WebhookReceipt receive(byte[] body) {
    return kit.receive(generic(body).build());
  }

  private void mapping(WebhookFieldMapping.Builder mapping) {
    kit.add(WebhookTestKit.genericSettings().fieldMapping(mapping.build()).build());
  }

  @Test
  void receive_whenEveryPointerResolves_fillsEveryField() {
    byte[] body = fixture("generic-failure.json");

    FailedExecution failure = accepted(receive(body)).failure();

    assertThat(failure.platform()).isEqualTo(Platform.WEBHOOK);
    assertThat(failure.workflow().id()).isEqualTo("nightly-invoice-export");
    assertThat(failure.workflow().name()).isEqualTo("Nightly invoice export");
    assertThat(failure.execution().id()).isEqualTo("exec-2026-02-03-0200-17");
    assertThat(failure.execution().status()).isEqualTo("failed");
    assertThat(failure.execution().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failure.execution().startedAt())
        .isEqualTo(Instant.parse("2026-02-03T02:00:00.004Z"));
    assertThat(failure.execution().finishedAt())
        .isEqualTo(Instant.parse("2026-02-03T02:03:41.250Z"));
    assertThat(failure.execution().durationMs()).isEqualTo(221_246L);
    assertThat(failure.error().message()).isEqualTo("Permission denied (publickey)");
    assertThat(failure.error().code()).isEqualTo("EACCES");
    assertThat(failure.delivery())
        .isEqualTo(new FailedExecution.Delivery(DeliveryPath.WEBHOOK, NOW));
    assertThat(failure.rawPayload()).isEqualTo(new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void receive_whenTimestampsAreEpochNumbers_readsSecondsAndMillis() {
    FailedExecution failure = accepted(receive(fixture("generic-epoch.json"))).failure();

    assertThat(failure.workflow().id()).isEqualTo("4711");
    assertThat(failure.execution().startedAt()).isEqualTo(Instant.parse("2026-02-03T02:00:00Z"));
    assertThat(failure.execution().finishedAt())
        .isEqualTo(Instant.parse("2026-02-03T02:03:41.250Z"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"2026-02-03T02:00:00Z\"       | 2026-02-03T02:00:00Z",
        "\"2026-02-03T04:00:00+02:00\"  | 2026-02-03T02:00:00Z",
        "\"2026-02-03T02:00:00.5+00:00\" | 2026-02-03T02:00:00.500Z",
        "1770084000                     | 2026-02-03T02:00:00Z",
        "1770084000123                  | 2026-02-03T02:00:00.123Z",
        "\"1770084000\"                 | 2026-02-03T02:00:00Z",
        "\"1770084000123\"              | 2026-02-03T02:00:00.123Z",
        "1770084000.25                  | 2026-02-03T02:00:00.250Z",
        // the forms the poll path reads (Dify's naive and older RFC 1123 times), read alike here
        "\"2026-02-03 02:00:00\"          | 2026-02-03T02:00:00Z",
        "\"2026-02-03 04:00:00+02:00\"    | 2026-02-03T02:00:00Z",
        "\"2026-02-03T02:00:00\"          | 2026-02-03T02:00:00Z",
        "\"2026-02-03T02:00:00.123456\"   | 2026-02-03T02:00:00.123456Z",
        "\"Tue, 03 Feb 2026 02:00:00 GMT\" | 2026-02-03T02:00:00Z",
        "\"Tue, 03 Feb 2026 04:00:00 +0200\" | 2026-02-03T02:00:00Z"
      })
  void receive_whenStartedAtInAnyAcceptedForm_readsIt(String json, String expected) {
    byte[] body =
        utf8(
            "{\"workflow\":{\"id\":\"w\"},\"execution\":{\"id\":\"e\",\"started_at\":"
                + json
                + "}}");

    FailedExecution failure = accepted(receive(body)).failure();

    assertThat(failure.execution().startedAt()).isEqualTo(Instant.parse(expected));
  }

  @Test
  void receive_whenPointersMissOrMismatch_reportsEveryProblemTogether() {
    WebhookReceipt.Rejected rejected = rejected(receive(fixture("generic-missing.json")));

    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.problems())
        .containsExactlyInAnyOrder(
            "workflowId: no value at /workflow/id",
            "executionId: no value at /execution/id",
            "errorMessage: expected a string or an integer at /errors/0/message",
            "startedAt: " + JsonFields.TIMESTAMP_EXPECTED + " at /execution/started_at");
    assertThat(rejected.response().body()).contains("workflowId").contains("startedAt");
  }

  @Test
  void receive_whenOptionalPointersMiss_leavesThoseFieldsEmpty() {
    byte[] body = utf8("{\"workflow\":{\"id\":\"w\"},\"execution\":{\"id\":\"e\"}}");

    FailedExecution failure = accepted(receive(body)).failure();

    assertThat(failure.workflow().name()).isNull();
    assertThat(failure.execution().status()).isEqualTo(WebhookFieldMapping.DEFAULT_STATUS);
    assertThat(failure.execution().startedAt()).isNull();
    assertThat(failure.error()).isNull();
  }

  @Test
  void receive_whenRequiredValueBlank_reportsIt() {
    byte[] body = utf8("{\"workflow\":{\"id\":\" \"},\"execution\":{\"id\":\"e\"}}");

    assertThat(rejected(receive(body)).problems())
        .containsExactly("workflowId: the value at /workflow/id is blank");
  }

  @Test
  void receive_whenBodyIsNotAnObject_reportsTheRequiredFields() {
    WebhookReceipt.Rejected rejected = rejected(receive(utf8("[1,2,3]")));

    assertThat(rejected.problems())
        .containsExactlyInAnyOrder(
            "workflowId: no value at /workflow/id", "executionId: no value at /execution/id");
  }

  @Test
  void receive_whenFinishedBeforeStarted_rejects400() {
    byte[] body =
        utf8(
            "{\"workflow\":{\"id\":\"w\"},\"execution\":{\"id\":\"e\","
                + "\"started_at\":\"2026-02-03T02:00:00Z\",\"finished_at\":\"2026-02-03T01:00:00Z\"}}");

    WebhookReceipt.Rejected rejected = rejected(receive(body));

    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.problems()).anySatisfy(p -> assertThat(p).contains("finishedAt"));
  }

  @Test
  void receive_whenStatusHasAnOutcome_usesIt() {
    mapping(WebhookTestKit.fullMapping().outcome("Cancelled", Outcome.STOPPED));
    byte[] body =
        utf8("{\"workflow\":{\"id\":\"w\"},\"execution\":{\"id\":\"e\",\"status\":\"CANCELLED\"}}");

    FailedExecution failure = accepted(receive(body)).failure();

    assertThat(failure.execution().status()).isEqualTo("CANCELLED");
    assertThat(failure.execution().outcome()).isEqualTo(Outcome.STOPPED);
  }

  @Test
  void receive_whenStatusIgnored_answers202Ignored() {
    mapping(WebhookTestKit.fullMapping().ignoreStatus("succeeded"));
    byte[] body =
        utf8("{\"workflow\":{\"id\":\"w\"},\"execution\":{\"id\":\"e\",\"status\":\"succeeded\"}}");

    WebhookReceipt receipt = receive(body);

    assertThat(receipt).isInstanceOf(WebhookReceipt.Ignored.class);
    assertThat(receipt.response().status()).isEqualTo(202);
    assertThat(receipt.response().body())
        .isEqualTo("{\"status\":\"ignored\",\"reason\":\"status is configured as not a failure\"}");
  }
}
