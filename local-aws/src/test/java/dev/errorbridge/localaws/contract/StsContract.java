package dev.errorbridge.localaws.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.errorbridge.localaws.contract.ContractEndpoint.Account;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * What the real AWS SDK's {@link StsClient} must see from an STS endpoint over the Query protocol:
 * AssumeRole with an External ID, the issued temporary credentials acting in the role's account,
 * and STS's refusals. Every test makes its own uniquely named role.
 */
public abstract class StsContract {
  private static final String EXTERNAL_ID = "eb-contract-external-id-0123456789";

  /** The endpoint under test. */
  protected abstract ContractEndpoint endpoint();

  @Test
  void assumeRole_whenTrustedAndExternalIdMatches_issuesTemporaryCredentials() {
    String roleArn = role(EXTERNAL_ID);
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    AssumeRoleResponse response =
        assume(Account.PRIMARY, r -> r.roleArn(roleArn).externalId(EXTERNAL_ID));

    Credentials credentials = response.credentials();
    assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
    assertThat(credentials.secretAccessKey()).isNotBlank();
    assertThat(credentials.sessionToken()).isNotBlank();
    assertThat(credentials.expiration())
        .isCloseTo(before.plus(Duration.ofHours(1)), within(1, ChronoUnit.MINUTES));
    assertThat(response.assumedRoleUser().arn())
        .isEqualTo(
            "arn:aws:sts::"
                + endpoint().accountId(Account.OTHER)
                + ":assumed-role/"
                + roleName(roleArn)
                + "/contract-session");
    assertThat(response.assumedRoleUser().assumedRoleId()).endsWith(":contract-session");
  }

  @Test
  void assumeRole_whenDurationGiven_expiresAfterThatDuration() {
    String roleArn = role(EXTERNAL_ID);
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    Credentials credentials =
        assume(
                Account.PRIMARY,
                r -> r.roleArn(roleArn).externalId(EXTERNAL_ID).durationSeconds(900))
            .credentials();

    assertThat(credentials.expiration())
        .isCloseTo(before.plus(Duration.ofMinutes(15)), within(1, ChronoUnit.MINUTES));
  }

  @Test
  void temporaryCredentials_actInTheRolesAccount() {
    String roleArn = role(EXTERNAL_ID);
    AwsSessionCredentials session =
        sessionCredentials(
            assume(Account.PRIMARY, r -> r.roleArn(roleArn).externalId(EXTERNAL_ID)));
    String busName = "sts-contract-" + UUID.randomUUID();

    GetCallerIdentityResponse identity;
    try (StsClient asRole = endpoint().sts(session);
        EventBridgeClient eventsAsRole = endpoint().eventBridge(session);
        EventBridgeClient roleAccount = endpoint().eventBridge(Account.OTHER);
        EventBridgeClient callerAccount = endpoint().eventBridge(Account.PRIMARY)) {
      identity = asRole.getCallerIdentity(r -> {});
      eventsAsRole.createEventBus(r -> r.name(busName));

      assertThat(roleAccount.listEventBuses(r -> r.namePrefix(busName)).eventBuses())
          .singleElement()
          .satisfies(bus -> assertThat(bus.name()).isEqualTo(busName));
      assertThat(callerAccount.listEventBuses(r -> r.namePrefix(busName)).eventBuses()).isEmpty();
      roleAccount.deleteEventBus(r -> r.name(busName));
    }
    assertThat(identity.account()).isEqualTo(endpoint().accountId(Account.OTHER));
    assertThat(identity.arn()).endsWith(":assumed-role/" + roleName(roleArn) + "/contract-session");
  }

  @Test
  void assumeRole_whenExternalIdWrong_isAccessDenied() {
    enforcing();
    String roleArn = role(EXTERNAL_ID);

    assertAccessDenied(roleArn, r -> r.roleArn(roleArn).externalId("eb-someone-elses-id"));
  }

  @Test
  void assumeRole_whenExternalIdMissing_isAccessDenied() {
    enforcing();
    String roleArn = role(EXTERNAL_ID);

    assertAccessDenied(roleArn, r -> r.roleArn(roleArn));
  }

  @Test
  void assumeRole_whenRoleUnknown_isAccessDenied() {
    enforcing();
    String roleArn = "arn:aws:iam::" + endpoint().accountId(Account.OTHER) + ":role/never-created";

    assertAccessDenied(roleArn, r -> r.roleArn(roleArn).externalId(EXTERNAL_ID));
  }

  @Test
  void assumeRole_whenCallerAccountNotTrusted_isAccessDenied() {
    enforcing();
    // Trusts PRIMARY only; OTHER owns it but is not in its trust policy.
    String roleArn = role(EXTERNAL_ID);

    assertThatThrownBy(() -> assume(Account.OTHER, r -> r.roleArn(roleArn).externalId(EXTERNAL_ID)))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
  }

  @Test
  void assumeRole_whenDurationBelowFifteenMinutes_isValidationError() {
    enforcing();
    String roleArn = role(EXTERNAL_ID);

    assertThatThrownBy(
            () ->
                assume(
                    Account.PRIMARY,
                    r -> r.roleArn(roleArn).externalId(EXTERNAL_ID).durationSeconds(899)))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
              assertThat(e.awsErrorDetails().errorMessage())
                  .contains("'durationSeconds'")
                  .contains("Member must have value greater than or equal to 900");
            });
  }

  @Test
  void assumeRole_whenSessionNameHasSpaces_isValidationError() {
    enforcing();
    String roleArn = role(EXTERNAL_ID);

    assertThatThrownBy(
            () ->
                assume(
                    Account.PRIMARY,
                    r -> r.roleArn(roleArn).externalId(EXTERNAL_ID).roleSessionName("has spaces")))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
              assertThat(e.awsErrorDetails().errorMessage())
                  .contains("'roleSessionName'")
                  .contains("regular expression pattern");
            });
  }

  @Test
  void request_whenSessionTokenWrong_isInvalidClientTokenId() {
    assumeTrue(endpoint().verifiesSignatures(), "this endpoint does not verify signatures");
    String roleArn = role(EXTERNAL_ID);
    AwsSessionCredentials session =
        sessionCredentials(
            assume(Account.PRIMARY, r -> r.roleArn(roleArn).externalId(EXTERNAL_ID)));
    AwsSessionCredentials forged =
        AwsSessionCredentials.create(
            session.accessKeyId(), session.secretAccessKey(), "not-the-session-token");

    try (StsClient sts = endpoint().sts(forged)) {
      assertThatThrownBy(() -> sts.getCallerIdentity(r -> {}))
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
              });
    }
  }

  @Test
  void request_whenSecretWrong_isSignatureDoesNotMatch() {
    assumeTrue(endpoint().verifiesSignatures(), "this endpoint does not verify signatures");
    String keyId = endpoint().credentials(Account.PRIMARY).accessKeyId();

    try (StsClient sts =
        endpoint()
            .sts(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                    keyId, "not-the-secret"))) {
      assertThatThrownBy(() -> sts.getCallerIdentity(r -> {}))
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
              });
    }
  }

  private void enforcing() {
    assumeTrue(endpoint().enforcesRoleTrust(), "this endpoint does not enforce role trust");
  }

  /** A role in OTHER's account that PRIMARY may assume with {@code externalId}. */
  private String role(String externalId) {
    return endpoint()
        .createRole(
            "errorbridge-contract-" + UUID.randomUUID(),
            Account.OTHER,
            Account.PRIMARY,
            externalId);
  }

  private AssumeRoleResponse assume(Account caller, Consumer<AssumeRoleRequest.Builder> request) {
    try (StsClient sts = endpoint().sts(caller)) {
      return sts.assumeRole(r -> request.accept(r.roleSessionName("contract-session")));
    }
  }

  private void assertAccessDenied(String roleArn, Consumer<AssumeRoleRequest.Builder> request) {
    assertThatThrownBy(() -> assume(Account.PRIMARY, request))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo(
                      "User: arn:aws:iam::"
                          + endpoint().accountId(Account.PRIMARY)
                          + ":root is not authorized to perform: sts:AssumeRole on resource: "
                          + roleArn);
            });
  }

  private static AwsSessionCredentials sessionCredentials(AssumeRoleResponse response) {
    Credentials c = response.credentials();
    return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
  }

  private static String roleName(String roleArn) {
    return roleArn.substring(roleArn.lastIndexOf('/') + 1);
  }
}
