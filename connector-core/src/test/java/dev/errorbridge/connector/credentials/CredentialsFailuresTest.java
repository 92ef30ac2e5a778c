package dev.errorbridge.connector.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.connection.StoredSecret;
import dev.errorbridge.connector.secrets.EncryptedSecret;
import dev.errorbridge.connector.secrets.SecretCipherException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.sts.model.StsException;

/** How each AWS answer is classified, without a server. */
class CredentialsFailuresTest {
  private static final DestinationAuth.AssumeRole ROLE =
      new DestinationAuth.AssumeRole("arn:aws:iam::111111111111:role/r", "eb-external");

  @ParameterizedTest
  @CsvSource({
    "AccessDenied, 403, SUSPEND",
    "Throttling, 400, RETRY",
    "InternalFailure, 500, RETRY",
    "ServiceUnavailable, 503, RETRY",
    "InvalidClientTokenId, 403, RETRY",
    "SignatureDoesNotMatch, 403, RETRY",
    "ExpiredToken, 400, RETRY",
    "RegionDisabledException, 403, ERROR",
    "ValidationError, 400, ERROR",
    "MalformedPolicyDocument, 400, ERROR"
  })
  void assumeRole_classifiesStsErrorCodes(
      String code, int status, CredentialsFailureAction action) {
    StsException sts =
        (StsException)
            StsException.builder()
                .statusCode(status)
                .awsErrorDetails(
                    AwsErrorDetails.builder().errorCode(code).errorMessage("says STS").build())
                .build();

    AssumeRoleFailedException e = CredentialsFailures.assumeRole("conn-1", "eu-west-1", ROLE, sts);

    assertThat(e.action()).isEqualTo(action);
    assertThat(e.awsErrorCode()).isEqualTo(code);
    assertThat(e)
        .hasMessageStartingWith("Connection conn-1 could not assume role " + ROLE.roleArn());
  }

  @Test
  void assumeRole_whenStsUnreachable_isRetryNamingTheRegion() {
    SdkClientException unreachable =
        SdkClientException.create("Unable to execute HTTP request", new ConnectException());

    AssumeRoleFailedException e =
        CredentialsFailures.assumeRole("conn-1", "eu-west-1", ROLE, unreachable);

    assertThat(e.action()).isEqualTo(CredentialsFailureAction.RETRY);
    assertThat(e.awsErrorCode()).isNull();
    assertThat(e).hasMessageContaining("STS in eu-west-1 could not be reached");
  }

  @Test
  void accessKeys_whenKmsThrottles_isRetry() {
    KmsException throttled =
        (KmsException)
            KmsException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build())
                .build();
    SecretCipherException cipher =
        new SecretCipherException(
            "Could not decrypt: retry later", "ThrottlingException", throttled);

    assertThat(CredentialsFailures.accessKeys("conn-1", keys(), cipher).action())
        .isEqualTo(CredentialsFailureAction.RETRY);
  }

  @Test
  void accessKeys_whenKmsUnreachableOrSomethingElse_isRetryOrError() {
    assertThat(
            CredentialsFailures.accessKeys("conn-1", keys(), SdkClientException.create("timeout"))
                .action())
        .isEqualTo(CredentialsFailureAction.RETRY);
    assertThat(
            CredentialsFailures.accessKeys(
                    "conn-1", keys(), new UncheckedIOException(new IOException()))
                .action())
        .isEqualTo(CredentialsFailureAction.ERROR);
  }

  @Test
  void find_whenWrapped_returnsTheCredentialsFailure() {
    AssumeRoleFailedException failure =
        CredentialsFailures.assumeRole("conn-1", "eu-west-1", ROLE, SdkClientException.create("x"));

    assertThat(DestinationCredentialsException.find(new RuntimeException(failure)))
        .containsSame(failure);
    assertThat(DestinationCredentialsException.find(new RuntimeException("other"))).isEmpty();
  }

  private static DestinationAuth.AccessKeys keys() {
    return new DestinationAuth.AccessKeys(
        "AKIAEXAMPLE000000001",
        new StoredSecret(new EncryptedSecret("key", new byte[] {1}), "****"),
        null);
  }
}
