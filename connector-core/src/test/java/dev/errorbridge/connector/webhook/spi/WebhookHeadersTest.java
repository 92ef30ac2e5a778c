package dev.errorbridge.connector.webhook.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookHeadersTest {

  @Test
  void of_whenNamesDifferOnlyInCase_mergesThemInOrder() {
    WebhookHeaders headers =
        WebhookHeaders.of(
            Map.of("X-Alloy-WorkflowId", List.of("a"), "x-alloy-workflowid", List.of("b")));

    assertThat(headers.all("X-ALLOY-WORKFLOWID")).containsExactlyInAnyOrder("a", "b");
    assertThat(headers.first("missing")).isEmpty();
  }

  @Test
  void toString_whenValuesAreTokens_showsOnlyNames() {
    WebhookHeaders headers =
        WebhookHeaders.builder().add("X-Errorbridge-Token", "tok-123456").build();

    assertThat(headers.toString()).isEqualTo("WebhookHeaders[x-errorbridge-token]");
  }
}
