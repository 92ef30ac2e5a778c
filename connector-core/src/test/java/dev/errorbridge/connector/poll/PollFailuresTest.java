package dev.errorbridge.connector.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.SourceAddressForbiddenException;
import dev.errorbridge.connector.source.SourceRequestRejectedException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollFailuresTest {
  private static final Instant NOW = Instant.parse("2026-02-03T10:00:00Z");

  @Test
  void of_whenTheHostNowResolvesToAForbiddenAddress_putsTheConnectionInErrorWithTheMessage() {
    SourceAddressForbiddenException e =
        new SourceAddressForbiddenException(
            Platform.DIFY,
            "conn_dify",
            "GET /workflows/logs",
            "host api.dify.example now resolves to private address 10.0.0.7");

    PollFailures.Failure failure = PollFailures.of(e, NOW, PollConfig.defaults());

    assertThat(failure.status()).isEqualTo(PollStatus.SETTINGS_INVALID);
    assertThat(failure.connectionError()).isTrue();
    assertThat(failure.message())
        .contains("now resolves to private address 10.0.0.7")
        .contains("nothing was sent");
  }

  @Test
  void of_whenThePlatformRejectsTheRequest_recordsAPlatformErrorWithoutErroringTheConnection() {
    PollFailures.Failure failure =
        PollFailures.of(
            new SourceRequestRejectedException(
                Platform.DIFY, "conn_dify", "GET /workflows/logs", 400, "invalid_param"),
            NOW,
            PollConfig.defaults());

    assertThat(failure.status()).isEqualTo(PollStatus.PLATFORM_ERROR);
    assertThat(failure.connectionError()).isFalse();
  }
}
