package dev.errorbridge.connector.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class PublisherConfigTest {

  @Test
  void defaults_whenBuilt_stayWellUnderTheSmallestRegionalQuota() {
    PublisherConfig config = PublisherConfig.defaults();

    assertThat(config.maxEntriesPerRequest()).isEqualTo(10);
    assertThat(config.maxRequestBytes()).isEqualTo(256 * 1024);
    assertThat(config.requestsPerSecond()).isLessThan(400);
  }

  @Test
  void build_whenSeveralSettingsInvalid_reportsEveryOne() {
    assertThatThrownBy(
            () ->
                PublisherConfig.builder()
                    .maxEntriesPerRequest(11)
                    .maxRequestBytes(2 * 1024 * 1024)
                    .maxAttempts(0)
                    .backoff(Duration.ofSeconds(2), 0.5, 1.5, Duration.ofSeconds(1))
                    .build())
        .isInstanceOf(PublisherConfigInvalidException.class)
        .hasMessageContaining("maxEntriesPerRequest must be between 1 and 10")
        .hasMessageContaining("maxRequestBytes must be between 1024 and 1048576")
        .hasMessageContaining("maxAttempts must be at least 1")
        .hasMessageContaining("multiplier must be at least 1.0")
        .hasMessageContaining("jitter")
        .hasMessageContaining("maximum backoff must be at least the initial backoff");
  }

  @Test
  void destination_whenBusNameInvalid_namesTheRule() {
    assertThatThrownBy(
            () ->
                Destination.of(
                    "t",
                    "c",
                    Region.US_EAST_1,
                    "bad bus!",
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret"))))
        .isInstanceOf(PublisherConfigInvalidException.class)
        .hasMessageContaining("eventBusName must be a bus name");
  }

  @Test
  void destination_toString_neverShowsCredentials() {
    Destination destination =
        Destination.of(
            "t",
            "c",
            Region.US_EAST_1,
            "errors",
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLEKEY", "top-secret-value")));

    assertThat(destination.toString())
        .doesNotContain("top-secret-value")
        .doesNotContain("AKIDEXAMPLEKEY");
  }
}
