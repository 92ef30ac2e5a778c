package dev.errorbridge.connector.credentials;

import static dev.errorbridge.connector.credentials.LocalAwsCredentials.ERRORBRIDGE_ACCOUNT;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.ERRORBRIDGE_CREDENTIALS;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.EXTERNAL_ID;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.REGION;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.ROLE_ARN;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.localaws.fault.Fault;
import dev.errorbridge.localaws.sts.AssumeRoleCall;
import dev.errorbridge.localaws.sts.StsRole;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** ASSUME_ROLE through local-aws's STS, with the connection's External ID. */
class AssumeRoleCredentialsTest {
  private static final DestinationAuth.AssumeRole ROLE =
      new DestinationAuth.AssumeRole(ROLE_ARN, EXTERNAL_ID);

  private final LocalAwsCredentials aws = new LocalAwsCredentials();
  private final DestinationCredentialsProvider providers = aws.providers().build();

  @AfterEach
  void close() {
    providers.close();
    aws.close();
  }

  @Test
  void forConnection_whenAssumeRole_passesTheExternalIdAndPublishesInTheRolesAccount() {
    aws.registerRole();
    // The production STS factory, pointed at local-aws.
    try (DefaultStsClientFactory sts =
            new DefaultStsClientFactory(ERRORBRIDGE_CREDENTIALS, aws.localAws.endpoint());
        DestinationCredentialsProvider real = aws.providers().stsClients(sts).build()) {
      AwsCredentialsProvider credentials = real.forConnection(TENANT, "conn-1", 1, REGION, ROLE);

      assertThat(aws.putEvent("conn-1", credentials).failedEntryCount()).isZero();
    }

    assertThat(aws.localAws.stsRequests())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.granted()).isTrue();
              assertThat(call.roleArn()).isEqualTo(ROLE_ARN);
              assertThat(call.externalId()).isEqualTo(EXTERNAL_ID);
              assertThat(call.roleSessionName()).isEqualTo("errorbridge-conn-1");
              assertThat(call.callerAccountId()).isEqualTo(ERRORBRIDGE_ACCOUNT);
              assertThat(call.durationSeconds()).isEqualTo(3600);
            });
  }

  @Test
  void forConnection_callsStsOnlyWhenTheFirstCallIsSigned() {
    aws.registerRole();

    AwsCredentialsProvider credentials = providers.forConnection(TENANT, "conn-1", 1, REGION, ROLE);
    int beforeUse = aws.localAws.stsRequests().size();
    credentials.resolveCredentials();
    credentials.resolveCredentials();

    assertThat(beforeUse).isZero();
    assertThat(aws.localAws.stsRequests()).hasSize(1);
  }

  @Test
  void resolveCredentials_whenExternalIdWrong_suspendsWithTheTrustPolicyFix() {
    aws.localAws
        .roles()
        .register(ROLE_ARN, Set.of(ERRORBRIDGE_ACCOUNT), "eb-another-connections-id");
    AwsCredentialsProvider credentials = providers.forConnection(TENANT, "conn-1", 1, REGION, ROLE);

    assertThatThrownBy(credentials::resolveCredentials)
        .isInstanceOfSatisfying(
            AssumeRoleFailedException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.action()).isEqualTo(CredentialsFailureAction.SUSPEND);
              assertThat(e.action().healthState()).isEqualTo(HealthState.SUSPENDED);
              assertThat(e.awsErrorCode()).isEqualTo("AccessDenied");
              assertThat(e.roleArn()).isEqualTo(ROLE_ARN);
              assertThat(e)
                  .hasMessageContaining("Connection conn-1")
                  .hasMessageContaining(ROLE_ARN)
                  .hasMessageContaining("{\"sts:ExternalId\": \"" + EXTERNAL_ID + "\"}");
            });
    assertThat(aws.localAws.stsRequests())
        .extracting(AssumeRoleCall::externalId)
        .containsExactly(EXTERNAL_ID);
  }

  @Test
  void resolveCredentials_whenStsThrottles_isRetryable() {
    aws.registerRole();
    aws.localAws.faults().inject(Fault.throttle("AssumeRole"));
    AwsCredentialsProvider credentials = providers.forConnection(TENANT, "conn-1", 1, REGION, ROLE);

    assertThatThrownBy(credentials::resolveCredentials)
        .isInstanceOfSatisfying(
            AssumeRoleFailedException.class,
            e -> {
              assertThat(e.action()).isEqualTo(CredentialsFailureAction.RETRY);
              assertThat(e.awsErrorCode()).isEqualTo("Throttling");
            });
    assertThat(credentials.resolveCredentials().accessKeyId()).startsWith("ASIA");
  }

  @Test
  void resolveCredentials_whenSessionLongerThanTheRoleAllows_isErrorNamingTheFix() {
    aws.localAws
        .roles()
        .register(
            StsRole.of(ROLE_ARN, Set.of(ERRORBRIDGE_ACCOUNT), EXTERNAL_ID)
                .withMaxSessionDurationSeconds(3600));
    AssumeRoleRefresh twoHours =
        new AssumeRoleRefresh(
            Duration.ofHours(2),
            AssumeRoleRefresh.DEFAULT_PREFETCH_TIME,
            AssumeRoleRefresh.DEFAULT_STALE_TIME,
            false);
    try (DestinationCredentialsProvider longSessions =
        aws.providers().assumeRoleRefresh(twoHours).build()) {
      AwsCredentialsProvider credentials =
          longSessions.forConnection(TENANT, "conn-1", 1, REGION, ROLE);

      assertThatThrownBy(credentials::resolveCredentials)
          .isInstanceOfSatisfying(
              AssumeRoleFailedException.class,
              e -> {
                assertThat(e.action()).isEqualTo(CredentialsFailureAction.ERROR);
                assertThat(e.awsErrorCode()).isEqualTo("ValidationError");
                assertThat(e).hasMessageContaining("maximum session duration");
              });
    }
  }

  @Test
  void resolveCredentials_whenConnectionIdHasCharactersStsRefuses_usesASanitisedSessionName() {
    aws.registerRole();

    providers.forConnection(TENANT, "conn/1 ünïcode:x", 1, REGION, ROLE).resolveCredentials();

    assertThat(aws.localAws.stsRequests())
        .singleElement()
        .satisfies(
            call -> assertThat(call.roleSessionName()).isEqualTo("errorbridge-conn-1--n-code-x"));
  }

  @Test
  void forConnection_byDefault_refreshesInTheBackgroundFiveMinutesBeforeExpiry() {
    aws.registerRole();
    try (DestinationCredentialsProvider defaults =
        aws.providers().assumeRoleRefresh(AssumeRoleRefresh.defaults()).build()) {
      AssumeRoleCredentialsProvider credentials =
          (AssumeRoleCredentialsProvider) defaults.forConnection(TENANT, "conn-1", 1, REGION, ROLE);

      assertThat(credentials.delegate().prefetchTime()).isEqualTo(Duration.ofMinutes(5));
      assertThat(credentials.delegate().staleTime()).isEqualTo(Duration.ofMinutes(2));
      assertThat(credentials.resolveCredentials())
          .isInstanceOfSatisfying(
              AwsSessionCredentials.class, c -> assertThat(c.expirationTime()).isPresent());
    }
  }
}
