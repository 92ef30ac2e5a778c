package dev.errorbridge.connector.partner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestination;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.testing.TestConnections;
import dev.errorbridge.localaws.AccountCredentials;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.LocalAwsConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The partner sources' states kept are bounded and dropped once older than their TTL. */
class PartnerSourceReadinessTest {
  private static final AccountCredentials PARTNER =
      new AccountCredentials("partner-key", "partner-secret", "444455556666");
  private static final Duration TTL = Duration.ofSeconds(30);

  private static LocalAws localAws;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final SdkHttpClient http = UrlConnectionHttpClient.create();
  private final PartnerEventSources sources =
      new PartnerEventSources(
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(PARTNER.accessKeyId(), PARTNER.secretAccessKey())),
          localAws.endpoint(),
          http);

  @BeforeAll
  static void startLocalAws() {
    localAws = LocalAws.start(LocalAwsConfig.builder().credentials(PARTNER).build());
  }

  @AfterAll
  static void stopLocalAws() {
    localAws.close();
  }

  @AfterEach
  void close() {
    sources.close();
    http.close();
  }

  @Test
  void state_whenMoreSourcesThanTheBound_keepsAtMostTheBound() {
    PartnerSourceReadiness readiness =
        new PartnerSourceReadiness(sources, PartnerMode.off(), TTL, clock, 2);

    for (int i = 0; i < 20; i++) {
      readiness.state(connection("c-" + i));
    }

    assertThat(readiness.knownSources()).isLessThanOrEqualTo(2);
  }

  @Test
  void state_whenUnreadForTheTtl_dropsIt() {
    PartnerSourceReadiness readiness =
        new PartnerSourceReadiness(sources, PartnerMode.off(), TTL, clock);
    PartnerSourceState state = readiness.state(connection("c-1"));

    clock.advance(Duration.ofSeconds(29));
    assertThat(readiness.state(connection("c-1"))).isEqualTo(state);
    assertThat(readiness.knownSources()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(31));

    assertThat(readiness.knownSources()).isZero();
  }

  private static Connection connection(String id) {
    Connection c = TestConnections.dify("tenant-a", id);
    return new Connection(
        c.id(),
        c.tenantId(),
        c.name(),
        c.enabled(),
        c.source(),
        c.webhook(),
        new ConnectionDestination(
            "us-east-1",
            "aws.partner/errorbridge.test/tenant-a/" + id,
            new DestinationAuth.PartnerEventSource("111122223333")),
        c.mapping(),
        c.health(),
        c.createdAt(),
        c.updatedAt(),
        c.version());
  }
}
