package dev.errorbridge.connector.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.mapping.DefaultFailedExecutionMapper;
import dev.errorbridge.connector.retry.RetrySchedule;
import dev.errorbridge.connector.webhook.spi.WebhookConfigInvalidException;
import dev.errorbridge.connector.webhook.spi.WebhookEnricher;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookIntakePartsTest {

  @Test
  void constructor_whenPartsMissing_namesEveryOne() {
    assertThatThrownBy(
            () ->
                new WebhookIntake(
                    new WebhookIntake.Parts(
                        null,
                        null,
                        null,
                        null,
                        null,
                        new DefaultFailedExecutionMapper(),
                        RetrySchedule.defaults(),
                        null,
                        WebhookEnricher.none()),
                    Duration.ZERO,
                    null))
        .isInstanceOfSatisfying(
            WebhookConfigInvalidException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "receiver is required",
                        "connections is required",
                        "delivery is required",
                        "outbox is required",
                        "deadLetters is required",
                        "clock is required",
                        "publishBudget must be a positive duration, e.g. PT3S"));
  }
}
