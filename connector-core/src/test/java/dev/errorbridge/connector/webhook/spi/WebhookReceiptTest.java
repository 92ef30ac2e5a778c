package dev.errorbridge.connector.webhook.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookReceiptTest {

  @Test
  void rejectedResponse_whenRetryAfterHasAFraction_roundsUpToWholeSeconds() {
    WebhookResponse response =
        new WebhookReceipt.Rejected(429, List.of("slow down"), Duration.ofMillis(1200)).response();

    assertThat(response.status()).isEqualTo(429);
    assertThat(response.headers())
        .containsEntry("Retry-After", "2")
        .containsEntry("Content-Type", "application/json")
        .containsEntry("Cache-Control", "no-store");
    assertThat(response.body()).isEqualTo("{\"status\":\"rejected\",\"problems\":[\"slow down\"]}");
  }

  @Test
  void rejectedResponse_whenRetryAfterBelowASecond_saysOneSecond() {
    WebhookResponse response =
        new WebhookReceipt.Rejected(429, List.of("x"), Duration.ofMillis(5)).response();

    assertThat(response.headers()).containsEntry("Retry-After", "1");
  }

  @Test
  void rejectedResponse_whenProblemHasQuotes_escapesThem() {
    WebhookResponse response =
        new WebhookReceipt.Rejected(400, List.of("a \"quoted\" \\ problem")).response();

    assertThat(response.body()).contains("a \\\"quoted\\\" \\\\ problem");
    assertThat(response.headers()).doesNotContainKey("Retry-After");
  }

  @Test
  void rejected_whenStatusNotAnError_refusesIt() {
    assertThatThrownBy(() -> new WebhookReceipt.Rejected(200, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ignoredResponse_whenBuilt_is202WithTheReason() {
    WebhookResponse response = new WebhookReceipt.Ignored("not a failure").response();

    assertThat(response.status()).isEqualTo(202).isEqualTo(WebhookReceipt.Ignored.IGNORED_STATUS);
    assertThat(response.body()).isEqualTo("{\"status\":\"ignored\",\"reason\":\"not a failure\"}");
  }
}
