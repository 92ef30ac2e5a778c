package dev.errorbridge.connector.credentials;

import static dev.errorbridge.connector.credentials.LocalAwsCredentials.CUSTOMER_KEYS;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.REGION;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.connection.HealthState;
import dev.errorbridge.connector.secrets.SecretPurpose;
import dev.errorbridge.localaws.fault.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** ACCESS_KEYS: stored keys decrypted through local-aws's KMS on first use, then PutEvents. */
class AccessKeysCredentialsTest {
  private final LocalAwsCredentials aws = new LocalAwsCredentials();
  private final CountingCipher cipher = new CountingCipher(aws.cipher);
  private final DestinationCredentialsProvider providers = aws.providers(cipher).build();

  @AfterEach
  void close() {
    providers.close();
    aws.close();
  }

  @Test
  void forConnection_whenAccessKeys_signsPutEventsInTheKeysAccount() {
    AwsCredentialsProvider credentials =
        providers.forConnection(TENANT, "conn-1", 1, REGION, aws.customerKeys("conn-1"));

    PutEventsResponse response = aws.putEvent("conn-1", credentials);

    assertThat(response.failedEntryCount()).isZero();
    AwsCredentials resolved = credentials.resolveCredentials();
    assertThat(resolved.accessKeyId()).isEqualTo(CUSTOMER_KEYS.accessKeyId());
    assertThat(resolved.secretAccessKey()).isEqualTo(CUSTOMER_KEYS.secretAccessKey());
    assertThat(resolved).isNotInstanceOf(AwsSessionCredentials.class);
  }

  @Test
  void forConnection_whenSessionTokenStored_resolvesSessionCredentialsThatPutEventsAccepts() {
    Credentials session = temporaryCustomerCredentials();
    DestinationAuth.AccessKeys keys =
        new DestinationAuth.AccessKeys(
            session.accessKeyId(),
            aws.store("conn-1", SecretPurpose.AWS_SECRET_ACCESS_KEY, session.secretAccessKey()),
            aws.store("conn-1", SecretPurpose.AWS_SESSION_TOKEN, session.sessionToken()));
    AwsCredentialsProvider credentials = providers.forConnection(TENANT, "conn-1", 1, REGION, keys);

    PutEventsResponse response = aws.putEvent("conn-1", credentials);

    assertThat(response.failedEntryCount()).isZero();
    assertThat(credentials.resolveCredentials())
        .isInstanceOfSatisfying(
            AwsSessionCredentials.class,
            c -> assertThat(c.sessionToken()).isEqualTo(session.sessionToken()));
  }

  @Test
  void forConnection_decryptsNothingUntilTheFirstCallIsSigned() {
    AwsCredentialsProvider credentials =
        providers.forConnection(TENANT, "conn-1", 1, REGION, aws.customerKeys("conn-1"));
    int beforeUse = cipher.decryptions();

    aws.putEvent("conn-1", credentials);

    assertThat(beforeUse).isZero();
    assertThat(cipher.decryptions()).isEqualTo(1);
  }

  @Test
  void forConnection_whenKmsFailing_succeedsAndTheFirstUseFailsRetryably() {
    DestinationAuth.AccessKeys keys = aws.customerKeys("conn-1");
    aws.localAws.faults().inject(Fault.httpStatus("Decrypt", 500).always());

    AwsCredentialsProvider credentials = providers.forConnection(TENANT, "conn-1", 1, REGION, keys);

    assertThatThrownBy(credentials::resolveCredentials)
        .isInstanceOfSatisfying(
            AccessKeysUnavailableException.class,
            e -> {
              assertThat(e.action()).isEqualTo(CredentialsFailureAction.RETRY);
              assertThat(e.retryable()).isTrue();
              assertThat(e.connectionId()).isEqualTo("conn-1");
              assertThat(e.authMode()).isEqualTo(DestinationAuth.AuthMode.ACCESS_KEYS);
            });
  }

  @Test
  void resolveCredentials_whenKmsKeyDisabled_putsTheConnectionInErrorNamingTheKeyAndFix() {
    DestinationAuth.AccessKeys keys = aws.customerKeys("conn-1");
    aws.kms.disableKey(r -> r.keyId(aws.keyId));
    AwsCredentialsProvider credentials = providers.forConnection(TENANT, "conn-1", 1, REGION, keys);

    assertThatThrownBy(credentials::resolveCredentials)
        .isInstanceOfSatisfying(
            AccessKeysUnavailableException.class,
            e -> {
              assertThat(e.action()).isEqualTo(CredentialsFailureAction.ERROR);
              assertThat(e.action().healthState()).isEqualTo(HealthState.ERROR);
              assertThat(e.awsErrorCode()).isEqualTo("DisabledException");
              assertThat(e)
                  .hasMessageContaining("conn-1")
                  .hasMessageContaining(keys.accessKeyIdHint())
                  .hasMessageContaining(aws.keyId)
                  .hasMessageContaining("enable it");
            });
  }

  @Test
  void resolveCredentials_whenCiphertextBelongsToAnotherConnection_isError() {
    DestinationAuth.AccessKeys otherConnectionsKeys = aws.customerKeys("conn-2");
    AwsCredentialsProvider credentials =
        providers.forConnection(TENANT, "conn-1", 1, REGION, otherConnectionsKeys);

    assertThatThrownBy(credentials::resolveCredentials)
        .isInstanceOfSatisfying(
            AccessKeysUnavailableException.class,
            e -> {
              assertThat(e.action()).isEqualTo(CredentialsFailureAction.ERROR);
              assertThat(e.awsErrorCode()).isEqualTo("InvalidCiphertextException");
              assertThat(e).hasMessageContaining("enter the secret again");
            });
  }

  @Test
  void putEvents_whenCredentialsFail_throwsTheClassifiedFailure() {
    DestinationAuth.AccessKeys keys = aws.customerKeys("conn-1");
    aws.kms.disableKey(r -> r.keyId(aws.keyId));
    AwsCredentialsProvider credentials = providers.forConnection(TENANT, "conn-1", 1, REGION, keys);

    assertThatThrownBy(() -> aws.putEvent("conn-1", credentials))
        // The SDK passes a provider's exception through unwrapped; find() also digs it out of
        // wrappers.
        .isInstanceOf(AccessKeysUnavailableException.class)
        .satisfies(
            e ->
                assertThat(DestinationCredentialsException.find(e))
                    .hasValueSatisfying(
                        found ->
                            assertThat(found.action()).isEqualTo(CredentialsFailureAction.ERROR)));
  }

  /** A session in the customer's account, as a customer might paste temporary keys. */
  private Credentials temporaryCustomerCredentials() {
    aws.localAws
        .roles()
        .register(
            "arn:aws:iam::111111111111:role/console-user",
            java.util.Set.of(LocalAwsCredentials.ERRORBRIDGE_ACCOUNT),
            null);
    try (StsClient sts = aws.stsClients().create(software.amazon.awssdk.regions.Region.US_EAST_1)) {
      return sts.assumeRole(
              r ->
                  r.roleArn("arn:aws:iam::111111111111:role/console-user")
                      .roleSessionName("customer"))
          .credentials();
    }
  }
}
