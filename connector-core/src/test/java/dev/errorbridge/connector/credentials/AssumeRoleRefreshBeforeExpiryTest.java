package dev.errorbridge.connector.credentials;

import static dev.errorbridge.connector.credentials.LocalAwsCredentials.EXTERNAL_ID;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.REGION;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.ROLE_ARN;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;

/**
 * Assumed-role credentials are replaced before they expire, proved without waiting: local-aws's
 * clock (which issues and expires sessions) is set behind real time, so the first session it issues
 * is already inside the provider's prefetch window on the real clock the SDK's cache uses, then
 * moved forward past that session's expiry.
 */
class AssumeRoleRefreshBeforeExpiryTest {
  private static final Duration SESSION = Duration.ofMinutes(15);

  /**
   * Production prefetch and stale times, with the prefetch on the calling thread so the refresh has
   * happened when the call returns.
   */
  private static final AssumeRoleRefresh REFRESH =
      new AssumeRoleRefresh(
          SESSION,
          AssumeRoleRefresh.DEFAULT_PREFETCH_TIME,
          AssumeRoleRefresh.DEFAULT_STALE_TIME,
          false);

  /**
   * The first session expires this long after the real start: 30 s past its stale time, so it is
   * still usable, and at least a minute inside the prefetch window, past the SDK's prefetch jitter
   * (which ends a minute before the stale time).
   */
  private static final Duration FIRST_EXPIRY_AFTER_START =
      AssumeRoleRefresh.DEFAULT_STALE_TIME.plusSeconds(30);

  private final Instant realStart = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  // 12.5 minutes behind real time: within SigV4's 15-minute skew, so signatures still verify.
  private final MutableClock stsClock =
      new MutableClock(realStart.plus(FIRST_EXPIRY_AFTER_START).minus(SESSION));
  private final LocalAwsCredentials aws = new LocalAwsCredentials(stsClock);
  private final DestinationCredentialsProvider providers =
      aws.providers().assumeRoleRefresh(REFRESH).build();

  @AfterEach
  void close() {
    providers.close();
    aws.close();
  }

  @Test
  void resolveCredentials_whenInsideThePrefetchWindow_replacesTheSessionBeforeItExpires() {
    aws.registerRole();
    AwsCredentialsProvider credentials =
        providers.forConnection(
            TENANT, "conn-1", 1, REGION, new DestinationAuth.AssumeRole(ROLE_ARN, EXTERNAL_ID));

    AwsSessionCredentials first = (AwsSessionCredentials) credentials.resolveCredentials();
    stsClock.advance(Duration.ofMinutes(10)); // the first session has 5 minutes left on STS's clock
    AwsCredentials refreshed = credentials.resolveCredentials();
    AwsCredentials kept = credentials.resolveCredentials();
    stsClock.advance(Duration.ofMinutes(6)); // now past the first session's expiry

    assertThat(first.expirationTime()).hasValue(realStart.plus(FIRST_EXPIRY_AFTER_START));
    assertThat(refreshed.accessKeyId()).isNotEqualTo(first.accessKeyId());
    assertThat(kept.accessKeyId()).isEqualTo(refreshed.accessKeyId());
    assertThat(aws.localAws.stsRequests()).hasSize(2);
    assertThat(aws.putEvent("conn-1", credentials).failedEntryCount()).isZero();
    try (EventBridgeClient withFirstSession =
        aws.eventBridge(StaticCredentialsProvider.create(first))) {
      assertThatThrownBy(() -> withFirstSession.listEventBuses(r -> {}))
          .isInstanceOfSatisfying(
              EventBridgeException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException"));
    }
    assertThat(aws.localAws.stsRequests()).hasSize(2);
  }
}
